"""The figures every view shows: RAG, direction and gaps per indicator and period.

One query fetches every indicator's series for the home area; the rules in rag.py and
trend.py are applied here once, and the pages, the command line and the board pack all
read the result, so they can never disagree.
"""

from __future__ import annotations

import math

import pandas as pd

from kpi import benchmark
from kpi.formatting import format_value
from kpi.positions import parse_position, rate_position
from kpi.rag import rate
from kpi.schools.series import indicator_school_figures
from kpi.store import Store
from kpi.trend import change, direction

STATUS_KEYS = (
    "code",
    "title",
    "priority",
    "polarity",
    "unit",
    "period",
    "actual",
    "target",
    "gap_to_target",
    "rag",
    "rag_reported",
    "direction",
    "sn_average",
    "gap_to_sn",
    "national",
    "gap_to_national",
)


DFE_COLUMNS = ("rank", "rank_of", "quartile", "quartile_thresholds", "sn_rank", "sn_rank_of", "sn_n", "dfe_label")


def _rating(row: dict):
    position = parse_position(row.get("target_text")) if pd.isna(row.get("target")) else None
    if position is not None:
        return rate_position(position, row, row["polarity"], row["tolerance"], row["unit"], row["decimals"])
    return rate(row["actual"], row["target"], row["polarity"], row["tolerance"], row["unit"], row["decimals"])


