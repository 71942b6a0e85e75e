"""Fuzzing the loader: random and mutated workbooks give a clean error list or a clean load, never a crash or a partial write."""
import io
import random
import time
import zipfile
from datetime import datetime

from openpyxl import Workbook

from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import tidy_workbook
from tests.unit.snapshot import fingerprint

SEED, CASES, BUDGET_SECONDS = 20261123, 160, 120
INDICATORS = [["FZ-1", "Fuzz one", "P1", "higher", "%", "annual"], ["FZ-2", "Fuzz two", "P1", "lower", "count", "annual"]]
VALID = tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1], ["KS4-5AC-EM", "2012/13", "target", 62],
                       ["FZ-1", "Q2 2012-13", "actual", 55.5], ["FZ-2", "Sep 12", "actual", 3]], INDICATORS)
HEADERS = ["Indicator", "Period", "Measure", "Value", "Area", "Status", "Note", "Code", "Title", "Polarity", "Unit"]


def random_cell(rng: random.Random):
    choice = rng.randrange(12)
    return [None, rng.uniform(-1e12, 1e12), rng.randint(-10, 10), "=SUM(A1:A2)", "<script>x</script>", "",
            "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 40))),
            rng.choice(["KS2-L4-EM", "FZ-1", "ks4-5ac-em ", "nope"]),
            rng.choice(["2013", "2012/13", "Sep 12", "Q2 2012-13", "Q9 2012", "13/2012", "1899"]),
            rng.choice(["actual", "target", "floor", "rag_reported", "ACTUAL", "junk"]),
            datetime(rng.randrange(1900, 2100), rng.randrange(1, 13), 1), "x" * rng.randrange(1, 5000)][choice]


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
                    body[at:at + rng.randrange(1, 6)] = rng.choice([b"", b"<", b">", b"\"", b"9" * 12, b"&", b"x"])
                body = bytes(body)
            target.writestr(info.filename, body)
    return buffer.getvalue()


def cases(rng: random.Random):
    makers = [
        ("random cells", lambda: random_workbook(rng)),
        ("byte flips", lambda: flipped(rng, VALID)),
        ("truncated", lambda: VALID[:rng.randrange(len(VALID))]),
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
            problems_are_plain = all(str(p.where) and str(p.message) and "Traceback" not in str(p) for p in result.problems)
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
