"""Fuzzing the loader: random and mutated workbooks give a clean error list or a clean load, never a crash or a partial write."""

import io
import json
import random
import subprocess
import sys
import textwrap
import time
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import ROOT, tidy_workbook
from tests.unit.hostile_xlsx import hostile_cases
from tests.unit.snapshot import fingerprint

SEED, CASES, BUDGET_SECONDS = 20261123, 160, 120
INDICATORS = [
    ["FZ-1", "Fuzz one", "P1", "higher", "%", "annual"],
    ["FZ-2", "Fuzz two", "P1", "lower", "count", "annual"],
]
VALID = tidy_workbook(
    [
        ["KS2-L4-EM", "2013", "actual", 80.1],
        ["KS4-5AC-EM", "2012/13", "target", 62],
        ["FZ-1", "Q2 2012-13", "actual", 55.5],
        ["FZ-2", "Sep 12", "actual", 3],
    ],
    INDICATORS,
)
HEADERS = ["Indicator", "Period", "Measure", "Value", "Area", "Status", "Note", "Code", "Title", "Polarity", "Unit"]


def random_cell(rng: random.Random):
    choice = rng.randrange(12)
    return [
        None,
        rng.uniform(-1e12, 1e12),
        rng.randint(-10, 10),
        "=SUM(A1:A2)",
        "<script>x</script>",
        "",
        "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 40))),
        rng.choice(["KS2-L4-EM", "FZ-1", "ks4-5ac-em ", "nope"]),
        rng.choice(["2013", "2012/13", "Sep 12", "Q2 2012-13", "Q9 2012", "13/2012", "1899"]),
        rng.choice(["actual", "target", "floor", "rag_reported", "ACTUAL", "junk"]),
        datetime(rng.randrange(1900, 2100), rng.randrange(1, 13), 1),
        "x" * rng.randrange(1, 5000),
    ][choice]


def random_workbook(rng: random.Random) -> bytes:
    book = Workbook()
    for s in range(rng.randrange(1, 4)):
        sheet = book.active if s == 0 else book.create_sheet()
        sheet.title = rng.choice(["Indicators", "Data", "Sheet", "Return", f"S{s}"]) + ("" if s == 0 else str(s))
        headers = rng.sample(HEADERS, rng.randrange(0, len(HEADERS)))
        sheet.append([h.upper() if rng.random() < 0.2 else h for h in headers])
        for _ in range(rng.randrange(0, 30)):
            sheet.append([random_cell(rng) for _ in range(max(1, len(headers) + rng.randrange(-1, 2)))])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def flipped(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 20)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def xml_mutated(rng: random.Random, data: bytes) -> bytes:
    """Valid zip, damaged XML inside: reaches the parser rather than the zip checks."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.endswith(".xml") and rng.random() < 0.5 and body:
                body = bytearray(body)
                for _ in range(rng.randrange(1, 8)):
                    at = rng.randrange(len(body))
                    body[at : at + rng.randrange(1, 6)] = rng.choice([b"", b"<", b">", b'"', b"9" * 12, b"&", b"x"])
                body = bytes(body)
            target.writestr(info.filename, body)
    return buffer.getvalue()


def cases(rng: random.Random):
    makers = [
        ("random cells", lambda: random_workbook(rng)),
        ("byte flips", lambda: flipped(rng, VALID)),
        ("truncated", lambda: VALID[: rng.randrange(len(VALID))]),
        ("xml mutated", lambda: xml_mutated(rng, VALID)),
        ("random bytes", lambda: rng.randbytes(rng.randrange(0, 4096))),
        ("mutated random workbook", lambda: xml_mutated(rng, random_workbook(rng))),
    ]
    for n in range(CASES):
        kind, make = makers[n % len(makers)]
        yield n, kind, make()


def test_every_input_gives_a_clean_error_or_a_clean_load(demo_db, tmp_path):
    rng, store, failures = random.Random(SEED), Store(demo_db), []
    started, outcomes = time.monotonic(), {"errors": 0, "loads": 0}
    for n, kind, data in cases(rng):
        if time.monotonic() - started > BUDGET_SECONDS:
            break
        before_version, before = store.data_version(), fingerprint(store)
        try:
            result = load_return(store, data, f"fuzz-{n}.xlsx", user="fuzz")
        except Exception as exc:
            (tmp_path / f"case-{n}.xlsx").write_bytes(data)
            failures.append(f"case {n} ({kind}): {type(exc).__name__}: {exc}"[:300])
            continue
        if not result.ok:
            outcomes["errors"] += 1
            problems_are_plain = all(
                str(p.where) and str(p.message) and "Traceback" not in str(p) for p in result.problems
            )
            unchanged = store.data_version() == before_version and fingerprint(store) == before
            if not (problems_are_plain and unchanged):
                failures.append(f"case {n} ({kind}): error result but plain={problems_are_plain} unchanged={unchanged}")
        elif result.upload_id is None:
            outcomes["loads"] += 1
            if store.data_version() != before_version or fingerprint(store) != before:
                failures.append(f"case {n} ({kind}): 'no changes' but the database changed")
        else:
            outcomes["loads"] += 1
            history = store.scalar("SELECT count(*) FROM observation_history WHERE upload_id = ?", [result.upload_id])
            expected = len(result.changes.new) + len(result.changes.changed)
            if store.data_version() != before_version + 1 or history != expected:
                failures.append(f"case {n} ({kind}): load wrote {history} history rows for {expected} changes")
    assert not failures, "\n".join(failures)
    assert outcomes["errors"] > CASES // 3 and sum(outcomes.values()) >= CASES // 2, outcomes  # the cases really ran


# -- hostile workbooks: each costs little, measured in a child process ------------------------------------

HOSTILE_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, {root!r})
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))   # a regression fails here, not the machine
    from kpi.returns import load_return
    from kpi.store import Store
    from tests.unit.hostile_xlsx import hostile_cases
    data = hostile_cases()[sys.argv[2]]
    store = Store(sys.argv[1])
    load_return(store, {warm!r}, "warm.xlsx", user="fuzz", dry_run=True)   # imports and first reads paid
    base, cpu = resource.getrusage(resource.RUSAGE_SELF), time.process_time()
    started = time.perf_counter()
    result = load_return(store, data, "hostile.xlsx", user="fuzz", dry_run=True)
    used = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({{"cpu": time.process_time() - cpu, "wall": time.perf_counter() - started,
                      "grew_mb": (used.ru_maxrss - base.ru_maxrss) / 1024,
                      "ok": result.ok, "problems": [str(p) for p in result.problems][:3]}}))
""")


@pytest.mark.parametrize("case", list(hostile_cases()))
def test_a_hostile_workbook_costs_under_a_second_and_300_mb(demo_db, case):
    child = subprocess.run(
        [sys.executable, "-c", HOSTILE_CHILD.format(root=str(ROOT), warm=VALID), str(demo_db), case],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    assert figures["cpu"] < 1.0, figures  # processor time: the machine may be shared
    assert figures["grew_mb"] < 300, figures
    for problem in figures["problems"]:
        assert "Traceback" not in problem and "Error" not in problem.split(":")[0]


def test_far_cells_are_refused_naming_the_cell_and_what_to_do(demo_store):
    result = load_return(demo_store, hostile_cases()["a far column on every row"], "far.xlsx", user="fuzz")
    assert not result.ok
    message = str(result.problems[0])
    assert "Data!XFD2" in message and "Delete the rows and columns beyond the table" in message
    many = load_return(demo_store, hostile_cases()["many sheets"], "many.xlsx", user="fuzz")
    assert not many.ok and "1,500 sheets" in str(many.problems[0])
