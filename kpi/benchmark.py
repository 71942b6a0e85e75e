"""Benchmarking against statistical neighbours, region and England, as DfE's LAIT does it.

Every figure (neighbour mean, count and median, national rank, quartile thresholds and band,
rank among neighbours, region with LAIT's London fallback, England, the previous year) comes
from one query, sql/queries/dfe_figures.sql, which the Indicator page's series (kpi.figures),
the Compare page and the command line's `benchmark` all read, so they cannot disagree. This
module finds the measure and year a person asked for and shapes that query's rows.

LAIT's method (R/fn_analysis.R in dfe-analytical-services/local-authority-interactive-tool):
- neighbour figure: mean of the neighbours that have data;
- rank: among LAs with data, 1 best by polarity, ties share the lowest rank (R "min");
- quartile bands: R's default quantile (= numpy's linear) of all LAs' values; each band
  includes its upper threshold, so a value equal to a threshold falls in the band of lower
  values: for "lower is better" that is the better band, for "higher is better" the worse.
"""

from __future__ import annotations

import difflib

import pandas as pd

from kpi import trend
from kpi.errors import UserError
from kpi.model import has_value
from kpi.periods import PeriodError, parse_period

ENGLAND = "970"
SN_MODEL = "dfe_sn"
FREQUENCY = {"Academic Year": "academic_year", "Financial Year": "financial_year"}

NO_POLARITY_NOTE = "This measure has no polarity, so it has no rank or quartile."
NO_QUARTILE_NOTE = "DfE gives no quartile bands for this measure: its values are too close together."


class BenchmarkError(UserError, LookupError):
    """An unknown measure, year or area; the message names close matches."""


def figures(
    store,
    measure: str | None,
    la,
    *,
    period_key: str | None = None,
    every_la: bool = False,
    model: str = SN_MODEL,
    measures: list[str] | None = None,
) -> pd.DataFrame:
    """The rows of sql/queries/dfe_figures.sql: LAIT's figures, the one implementation.

    measure None: every measure an indicator names, for the indicator's authority (la otherwise);
    measures: a list of measures for la (an authority's profile), every year.
    """
    return store.query(
        "dfe_figures",
        measure=measure,
        area=str(la).strip(),
        period_key=period_key,
        every_la=every_la,
        model=model,
        measures=list(measures) if measures is not None else None,
    )


def _plain(x):
    if x is None or (not isinstance(x, (list, tuple)) and not hasattr(x, "__len__") and pd.isna(x)):
        return None
    if hasattr(x, "tolist"):
        x = x.tolist()
    if isinstance(x, (list, tuple)):
        return [float(v) for v in x]
    return x.item() if hasattr(x, "item") else x


def _number(x):
    return float(x) if has_value(x) else None


def _count(x):
    return int(x) if has_value(x) else None


# -- from the store ------------------------------------------------------------
def _close(word: str, options: list[str]) -> str:
    found = difflib.get_close_matches(word, options, n=5, cutoff=0.5)
    if not found:
        lowered = word.lower()
        found = [o for o in options if lowered in o.lower()][:5]
    return f" Did you mean: {', '.join(found)}?" if found else ""


def _measure_years(store, measure: str) -> pd.DataFrame:
    years = store.query("dfe_measure_years", measure=measure)
    if years.empty:
        names = store.query("dfe_measure_names")["measure"].tolist()
        raise BenchmarkError(f'"{measure}" is not a DfE measure in this database.{_close(measure, names)}')
    return years


def _resolve_year(years: pd.DataFrame, year_label) -> pd.Series:
    """The row of the measure's year written as DfE does ("2019 (Rev)"), or any equivalent label."""
    text = " ".join(str(year_label).split())
    hit = years[years["label"].str.lower() == text.lower()]
    if hit.empty:
        try:
            key = parse_period(text, frequency=FREQUENCY.get(years["year_type"].iloc[0])).key
            hit = years[years["period_key"] == key]
        except PeriodError:
            pass
    if hit.empty:
        labels = years["label"].tolist()
        raise BenchmarkError(
            f'{years["measure"].iloc[0]} has no year "{text}". '
            f"Its years are: {', '.join(labels)}.{_close(text, labels)}"
        )
    return hit.iloc[0]


