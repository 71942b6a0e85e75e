"""forecast and backtest: will a target be met, and how far the forecasts can be trusted (tested on DfE's data)."""

from __future__ import annotations

import sys

import duckdb
import pandas as pd

from kpi import figures
from kpi.backtest import backtest, calibration_for
from kpi.benchmark import benchmark_frame
from kpi.commands import Refused, add_db, open_db, print_json
from kpi.forecast import METHODS, forecast_indicator


def measure_rows(store, measure: str, la: str) -> pd.DataFrame:
    """A DfE measure's series for one LA shaped like an indicator's rows (periods labelled as DfE labels them)."""
    frame = benchmark_frame(store, measure, la)
    info = store.query("forecast_measure_info", measure=measure).iloc[0]
    return pd.DataFrame(
        {
            "code": measure,
            "title": info["title"],
            "unit": "%" if "%" in str(info["unit"]) else "",
            "decimals": 1 if pd.isna(info["decimals"]) else int(info["decimals"]),
            "polarity": info["polarity"] if info["polarity"] in ("higher", "lower") else "none",
            "tolerance": None,
            "dfe_measure": measure,
            "period": frame["label"],
            "end_date": frame["end_date"],
            "actual": frame["value"],
            "target": None,
            "target_text": None,
            "sn_average": frame["sn_average"],
            "national": frame["england"],
            "region": frame["region"],
            "quartile_thresholds": None,
        }
    )


def cmd_forecast(args) -> int:
    store = open_db(args, read_only=True)
    if args.code:
        frame = figures.all_series(store)
        rows = frame[(frame["code"].str.lower() == args.code.lower()) & frame["period"].notna()]
        if rows.empty:
            raise Refused(
                f'"{args.code}" is not a known indicator with figures. Run "python -m kpi status" to list them.'
            )
    else:
        if not args.la:
            raise Refused("Give --la with --measure: the DfE LA number, e.g. --la 886 for Kent.")
        try:
            rows = measure_rows(store, args.measure, args.la)
        except duckdb.CatalogException:
            raise Refused(
                "This database has no DfE data yet. Load it first with: python -m kpi import-dfe ..."
            ) from None
        if rows["actual"].notna().sum() == 0:
            raise Refused(f'"{args.la}" has no figures for {args.measure}. Use a DfE LA number such as 886 (Kent).')
    result = forecast_indicator(rows, calibration_for(store, rows["dfe_measure"].dropna().unique()), to_year=args.to)
    if args.json:
        print_json(result.records())
        return 0
    if result.note:
        print(result.note, file=sys.stderr)
    for p in result.points:
        print(p.reason or f"{p.period}: {p.shown} (80%: {p.shown_range})")
    for line in result.gaps:
        print(line)
    return 0


def cmd_backtest(args) -> int:
    store = open_db(args, read_only=True)
    try:
        result = backtest(store, sample=args.sample, method=args.method)
    except duckdb.CatalogException:
        raise Refused("This database has no DfE data yet. Load it first with: python -m kpi import-dfe ...") from None
    except ValueError as exc:
        raise Refused(str(exc)) from None
    if args.json:
        print_json(result)
        return 0
    print(
        f"{result['method']}: {result['series']:,} series of {result['measures']} measures; "
        f"{'accepted' if result['accepted'] else 'NOT accepted'} (80% coverage 75-85% at every horizon, "
        "error below naive's)"
    )
    for h in result["horizons"]:
        print(
            f"  {h['horizon']} year(s) ahead: {h['cases']:,} cases, coverage {h['coverage_80']:.1%}, "
            f"error {h['mae']:.3f} vs naive {h['naive_mae']:.3f}"
        )
    for s in result["skipped"]:
        print(f"  skipped {s['count']:,}: {s['reason']}")
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "forecast", help="forecast an indicator or a DfE measure, with 80%% intervals and target ratings"
    )
    add_db(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--code", help="an indicator code, e.g. KS2-L4-EM")
    which.add_argument("--measure", help='a DfE measure (LAIT "Short Desc"), with --la')
    p.add_argument("--la", help="DfE LA number, with --measure, e.g. 886")
    p.add_argument("--to", type=int, help="forecast up to this year (default: the last target's year)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_forecast)

    p = sub.add_parser("backtest", help="test the forecasts on DfE's national data: 80%% coverage and error vs naive")
    add_db(p)
    p.add_argument("--sample", type=int, help="only this many measures, chosen at random (seed 0), for a quick run")
    p.add_argument("--method", choices=sorted(METHODS), help="one method everywhere (to compare methods)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backtest)
