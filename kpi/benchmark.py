"""Benchmarking against statistical neighbours, region and England, as DfE's LAIT does it.

The figures are pure functions of plain values (dicts of area code -> value, None = no
data), so the pages, the command line and the board pack compute them in one place and
tests need no database. `benchmark`, `benchmark_frame` and `distribution` fetch one
measure's values with named queries (sql/queries/dfe_*.sql) and apply those functions.

LAIT's method (R/fn_analysis.R in dfe-analytical-services/local-authority-interactive-tool):
- neighbour figure: mean of the neighbours that have data;
- rank: among LAs with data, 1 best by polarity, ties share the lowest rank (R "min");
- quartile bands: R's default quantile (= numpy's linear) of all LAs' values; each band
  includes its upper threshold, so a value equal to a threshold falls in the band of lower
  values: for "lower is better" that is the better band, for "higher is better" the worse.
"""
from __future__ import annotations

import bisect
import difflib
import statistics
from collections.abc import Iterable, Mapping

import numpy as np
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


def _with_data(value_by_area: Mapping[str, float | None]) -> dict[str, float]:
    return {a: float(v) for a, v in value_by_area.items() if has_value(v)}


# -- pure figures ------------------------------------------------------------
def sn_figures(value_by_area: Mapping[str, float | None], neighbours: Iterable[str]) -> dict:
    """Neighbour mean and median over the neighbours with data, and how many had data.

    LAIT averages whoever has data rather than showing nothing when one is suppressed,
    so sn_n is reported beside it to show how many the average stands on.
    """
    values = [float(value_by_area[n]) for n in neighbours if has_value(value_by_area.get(n))]
    if not values:
        return {"sn_average": None, "sn_n": 0, "sn_median": None}
    return {"sn_average": sum(values) / len(values), "sn_n": len(values),
            "sn_median": statistics.median(values)}


def national_rank(value_by_area: Mapping[str, float | None], polarity: str | None) -> tuple[dict[str, int], int | None]:
    """(rank by area, rank_of): 1 is best, ties share the lowest rank, areas without data unranked.

    Pass LAs only. Without a polarity nothing is better, so there is no rank: ({}, None).
    """
    if polarity not in ("higher", "lower"):
        return {}, None
    data = _with_data(value_by_area)
    sign = -1.0 if polarity == "higher" else 1.0
    ordered = sorted(sign * v for v in data.values())
    # min method: 1 + how many are strictly better
    ranks = {a: bisect.bisect_left(ordered, sign * v) + 1 for a, v in data.items()}
    return ranks, len(data)


def group_rank(value_by_area: Mapping[str, float | None], la_code: str, neighbours: Iterable[str],
               polarity: str | None) -> tuple[int | None, int | None]:
    """Rank of the LA within itself and its neighbours (those with data), as national_rank."""
    group = {a: value_by_area.get(a) for a in {la_code, *neighbours}}
    ranks, rank_of = national_rank(group, polarity)
    return ranks.get(la_code), rank_of


def quartile_thresholds(values: Iterable[float | None]) -> list[float] | None:
    """The 25th, 50th and 75th percentiles of the values with data, as numpy's default (linear)."""
    data = [float(v) for v in values if has_value(v)]
    if not data:
        return None
    return [float(q) for q in np.quantile(data, [0.25, 0.5, 0.75])]


def quartile_band(value, thresholds, polarity: str | None) -> str | None:
    """'A' (best quarter) to 'D', as LAIT's calculate_quartile_band.

    Bands are (.., q25], (q25, q50], (q50, q75], (q75, ..): a value on a threshold joins
    the band of lower values. None without a value, thresholds or polarity.
    """
    if not has_value(value) or not thresholds or polarity not in ("higher", "lower"):
        return None
    position = bisect.bisect_left(list(thresholds), float(value))   # 0..3, ties go left
    return "ABCD"[position] if polarity == "lower" else "DCBA"[position]


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
        raise BenchmarkError(f'{years["measure"].iloc[0]} has no year "{text}". '
                             f'Its years are: {", ".join(labels)}.{_close(text, labels)}')
    return hit.iloc[0]


def _none(x):
    return float(x) if has_value(x) else None