def benchmark(store, measure: str, year_label, la_code, *, model: str = SN_MODEL) -> dict:
    """Every LAIT figure for one measure, year and LA (the command line's `benchmark`)."""
    years = _measure_years(store, measure)
    year = _resolve_year(years, year_label)
    la_code = str(la_code).strip()
    rows = figures(store, measure, la_code, period_key=year["period_key"], every_la=True, model=model)
    las = rows.loc[rows["area_code"].notna(), "area_code"].tolist()
    mine = rows[rows["area_code"] == la_code]
    if mine.empty or (len(rows) > 1 and la_code not in las):
        raise BenchmarkError(
            f'"{la_code}" is not an area in the DfE data; use a DfE LA number such as 886 (Kent).'
            + _close(la_code, las)
        )
    row = mine.iloc[0]
    polarity = row["polarity"] if row["polarity"] in ("higher", "lower") else None
    decimals = None if pd.isna(year["decimals"]) else int(year["decimals"])
    value, previous = _number(row["value"]), _number(row["previous"])
    notes = []
    if polarity is None:
        notes.append(NO_POLARITY_NOTE)
    elif bool(row["no_quartile"]):
        notes.append(NO_QUARTILE_NOTE)
    if value is None:
        notes.append(
            f"{row['name'] if isinstance(row['name'], str) else la_code} has no value for "
            f"{year['label']} (missing or suppressed)."
        )
    thresholds = _plain(row["thresholds"])
    return {
        "measure": measure,
        "year": year["label"],
        "la": la_code,
        "value": value,
        "sn_average": _number(row["sn_average"]),
        "sn_n": _count(row["sn_n"]) or 0,
        "sn_median": _number(row["sn_median"]),
        "region": _number(row["region"]),
        "region_code": row["region_code"] if isinstance(row["region_code"], str) else None,
        "england": _number(row["england"]),
        "rank": _count(row["rank"]),
        "rank_of": _count(row["rank_of"]),
        "quartile": row["quartile"] if isinstance(row["quartile"], str) else None,
        "quartile_thresholds": thresholds,
        "sn_rank": _count(row["sn_rank"]),
        "sn_rank_of": _count(row["sn_rank_of"]),
        "change": None if (delta := trend.change(previous, value)) is None else round(delta, 10),  # 44.9 not 44.899999
        "direction": trend.direction(previous, value, polarity, decimals) if polarity else None,
        "polarity": polarity,
        "note": " ".join(notes) or None,
    }


def benchmark_frame(store, measure: str, la_code, *, model: str = SN_MODEL) -> pd.DataFrame:
    """One row per year, oldest first: label, end_date, value, sn_average, sn_n, sn_median, region, england.

    For the trend chart; the same query as every other reader, all years at once.
    """
    _measure_years(store, measure)
    rows = figures(store, measure, la_code, model=model)
    return rows[
        ["period_key", "label", "end_date", "value", "sn_average", "sn_n", "sn_median", "region", "england"]
    ].reset_index(drop=True)


def distribution(store, measure: str, year_label, la_code, *, model: str = SN_MODEL) -> pd.DataFrame:
    """All LAs' values for one year with rank and quartile band, best first.

    Columns: area_code, name, value, rank, quartile, is_la, is_neighbour. The thresholds
    are in .attrs["quartile_thresholds"] (None when the measure has no bands).
    """
    years = _measure_years(store, measure)
    year = _resolve_year(years, year_label)
    rows = figures(store, measure, la_code, period_key=year["period_key"], every_la=True, model=model)
    polarity = year["polarity"] if year["polarity"] in ("higher", "lower") else None
    out = rows[["area_code", "name", "value", "rank", "quartile", "is_la", "is_neighbour"]].copy()
    out["rank"] = out["rank"].astype("Int64")
    out["quartile"] = out["quartile"].where(out["quartile"].notna(), None)
    out = out.sort_values(["value"], ascending=polarity == "lower", na_position="last").reset_index(drop=True)
    out.attrs["quartile_thresholds"] = _plain(rows["thresholds"].iloc[0]) if len(rows) else None
    return out
