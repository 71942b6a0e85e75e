"""import-dfe and benchmark: load DfE's national data, then ask for one measure's figures."""

from __future__ import annotations

from pathlib import Path

import duckdb

from kpi.benchmark import benchmark
from kpi.commands import Refused, add_db, current_user, open_db, print_json
from kpi.dfe import import_dfe, import_summary


def cmd_import_dfe(args) -> int:
    s = import_dfe(
        open_db(args),
        args.lait,
        args.neighbours,
        args.dictionary,
        home=args.home,
        user=current_user(args),
        las_path=args.las,
    )
    print(f"{import_summary(s)} ({s['seconds']:.1f} s)")
    return 0


def cmd_benchmark(args) -> int:
    if args.db and not Path(args.db).is_file():
        raise Refused(
            f"No database at {args.db}. Load DfE's data first with: python -m kpi import-dfe --db {args.db} ..."
        )
    try:
        figures = benchmark(open_db(args, read_only=True), args.measure, args.year, args.la)
    except duckdb.CatalogException:
        raise Refused("This database has no DfE data yet. Load it first with: python -m kpi import-dfe ...") from None
    if args.json:
        print_json(figures)
    else:
        for key, value in figures.items():
            print(f"{key}: {'' if value is None else value}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("import-dfe", help="load DfE's LAIT national data, its dictionary and the neighbour model")
    add_db(p)
    p.add_argument("--lait", required=True, help="LAIT long file: bds_long_0.parquet or its CSV form")
    p.add_argument(
        "--neighbours", required=True, help="statistical-neighbour workbook (sn_may_2025.xlsx) or the wide CSV"
    )
    p.add_argument("--dictionary", help="lait_data_dictionary.csv: polarity, decimals, year type per measure")
    p.add_argument("--las", help="geography/las.csv, to record each LA's ONS code")
    p.add_argument("--home", default="886", help="the home authority's DfE number (default 886, Kent)")
    p.add_argument("--user", help="who is loading (default: the operating-system user)")
    p.set_defaults(func=cmd_import_dfe)

    p = sub.add_parser("benchmark", help="neighbour average, England, rank and quartile for one DfE measure")
    add_db(p)
    p.add_argument("--measure", required=True, help='LAIT "Short Desc", e.g. KS2RWM_Expected_STD')
    p.add_argument("--year", required=True, help="year as DfE writes it, e.g. 2023, 2015/16, 2014-16")
    p.add_argument("--la", required=True, help="DfE LA number, e.g. 886")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_benchmark)
