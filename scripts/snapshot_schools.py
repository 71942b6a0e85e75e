"""Write the built-in school data under data/schools/ from the official files a council downloads.

    python -m scripts.snapshot_schools [--schools ../shared/data/schools] [--geography ../shared/data/dfe/geography]

1. data/schools/las.csv: England's LAs (DfE's three-digit codes, abolished ones included, so older
   files still match) with their region's DfE number, from DfE's LA list (geography/las.csv).
2. data/schools/*.parquet: the schools, inspections and results the dashboard uses, imported
   through kpi.schools exactly as `python -m kpi import-schools` does, then written with only the
   columns the product reads. The demo loads them on first start (kpi.schools.snapshot), so
   the quick start shows school-based figures without the official files beside it.
   Same as `python -m kpi snapshot-schools FILE...`.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from kpi.schools.snapshot import SNAPSHOT_DIR, write_snapshot
from kpi.store import ROOT

REGIONS = {
    "E12000001": "980",
    "E12000002": "981",
    "E12000003": "982",
    "E12000004": "983",
    "E12000005": "984",
    "E12000006": "985",
    "E12000007": "986",
    "E12000008": "989",
    "E12000009": "990",
}


def write_las(geography: Path, out: Path) -> int:
    """One row per LA code: the live name where there is one, else the latest; regions as DfE numbers."""
    with (geography / "las.csv").open(newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["old_la_code"].isdigit() and r["parent_geography_code"] in REGIONS]
    rows.sort(key=lambda r: (r["old_la_code"], r["status"] != "live", r["date_of_operation"][-4:]), reverse=False)
    chosen: dict[str, dict] = {}
    for r in rows:
        chosen.setdefault(r["old_la_code"], r)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["la_code", "name", "region_code"])
        for code in sorted(chosen):
            writer.writerow([code, chosen[code]["la_name"], REGIONS[chosen[code]["parent_geography_code"]]])
    return len(chosen)


def official_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".csv", ".xlsx") and p.is_file())


def main(argv=None) -> int:
    shared = ROOT.parent / "shared" / "data"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=Path, default=shared / "schools", help="folder of the official school files")
    parser.add_argument("--geography", type=Path, default=shared / "dfe" / "geography", help="DfE's geography folder")
    args = parser.parse_args(argv)
    SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
    if (args.geography / "las.csv").is_file():
        print(f"las.csv: {write_las(args.geography, SNAPSHOT_DIR / 'las.csv')} LAs")
    files = official_files(args.schools)
    if not files:
        print(f"No school files in {args.schools}.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        print(write_snapshot(files, Path(scratch) / "snapshot.duckdb"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
