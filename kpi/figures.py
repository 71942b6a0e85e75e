"""The figures every view shows: RAG, direction and gaps per indicator and period.

One query fetches every indicator's series for the home area; the rules in rag.py and
trend.py are applied here once, and the pages, the command line and the board pack all
read the result, so they can never disagree.
"""
from __future__ import annotations

import math

import pandas as pd

from kpi.rag import rate
from kpi.store import Store
from kpi.trend import change, direction

STATUS_KEYS = ("code", "title", "priority", "polarity", "unit", "period", "actual", "target", "gap_to_target",
               "rag", "rag_reported", "direction", "sn_average", "gap_to_sn", "national", "gap_to_national")


def home_area(store: Store) -> str:
    return store.meta("home_area") or "886"


def assess(frame: pd.DataFrame) -> pd.DataFrame:
    """Add rag, rag_reason, direction, previous_actual and the gaps to a series frame."""
    out = frame.copy()
    ratings = [rate(a, t, p, tol, u, d) for a, t, p, tol, u, d in
               zip(out["actual"], out["target"], out["polarity"], out["tolerance"], out["unit"], out["decimals"])]
    out["rag"] = [r.rag for r in ratings]
    out["rag_reason"] = [r.reason for r in ratings]
    # Previous period that has an actual, within each indicator (periods are already in end-date order).
    out["previous_actual"] = out.groupby("code")["actual"].transform(lambda s: s.shift().ffill())
    out["previous_period"] = (out["period"].where(out["actual"].notna())
                              .groupby(out["code"]).transform(lambda s: s.shift().ffill()))
    out["direction"] = [direction(pv, a, p, d) for pv, a, p, d in
                        zip(out["previous_actual"], out["actual"], out["polarity"], out["decimals"])]
    out["change"] = [change(pv, a) for pv, a in zip(out["previous_actual"], out["actual"])]
    out["gap_to_target"] = out["actual"] - out["target"]
    out["gap_to_sn"] = out["actual"] - out["sn_average"]
    out["gap_to_national"] = out["actual"] - out["national"]
    out["rag_differs"] = out["rag_reported"].notna() & out["rag"].isin(["green", "amber", "red"]) & (
        out["rag_reported"] != out["rag"])
    return out


def all_series(store: Store, area: str | None = None) -> pd.DataFrame:
    """Every indicator's every period, assessed. One query."""
    frame = store.query("indicator_series", area=area or home_area(store))
    return assess(frame)


def latest(series: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: the latest period with an actual, else its first row (no data).

    The target shown beside it is that period's target.
    """
    with_actual = series[series["actual"].notna()]
    last = with_actual.groupby("code", sort=False).tail(1)
    missing = series[~series["code"].isin(last["code"])].groupby("code", sort=False).head(1).copy()
    for col in ("period", "period_key", "actual", "target", "gap_to_target", "direction", "sn_average",
                "gap_to_sn", "national", "gap_to_national", "rag_reported"):
        missing[col] = None
    missing["rag"] = "no_data"
    missing["rag_reason"] = "No actual has been recorded yet."
    missing["rag_differs"] = False
    order = series.drop_duplicates("code")["code"].tolist()
    both = pd.concat([last, missing]) if len(missing) else last
    return both.set_index("code").loc[order].reset_index()


def next_target(series: pd.DataFrame, code: str, after) -> tuple[str | None, float | None]:
    """The next target after a period (the trajectory a tile can mention)."""
    rows = series[(series["code"] == code) & series["target"].notna()]
    if after is not None:
        rows = rows[rows["end_date"] > after]
    if rows.empty:
        return None, None
    row = rows.iloc[0]
    return row["period"], float(row["target"])


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return round(value, 6)
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts with the command line's public keys (null where unknown)."""
    out = []
    for row in frame.to_dict("records"):
        item = {key: _clean(row.get(key)) for key in STATUS_KEYS}
        item["priority"] = _clean(row.get("priority")) or _clean(row.get("priority_code"))
        out.append(item)
    return out


def status(store: Store) -> list[dict]:
    """`python -m kpi status`: one object per indicator for its latest period with an actual."""
    return records(latest(all_series(store)))


def series(store: Store, code: str) -> list[dict]:
    """`python -m kpi series CODE`: every period of one indicator, oldest first."""
    frame = all_series(store)
    rows = frame[(frame["code"].str.lower() == code.lower()) & frame["period"].notna()]
    return records(rows)


def indicator_codes(store: Store) -> list[str]:
    return store.query("indicator_definitions")["code"].tolist()