def benchmark(store, measure: str, year_label, la_code, *, model: str = SN_MODEL) -> dict:
    """Every LAIT figure for one measure, year and LA; two queries, the rest in Python."""
    years = _measure_years(store, measure)
    year = _resolve_year(years, year_label)
    la_code = str(la_code).strip()
    rows = store.query("dfe_benchmark_values", measure=measure, period_key=year["period_key"],
                       la=la_code, model=model)
    la_rows = rows[rows["area_code"] == la_code]
    if la_rows.empty:
        las = rows[rows["kind"] == "la"]
        raise BenchmarkError(f'"{la_code}" is not an area in the DfE data; use a DfE LA number such as 886 (Kent).'
                             + _close(la_code, las["area_code"].tolist()))
    la = la_rows.iloc[0]
    polarity = year["polarity"] if year["polarity"] in ("higher", "lower") else None
    decimals = None if pd.isna(year["decimals"]) else int(year["decimals"])
    no_quartile = bool(year["no_quartile"])

    values = {a: _none(v) for a, v in zip(rows["area_code"], rows["value"])}
    la_values = {a: values[a] for a in rows.loc[rows["kind"] == "la", "area_code"]}
    neighbours = rows.sort_values("sn_position").loc[rows["sn_position"].notna(), "area_code"].tolist()
    value = values[la_code]
    previous = _none(la["previous"])

    ranks, rank_of = national_rank(la_values, polarity)
    sn_rank, sn_rank_of = group_rank(values, la_code, neighbours, polarity)
    thresholds = None if no_quartile or polarity is None else quartile_thresholds(la_values.values())
    notes = []
    if polarity is None:
        notes.append(NO_POLARITY_NOTE)
    elif no_quartile:
        notes.append(NO_QUARTILE_NOTE)
    if value is None:
        notes.append(f"{la['name']} has no value for {year['label']} (missing or suppressed).")
    return {
        "measure": measure, "year": year["label"], "la": la_code,
        "value": value, **sn_figures(values, neighbours),
        "region": values.get(la["region_code"]) if has_value(la["region_code"]) else None,
        "england": values.get(ENGLAND),
        "rank": ranks.get(la_code), "rank_of": rank_of,
        "quartile": quartile_band(value, thresholds, polarity), "quartile_thresholds": thresholds,
        "sn_rank": sn_rank if polarity else None, "sn_rank_of": sn_rank_of if polarity else None,
        "change": None if (delta := trend.change(previous, value)) is None else round(delta, 10),  # 44.9 not 44.899999
        "direction": trend.direction(previous, value, polarity, decimals) if polarity else None,
        "polarity": polarity, "note": " ".join(notes) or None,
    }


def benchmark_frame(store, measure: str, la_code, *, model: str = SN_MODEL) -> pd.DataFrame:
    """One row per year, oldest first: label, end_date, value, sn_average, sn_n, sn_median, region, england.

    For the trend chart; DuckDB aggregates all years in one query.
    """
    _measure_years(store, measure)
    return store.query("dfe_trend", measure=measure, la=str(la_code).strip(), model=model)


def distribution(store, measure: str, year_label, la_code, *, model: str = SN_MODEL) -> pd.DataFrame:
    """All LAs' values for one year with rank and quartile band, best first.

    Columns: area_code, name, value, rank, quartile, is_la, is_neighbour. The thresholds
    are in .attrs["quartile_thresholds"] (None when the measure has no bands).
    """
    years = _measure_years(store, measure)
    year = _resolve_year(years, year_label)
    rows = store.query("dfe_benchmark_values", measure=measure, period_key=year["period_key"],
                       la=str(la_code).strip(), model=model)
    las = rows[rows["kind"] == "la"].copy()
    polarity = year["polarity"] if year["polarity"] in ("higher", "lower") else None
    values = {a: _none(v) for a, v in zip(las["area_code"], las["value"])}
    ranks, _ = national_rank(values, polarity)
    thresholds = None if bool(year["no_quartile"]) or polarity is None else quartile_thresholds(values.values())
    las["rank"] = pd.array([ranks.get(a) for a in las["area_code"]], dtype="Int64")
    las["quartile"] = [quartile_band(values[a], thresholds, polarity) for a in las["area_code"]]
    las["is_la"] = las["area_code"] == str(la_code).strip()
    las["is_neighbour"] = las["sn_position"].notna()
    out = las[["area_code", "name", "value", "rank", "quartile", "is_la", "is_neighbour"]]
    out = out.sort_values(["value"], ascending=polarity == "lower", na_position="last").reset_index(drop=True)
    out.attrs["quartile_thresholds"] = thresholds
    return out
