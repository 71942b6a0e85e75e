"""School-based figures by the as-at rule, for every LA, region and England, and the list behind each figure.

The rule and the measures' flags are SQL macros (sql/queries/school_status_macro.sql), defined on
each cursor before a query, so the figures and the list of schools behind them can never disagree.
"""

from __future__ import annotations

import warnings
from datetime import date

import pandas as pd

from kpi.schools.catalogue import (
    ASSUMED_PUBLICATION_DAYS,
    NOT_JUDGED_MODES,
    Link,
    parse_link,
)
from kpi.store import Store, StoreError, run

NOT_JUDGED_KEY = "schools_not_judged"
GRADE_WORDS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
CATEGORY_WORDS = {
    "SM": "Special measures",
    "SWK": "Serious weaknesses",
    "NTI": "Notice to improve",
    "category (not recorded)": "Inadequate (category not recorded)",
}


def long_date(d) -> str:
    """'31 August 2025': dates in words, as every school page and message writes them."""
    d = pd.Timestamp(d)
    return f"{d.day} {d.strftime('%B %Y')}"


def not_judged_mode(store: Store) -> str:
    """How 'Not judged' inspections count (one setting, in meta): 'exclude' (default) or 'previous'."""
    mode = store.meta(NOT_JUDGED_KEY) or "exclude"
    return mode if mode in NOT_JUDGED_MODES else "exclude"


def set_not_judged_mode(store: Store, mode: str, user: str) -> None:
    from kpi import audit

    if mode not in NOT_JUDGED_MODES:
        raise StoreError(f'"{mode}" is not a setting; choose {" or ".join(NOT_JUDGED_MODES)}.')
    old = not_judged_mode(store)
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO meta VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v",
            {"k": NOT_JUDGED_KEY, "v": mode},
        )
        audit.record(cur, user, "schools-setting", {"setting": NOT_JUDGED_KEY, "old": old, "new": mode})


def school_query(
    store: Store, name: str, frames: dict[str, pd.DataFrame] | None = None, *, arrow: bool = False, **params
) -> pd.DataFrame:
    """Run sql/queries/NAME.sql with the as-at macros defined on its cursor.

    arrow=True fetches through Arrow: for hundreds of thousands of rows with text columns, half the time of
    building the frame directly (text stays Arrow-backed rather than a Python object per cell).
    """
    cur = store.cursor()
    try:
        cur.execute("SET enable_progress_bar = false")  # a long query must not draw on the command line's --json
        run(cur, "school_status_macro")
        result = run(cur, name, frames, **params)
        if not arrow:
            return result.df()
        with warnings.catch_warnings():  # DuckDB notes the copy Arrow makes of a cursor's rows: still faster
            warnings.simplefilter("ignore", UserWarning)
            return result.to_arrow_table().to_pandas()
    finally:
        cur.close()


def rule_params(store: Store) -> dict:
    return {"mode": not_judged_mode(store), "days": ASSUMED_PUBLICATION_DAYS}


def all_figures(store: Store, dates: list) -> pd.DataFrame:
    """Every measure, area, phase and category at each date (long form; see school_figures.sql)."""
    dates = sorted({pd.Timestamp(d).date() for d in dates})
    if not dates:
        return pd.DataFrame(
            columns=[
                "as_at",
                "area",
                "kind",
                "measure",
                "phase",
                "category",
                "value",
                "numerator",
                "denominator",
                "schools",
                "not_judged",
            ]
        )
    return school_query(store, "school_figures", dates=dates, arrow=True, **rule_params(store))


def select(frame: pd.DataFrame, link: Link) -> pd.DataFrame:
    """The rows of one catalogue entry; a complement (above_floor_ks2) turned round from its base."""
    rows = frame[
        (frame["measure"] == link.base) & (frame["phase"] == link.phase) & (frame["category"] == link.category)
    ].copy()
    if link.measure.complement_of:
        rows["value"] = 100.0 - rows["value"]
        rows["numerator"] = rows["denominator"] - rows["numerator"]
    rows["measure"] = link.measure.name
    return rows


