"""Write the built-in national data (data/dfe/) from DfE's official LAIT files.

    python -m scripts.snapshot_dfe [--from ../shared/data/dfe/lait] [--out data/dfe]

Reads LAIT's long file, the May 2025 and April 2021 statistical-neighbour workbooks and the data
dictionary under the names DfE publishes them with, and writes parquet (zstd) holding only the
columns the dashboard reads, with edition.json naming the edition and the licence. Run it when
DfE publishes a new edition, then commit data/dfe/ and update the edition line in data/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.national_data import SNAPSHOT_DIR, UpdateError, write_snapshot

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", default=str(ROOT.parent / "shared" / "data" / "dfe" / "lait"))
    parser.add_argument("--out", default=str(SNAPSHOT_DIR))
    args = parser.parse_args()
    try:
        written = write_snapshot(Path(args.source), Path(args.out))
    except UpdateError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(
        f"Wrote {args.out}: {written['bytes'] / 1e6:.2f} MB; {written['edition']}; "
        f"{written['lait_rows']:,} rows, {written['lait_measures']} measures."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
