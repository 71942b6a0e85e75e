"""How long loading a return takes against openpyxl's own read-only floor (issue 3: budget 1.5x).

    python -m scripts.bench_load [--values N] [--small] [--repeat R]

Builds a tidy return of N values (default 10,000) with its Indicators sheet, times openpyxl
alone reading it read-only (every cell's value: the floor no loader can beat), then times
load_return (guard, read, validate, compare, commit) into a fresh database. Best of R
interleaved runs each (default 5), since other work on the machine slows single runs.
"""

from __future__ import annotations

import argparse
import io
import re
import tempfile
import time
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from kpi.returns import load_return
from kpi.store import Store

BUDGET = 1.5
PER_INDICATOR = 100  # 50 years x actual and target


def build_return(values: int, shift: float = 0) -> bytes:
    """`values` targets and actuals for new indicators (100 each); `shift` moves every figure, for a second return."""
    book = Workbook()  # not write-only: shared strings and a <dimension>, as Excel writes
    inds = book.active
    inds.title = "Indicators"
    data = book.create_sheet("Data")
    inds.append(["Code", "Title", "Priority", "Polarity", "Unit", "Frequency"])
    data.append(["Indicator", "Period", "Measure", "Value", "Status", "Note"])
    written = 0
    n = 0
    while written < values:
        n += 1
        code = f"BENCH-{n:04d}"
        inds.append([code, f"Benchmark indicator {n}", "P1", "higher", "%", "annual"])
        for year in range(1950, 2000):
            for measure in ("actual", "target"):
                if written == values:
                    break
                data.append([code, year, measure, round(40 + (year * 7 + n) % 600 / 10 + shift, 1), "final", None])
                written += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_INLINE = re.compile(rb'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t(?: [^>]*)?>([^<]*)</t></is></c>')


def with_shared_strings(data: bytes) -> bytes:
    """The same workbook with text in a shared-strings table, as Excel saves it (openpyxl writes
    every text cell inline). Shared strings are cheaper for openpyxl to read, so the floor drops."""
    strings: dict[bytes, int] = {}

    def shared(match):
        index = strings.setdefault(match.group(3), len(strings))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2) or b"", index)

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                body = _INLINE.sub(shared, body)
            elif info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(info.filename, body)
        items = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
        target.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
            % (len(strings), len(strings), items),
        )
    return out.getvalue()


def openpyxl_floor(data: bytes) -> int:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    count += 1
    book.close()
    return count


def time_load(data: bytes) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.duckdb")
        start = time.perf_counter()
        result = load_return(store, data, "bench.xlsx", user="bench")
        elapsed = time.perf_counter() - start
        store.close()
    if not result.ok:
        raise SystemExit("The benchmark return did not load:\n" + "\n".join(map(str, result.problems[:5])))
    return elapsed, result.changes.summary()


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=10_000)
    parser.add_argument("--small", action="store_true", help="1,000 values, one run: a quick check")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--shared-strings",
        action="store_true",
        help="text in a shared-strings table, as Excel saves it (default: inline, as openpyxl writes)",
    )
    args = parser.parse_args(argv)
    values, repeat = (1_000, 1) if args.small else (args.values, args.repeat)
    data = build_return(values)
    if args.shared_strings:
        data = with_shared_strings(data)
    openpyxl_floor(data)  # warm up imports and caches so neither side pays for them
    time_load(data)
    floors, runs = [], []
    for _ in range(repeat):  # interleaved, best of each: a busy machine slows both alike
        floors.append(best(lambda: openpyxl_floor(data), 1))
        runs.append(time_load(data))
    floor = min(floors)
    load = min(t for t, _ in runs)
    ratio = load / floor
    kind = "shared strings" if args.shared_strings else "inline strings"
    print(
        f"load {values} values ({kind}): {load:.2f} s; openpyxl read-only floor {floor:.2f} s; "
        f"ratio {ratio:.2f}x (budget {BUDGET}x: {'within' if ratio <= BUDGET else 'OVER'})  "
        f"[{len(data) / 1024:.0f} kB; {runs[0][1]}]"
        + (" (--small: fixed costs dominate, so the ratio means little)" if args.small else "")
    )
    return 0  # measured, not asserted: the figure goes in docs/benchmarks.md


if __name__ == "__main__":
    raise SystemExit(main())