def area_figures(
    store: Store, measure: str, as_at, phase: str | None = None, category: str | None = None
) -> list[dict]:
    """`python -m kpi school-figures`: one object per area (every LA, the regions, England)."""
    link = parse_link(measure, phase, category)
    rows = select(all_figures(store, [as_at]), link)
    rows = rows.merge(store.query("school_area_names"), on="area", how="left")
    rows = rows.sort_values(
        ["kind", "area"], key=lambda s: s.map({"la": 0, "region": 1, "england": 2}) if s.name == "kind" else s
    )
    out = []
    for r in rows.itertuples(index=False):
        out.append(
            {
                "area": r.area,
                "name": r.name,
                "value": _num(r.value, link.measure.decimals + 2),
                "numerator": _num(r.numerator, 2),
                "denominator": _num(r.denominator, 2),
            }
        )
    return out


def _num(value, places):
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else round(value, places)


COUNTED = {
    "good_or_outstanding": "good_numerator",
    "below_floor_ks2": "floor_numerator",
    "below_p8_threshold": "p8_numerator",
    "ks2_expected": "ks2_counted",
    "ks4_attainment8": "ks4_counted",
}
IN_DENOMINATOR = {
    "good_or_outstanding": "good_denominator",
    "below_floor_ks2": "floor_denominator",
    "below_p8_threshold": "p8_denominator",
    "ks2_expected": "ks2_counted",
    "ks4_attainment8": "ks4_counted",
}


def school_frame(store: Store, la: str, as_at, link: Link | None = None) -> pd.DataFrame:
    """The LA's schools open at the date, with `counted` (in the numerator) and `in_denominator` for the measure."""
    frame = school_query(store, "school_list", la=str(la), as_at=pd.Timestamp(as_at).date(), **rule_params(store))
    if link is not None:
        base = link.base
        if base == "in_category":
            counted = {"all": "in_category_any", "SM": "in_category_sm", "SWK": "in_category_swk"}[link.category]
            frame["counted"] = frame[counted].fillna(False)
            frame["in_denominator"] = frame["open_at"]
        elif link.measure.source == "targets":  # only the schools with a target, each with its rating
            from kpi.schools.targets import RATED, target_frame

            rated = target_frame(store, as_at, la=str(la))[["judged_urn", "target", "status", "label", "reason"]]
            frame = frame.merge(rated, left_on="urn", right_on="judged_urn", how="inner")
            frame["counted"] = frame["status"] == "met"
            frame["in_denominator"] = frame["status"].isin(RATED)
        else:
            frame["counted"] = frame[COUNTED[base]].fillna(False)
            frame["in_denominator"] = frame[IN_DENOMINATOR[base]].fillna(False)
            if link.measure.complement_of:
                frame["counted"] = frame["in_denominator"] & ~frame["counted"]
        frame = frame[frame["open_at"] | frame["in_denominator"]]
        if link.phase != "all":
            frame = frame[frame["phase"] == link.phase]
    else:
        frame = frame[frame["open_at"]]
    frame = frame.copy()
    frame["grade_words"] = frame["grade"].map(GRADE_WORDS)
    frame.loc[frame["not_judged"].fillna(False), "grade_words"] = "Not judged (since Sep 2024)"
    frame["category_words"] = frame["category"].map(CATEGORY_WORDS)
    return frame.reset_index(drop=True)


def schools_json(store: Store, la: str, as_at=None, measure: str | None = None) -> list[dict]:
    """`python -m kpi schools`: one object per school with urn, name, phase, type, grade, inspected, published,
    category, counted (whether it is in that measure's numerator; null without --measure)."""
    link = parse_link(measure) if measure else None
    frame = school_frame(store, la, as_at or date.today(), link)
    out = []
    for r in frame.to_dict("records"):
        out.append(
            {
                "urn": int(r["urn"]),
                "name": r["name"],
                "phase": r["phase"],
                "type": _clean(r["school_type"]),
                "grade": None if pd.isna(r["grade"]) else int(r["grade"]),
                "inspected": _iso(r["inspected"]),
                "published": _iso(r["published"]),
                "category": _clean(r["category"]),
                "counted": bool(r["counted"]) if link is not None else None,
            }
        )
    return out


def _clean(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else value


def _iso(value):
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date().isoformat()