def with_dfe(frame: pd.DataFrame, dfe: pd.DataFrame) -> pd.DataFrame:
    """Fill an indicator's series from DfE's national data where it names a DfE measure (or from schools, where
    it names a school-based measure: kpi.schools.series gives the same columns).

    The return's own figures win; DfE fills what it lacks (actual, neighbour average, region,
    England) and adds rank, quartile and neighbour rank, so nothing is retyped. Years DfE has
    and the return lacks become rows of their own.
    """
    for column in DFE_COLUMNS:
        frame[column] = None
    if dfe.empty:
        return frame
    dfe = dfe.copy()
    dfe["quartile_thresholds"] = [
        list(t) if isinstance(t, (list, tuple)) or hasattr(t, "__len__") else None for t in dfe["thresholds"]
    ]
    dfe["quartile"] = dfe["quartile"].where(dfe["quartile"].notna(), None)
    definitions = frame.drop_duplicates("code").set_index("code")
    keyed = frame.set_index(["code", "period_key"])
    rows = []
    for r in dfe.itertuples(index=False):
        key = (r.code, r.period_key)
        if key in keyed.index:
            continue
        base = definitions.loc[r.code].to_dict()
        base.update(
            {
                "code": r.code,
                "period_key": r.period_key,
                "period": r.dfe_label,
                "start_date": r.start_date,
                "end_date": r.end_date,
                "period_type": r.period_type,
            }
        )
        for column in (
            "actual",
            "target",
            "target_text",
            "floor_value",
            "sn_average",
            "national",
            "region",
            "rag_reported",
            "status",
            "notes",
        ):
            base[column] = None
        rows.append(base)
    if rows:
        frame = frame[frame["period_key"].notna() | ~frame["code"].isin({row["code"] for row in rows})]
        frame = pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)
    merged = frame.merge(
        dfe.drop(columns=["start_date", "end_date", "period_type"]),
        how="left",
        on=["code", "period_key"],
        suffixes=("", "_dfe"),
    )
    # Whether the actual shown comes from schools (the return had none): the card then says how many.
    merged["school_based"] = (
        merged["actual"].isna()
        & merged["dfe_value"].notna()
        & (merged["school_n"].notna() if "school_n" in merged else False)
    )
    for mine, theirs in (
        ("actual", "dfe_value"),
        ("sn_average", "dfe_sn_average"),
        ("national", "dfe_england"),
        ("region", "dfe_region"),
    ):
        merged[mine] = merged[mine].astype("float64").fillna(merged[theirs].astype("float64"))
    for column in DFE_COLUMNS:
        if f"{column}_dfe" in merged:
            merged[column] = merged[f"{column}_dfe"]
    merged = merged.drop(
        columns=[c for c in merged.columns if c.endswith("_dfe")]
        + ["dfe_value", "dfe_sn_average", "dfe_england", "dfe_region", "thresholds", "dfe_polarity", "no_quartile"]
    )
    order = frame.drop_duplicates("code")["code"].tolist()
    merged["_order"] = merged["code"].map({c: i for i, c in enumerate(order)})
    return (
        merged.sort_values(["_order", "end_date", "start_date"], na_position="first")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def assess(frame: pd.DataFrame) -> pd.DataFrame:
    """Add rag, rag_reason, direction, previous_actual and the gaps to a series frame."""
    out = frame.copy()
    ratings = [_rating(row) for row in out.to_dict("records")]
    out["rag"] = [r.rag for r in ratings]
    out["rag_reason"] = [r.reason for r in ratings]
    # Previous period that has an actual, within each indicator (periods are already in end-date order).
    out["previous_actual"] = out.groupby("code")["actual"].transform(lambda s: s.shift().ffill())
    out["previous_period"] = (
        out["period"].where(out["actual"].notna()).groupby(out["code"]).transform(lambda s: s.shift().ffill())
    )
    out["direction"] = [
        direction(pv, a, p, d)
        for pv, a, p, d in zip(out["previous_actual"], out["actual"], out["polarity"], out["decimals"])
    ]
    out["change"] = [change(pv, a) for pv, a in zip(out["previous_actual"], out["actual"])]
    out["gap_to_target"] = out["actual"] - out["target"]
    out["gap_to_sn"] = out["actual"] - out["sn_average"]
    out["gap_to_national"] = out["actual"] - out["national"]
    out["rag_differs"] = (
        out["rag_reported"].notna() & out["rag"].isin(["green", "amber", "red"]) & (out["rag_reported"] != out["rag"])
    )
    return out


def all_series(store: Store, area: str | None = None) -> pd.DataFrame:
    """Every indicator's every period, assessed. One query."""
    area = area or store.home_area()
    frame = store.query("indicator_series", area=area)
    dfe = _dfe_rows(store, area)
    schools = indicator_school_figures(store, area)  # computed from schools: the same columns as DfE's
    if not schools.empty:
        dfe = schools if dfe.empty else pd.concat([dfe, schools], ignore_index=True)
    return assess(with_dfe(frame, dfe))


def _dfe_rows(store: Store, area: str) -> pd.DataFrame:
    """LAIT's figures for every indicator that names a DfE measure, from the one query every reader uses."""
    rows = benchmark.figures(store, None, area)
    return rows.rename(
        columns={
            "label": "dfe_label",
            "polarity": "dfe_polarity",
            "value": "dfe_value",
            "sn_average": "dfe_sn_average",
            "region": "dfe_region",
            "england": "dfe_england",
        }
    ).drop(
        columns=["measure", "la", "area_code", "name", "is_la", "is_neighbour", "sn_median", "previous", "region_code"]
    )


def latest(series: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: the latest period with an actual, else its first row (no data).

    The target shown beside it is that period's target.
    """
    with_actual = series[series["actual"].notna()]
    last = with_actual.groupby("code", sort=False).tail(1)
    missing = series[~series["code"].isin(last["code"])].groupby("code", sort=False).head(1).copy()
    for col in (
        "period",
        "period_key",
        "actual",
        "target",
        "gap_to_target",
        "direction",
        "sn_average",
        "gap_to_sn",
        "national",
        "gap_to_national",
        "rag_reported",
    ):
        missing[col] = None
    missing["rag"] = "no_data"
    missing["rag_reason"] = "No actual has been recorded yet."
    missing["rag_differs"] = False
    order = series.drop_duplicates("code")["code"].tolist()
    both = pd.concat([last, missing]) if len(missing) else last
    return both.set_index("code").loc[order].reset_index()


def next_target(series: pd.DataFrame, code: str, after) -> tuple[str | None, str | None]:
    """The next target after a period, shown in its units ('77.0%', 'quartile A'): the trajectory a tile mentions."""
    rows = series[(series["code"] == code) & (series["target"].notna() | series["target_text"].notna())]
    if after is not None and not pd.isna(after):
        rows = rows[rows["end_date"] > after]
    if rows.empty:
        return None, None
    row = rows.iloc[0]
    shown = format_value(row["target"], row["unit"], row["decimals"]) if pd.notna(row["target"]) else row["target_text"]
    return row["period"], shown


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
