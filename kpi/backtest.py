"""The forecast methods tested on DfE's national series, and the calibration the dashboard uses.

Every LA's series for every measure is one row of a numpy array (years as columns). From every
year an LA has a figure and at least MIN_HISTORY figures up to it (the origin), each method
forecasts the next MAX_HORIZON years; each forecast with a real figure to compare is a case.

- **Calibration** (as at a year): for each measure, the method whose cases up to that year
  missed by least (scaled errors, horizons 1-3), and for each horizon the 80th percentile of
  its absolute errors in units of each series' own scale: the interval multiplier. Measures
  with too few cases use the figures of all measures pooled.
- **Backtest**: for every LA and measure, the last three years are forecast from the years
  before (origins in the last three years before the latest figure), each with a calibration
  built only from cases whose figure was known by its origin, so nothing is tested on data it
  was fitted to. Coverage is the share of actual figures inside the 80% intervals; the mean
  absolute error is in units of each measure's typical year-on-year change (the median across
  LAs), so measures in pounds and in per cent weigh alike; percentage measures also report it
  in percentage points.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import duckdb
import numpy as np
import pandas as pd

from kpi.forecast import (
    COVERAGE,
    DEFAULT_CALIBRATION,
    DEFAULT_METHOD,
    MAX_HORIZON,
    METHODS,
    MIN_HISTORY,
    TESTED_HORIZONS,
    Calibration,
    change_scale,
    point_forecasts,
)

MIN_CASES = 30  # fewer calibration cases than this for a measure: use all measures pooled
HELD_OUT = 3  # the backtest forecasts each series' last three years


@dataclass
class Panel:
    """LA x measure series as rows: values (rows, years), and per row its measure, area, topic, unit."""

    values: np.ndarray
    years: np.ndarray
    measure: np.ndarray
    area: np.ndarray
    topic: np.ndarray
    percent: np.ndarray

    @cached_property
    def measure_id(self) -> np.ndarray:
        """Each row's measure as an index into measure_names (integer work is much faster than strings)."""
        return np.searchsorted(self.measure_names, self.measure)

    @cached_property
    def measure_names(self) -> np.ndarray:
        return np.unique(self.measure)

    @property
    def rows(self) -> int:
        return self.values.shape[0]


def national_panel(store, measures: list[str] | None = None) -> Panel:
    frame = store.query("forecast_national_values", measures=list(measures) if measures is not None else None)
    if frame.empty:
        return Panel(
            np.empty((0, 0)), np.empty(0, dtype=int), *(np.empty(0, dtype=object),) * 3, np.empty(0, dtype=bool)
        )
    years = np.arange(int(frame["year"].min()), int(frame["year"].max()) + 1)
    # rows come ordered by measure and area, so a new series starts wherever either changes
    measure, area = frame["measure"].to_numpy(), frame["area_code"].to_numpy()
    starts = np.ones(len(frame), dtype=bool)
    starts[1:] = (measure[1:] != measure[:-1]) | (area[1:] != area[:-1])
    row = np.cumsum(starts) - 1
    values = np.full((int(row[-1]) + 1, len(years)), np.nan)
    values[row, frame["year"].to_numpy() - years[0]] = frame["value"].to_numpy(dtype=float)
    first = frame[starts]
    percent = first["unit"].str.contains("%|percent|Percent", regex=True).to_numpy(dtype=bool)
    return Panel(
        values, years, first["measure"].to_numpy(), first["area_code"].to_numpy(), first["topic"].to_numpy(), percent
    )


def cases(panel: Panel, methods=tuple(METHODS)) -> pd.DataFrame:
    """Every forecast each method makes from every usable origin, with the figure that came.

    Columns: row, origin, target (years), h, method, forecast, actual, scale (the series' own,
    at the origin).
    """
    Y, X = panel.values, panel.years.astype(float)
    parts = []
    horizons = np.arange(1, MAX_HORIZON + 1)
    counts = np.cumsum(~np.isnan(Y), axis=1)
    for o in range(Y.shape[1] - 1):
        usable = np.flatnonzero(~np.isnan(Y[:, o]) & (counts[:, o] >= MIN_HISTORY))
        if not len(usable):
            continue
        history = Y[usable, : o + 1]
        ahead = [h for h in horizons if o + h < Y.shape[1]]
        actual = Y[usable][:, [o + h for h in ahead]]
        if np.isnan(actual).all():
            continue
        scale = change_scale(history)
        for name in methods:
            forecast = point_forecasts(history, X[: o + 1], name, ahead)
            for j, h in enumerate(ahead):
                seen = ~np.isnan(actual[:, j])
                parts.append(
                    pd.DataFrame(
                        {
                            "row": usable[seen],
                            "origin": int(panel.years[o]),
                            "target": int(panel.years[o + h]),
                            "h": h,
                            "method": name,
                            "forecast": forecast[seen, j],
                            "actual": actual[seen, j],
                            "scale": scale[seen],
                        }
                    )
                )
    if not parts:
        return pd.DataFrame(
            {
                "row": np.empty(0, dtype=int),
                "origin": np.empty(0, dtype=int),
                "target": np.empty(0, dtype=int),
                "h": np.empty(0, dtype=int),
                "method": pd.Categorical([]),
                **{c: np.empty(0) for c in ("forecast", "actual", "scale")},
            }
        )
    out = pd.concat(parts, ignore_index=True)
    out["method"] = out["method"].astype("category")
    return out


def measure_scale(panel: Panel) -> np.ndarray:
    """Each measure's typical year-on-year change (by measure_id): the median across LAs of their mean absolute change."""
    per_row = pd.Series(change_scale(panel.values)).groupby(panel.measure_id).median()
    return per_row.reindex(np.arange(len(panel.measure_names))).to_numpy()


def _interval_scale(frame: pd.DataFrame, typical: np.ndarray, measure_id: np.ndarray) -> np.ndarray:
    """The series' own scale, never below half its measure's typical change (a flat series is not certain)."""
    floor = 0.5 * typical[measure_id[frame["row"].to_numpy()]]
    own = frame["scale"].to_numpy()
    return np.fmax(np.where(np.isnan(own), floor, own), floor)


def errors(panel: Panel, all_cases: pd.DataFrame) -> pd.DataFrame:
    """Each case's miss, scaled two ways: by its measure's typical change (to compare methods) and by its
    series' interval scale (the multiplier an interval needs to cover it)."""
    typical = measure_scale(panel)
    ids = panel.measure_id
    measure = ids[all_cases["row"].to_numpy()]
    metric = typical[measure]
    miss = np.abs(all_cases["actual"].to_numpy() - all_cases["forecast"].to_numpy())
    frame = pd.DataFrame(
        {
            "measure": measure,
            "method": all_cases["method"].to_numpy(),
            "h": all_cases["h"].to_numpy(),
            "target": all_cases["target"].to_numpy(),
            "scaled": miss / np.where(metric > 0, metric, np.nan),
            "z": miss / _interval_scale(all_cases, typical, ids),
        }
    )
    return frame[np.isfinite(frame["z"].to_numpy()) & np.isfinite(frame["scaled"].to_numpy())]


def _growth(first: pd.DataFrame, known: pd.DataFrame, method: str) -> dict[int, float]:
    """How much wider than one year ahead each horizon's interval is: as the method's earlier misses
    widened (all measures pooled), but never faster than the square root of the years ahead (errors
    adding up year by year). Uncapped, the years around 2020-21 make three-year intervals too wide."""
    pooled = known[known["method"].to_numpy() == method].groupby("h")["z"]
    q = pooled.quantile(COVERAGE)[pooled.size() >= MIN_CASES]
    base = q.get(1)
    out = {}
    for h in range(1, MAX_HORIZON + 1):
        ratio = q.get(h, np.inf) / base if base else np.inf
        out[h] = float(min(np.sqrt(h), max(ratio, out.get(h - 1, 1.0))))
    return out


def _table(first_year: float, growth: dict[int, float]) -> dict[int, float]:
    return {h: round(float(first_year) * g, 4) for h, g in growth.items()}


def calibrate(
    panel: Panel, errs: pd.DataFrame, cutoff: int | None = None, method: str | None = None, only: set | None = None
) -> Calibration:
    """Which method each measure uses and its interval multipliers, from cases whose figure came by `cutoff`.

    The multiplier one year ahead is the 80th percentile of the method's absolute misses in units of each
    series' scale; further ahead it grows as _growth says. `method` fixes one method for every measure (to
    compare methods); `only` limits the measures calibrated (the pooled default still uses all).
    """
    known = errs if cutoff is None else errs[errs["target"].to_numpy() <= cutoff]
    if method:
        known = known[known["method"].to_numpy() == method]
    default_method = method or DEFAULT_METHOD
    first = known[known["h"].to_numpy() == 1]
    pooled = first.loc[first["method"].to_numpy() == default_method, "z"]
    if len(pooled) < MIN_CASES:
        raise ValueError("not enough national history to calibrate the forecasts")
    growths = {name: _growth(first, known, name) for name in (METHODS if not method else [method])}
    default = (default_method, _table(pooled.quantile(COVERAGE), growths[default_method]))
    if only is not None:
        only = np.searchsorted(panel.measure_names, sorted(only))
        known = known[known["measure"].isin(only)]
        first = first[first["measure"].isin(only)]
    tested = known[known["h"].isin(TESTED_HORIZONS)]
    score = tested.groupby(["measure", "method"], observed=True)["scaled"].agg(["mean", "size"])
    score = score[score["size"] >= MIN_CASES].reset_index()
    best = score.sort_values(["measure", "mean"]).drop_duplicates("measure")
    grouped = first.groupby(["measure", "method"], observed=True)["z"]
    own = grouped.quantile(COVERAGE)[grouped.size() >= MIN_CASES]
    pooled_by_method = first.groupby("method", observed=True)["z"].quantile(COVERAGE)
    measures = {}
    for r in best.itertuples():
        m1 = own.get((r.measure, r.method), pooled_by_method.get(r.method))
        if m1 is not None and np.isfinite(m1):
            measures[str(panel.measure_names[r.measure])] = (str(r.method), _table(m1, growths[str(r.method)]))
    where = f"DfE's national figures up to {cutoff}" if cutoff else "DfE's national figures in this database"
    return Calibration(default=default, measures=measures, source=where)


def _summary(frame: pd.DataFrame) -> dict:
    pct = frame[frame["percent"]]
    return {
        "cases": len(frame),
        "coverage_80": round(float(frame["inside"].mean()), 4) if len(frame) else None,
        "mae": round(float(frame["error"].mean()), 4) if len(frame) else None,
        "naive_mae": round(float(frame["naive_error"].mean()), 4) if len(frame) else None,
        "mae_pp": round(float(pct["error_pp"].mean()), 4) if len(pct) else None,
        "naive_mae_pp": round(float(pct["naive_error_pp"].mean()), 4) if len(pct) else None,
    }


def evaluate(panel: Panel, all_cases: pd.DataFrame, method: str | None = None) -> tuple[pd.DataFrame, dict]:
    """The held-out cases with the interval each got, and counts of what was skipped.

    method None: each measure's method as its calibration chooses; a name: that method for all
    (to compare methods; intervals still calibrated from the same method's earlier cases).
    """
    Y = panel.values
    observed = ~np.isnan(Y)
    n_figures = observed.sum(1)
    last_year = np.where(observed.any(1), panel.years[-1] - np.argmax(observed[:, ::-1], axis=1), 0)
    skipped = {"fewer than five figures": int(((n_figures > 0) & (n_figures < MIN_HISTORY + 1)).sum())}
    held = all_cases[
        (all_cases["origin"] >= last_year[all_cases["row"].to_numpy()] - HELD_OUT)
        & all_cases["h"].isin(TESTED_HORIZONS)
    ]
    eligible = set(np.flatnonzero(n_figures >= MIN_HISTORY + 1))
    tested_rows = set(held["row"].unique())
    skipped["no figure in the last three years to forecast from four before"] = len(eligible - tested_rows)
    typical = measure_scale(panel)
    errs = errors(panel, all_cases)
    naive = held[held["method"] == "naive"].set_index(["row", "origin", "h"])["forecast"]
    out = []
    uncalibrated = 0
    for origin in sorted(held["origin"].unique()):
        try:
            at_measures = set(panel.measure[held.loc[held["origin"] == origin, "row"].to_numpy()])
            calibration = calibrate(panel, errs, cutoff=int(origin), method=method, only=at_measures)
        except ValueError:
            uncalibrated += int((held["origin"] == origin).sum() / (1 if method else len(METHODS)))
            continue
        at = held[held["origin"] == origin]
        measure = panel.measure[at["row"].to_numpy()]
        if method is None:
            names = {m: calibration.for_measure(m)[0] for m in np.unique(measure)}
            chosen = np.array([names[m] for m in measure])
        else:
            chosen = np.full(len(at), method)
        at = at[at["method"].to_numpy() == chosen]
        measure = panel.measure[at["row"].to_numpy()]
        lookup = {
            (m, h): calibration.for_measure(m)[1].get(h, np.nan) for m in np.unique(measure) for h in TESTED_HORIZONS
        }
        mult = np.array([lookup[(m, int(h))] for m, h in zip(measure, at["h"])])
        uncalibrated += int(np.isnan(mult).sum())
        half = mult * _interval_scale(at, typical, panel.measure_id)
        frame = at.assign(half=half)
        out.append(frame[~np.isnan(half)])
    skipped["no earlier national cases to calibrate the interval"] = uncalibrated
    result = pd.concat(out, ignore_index=True) if out else held.iloc[0:0].assign(half=[])
    keys = pd.MultiIndex.from_arrays([result["row"], result["origin"], result["h"]])
    result["naive"] = naive.reindex(keys).to_numpy()
    metric = typical[panel.measure_id[result["row"].to_numpy()]]
    metric = np.where(metric > 0, metric, np.nan)
    miss = np.abs(result["actual"] - result["forecast"])
    naive_miss = np.abs(result["actual"] - result["naive"])
    result["inside"] = miss <= result["half"] + 1e-9
    result["error"], result["naive_error"] = miss / metric, naive_miss / metric
    result["error_pp"], result["naive_error_pp"] = miss, naive_miss
    result["percent"] = panel.percent[result["row"].to_numpy()]
    result["topic"] = panel.topic[result["row"].to_numpy()]
    result["measure"] = panel.measure[result["row"].to_numpy()]
    finite = np.isfinite(result["error"])
    skipped["measure without year-on-year change (cannot scale its errors)"] = int((~finite).sum())
    return result[finite], skipped


def backtest(store, sample: int | None = None, method: str | None = None, seed: int = 0) -> dict:
    """`python -m kpi backtest`: coverage and error by horizon and topic, and what was skipped."""
    panel = national_panel(store)
    if sample:
        names = np.unique(panel.measure)
        keep = np.random.default_rng(seed).choice(names, size=min(sample, len(names)), replace=False)
        panel = national_panel(store, measures=sorted(keep))
    if panel.rows == 0:
        raise ValueError(
            "This database has no DfE national figures. Load them first with: python -m kpi import-dfe ..."
        )
    all_cases = cases(panel)
    result, skipped = evaluate(panel, all_cases, method)
    horizons = [{"horizon": int(h), **_summary(result[result["h"] == h])} for h in TESTED_HORIZONS]
    topics = [{"topic": t, **_summary(g)} for t, g in result.groupby("topic", sort=True)]
    chosen = (
        result.drop_duplicates(["measure"])["method"].astype(str).value_counts().to_dict() if method is None else {}
    )
    return {
        "method": method or "chosen per measure",
        "measures": len(np.unique(panel.measure)),
        "series": int(panel.rows),
        "overall": _summary(result),
        "horizons": horizons,
        "by_topic": topics,
        "methods_chosen": chosen,
        "skipped": [{"reason": k, "count": v} for k, v in skipped.items()],
        "accepted": bool(
            all(h["cases"] and 0.75 <= h["coverage_80"] <= 0.85 and h["mae"] < h["naive_mae"] for h in horizons)
        ),
    }


def calibration_for(store, measures) -> Calibration:
    """The calibration the dashboard uses: each linked DfE measure's method and multipliers from all the
    national figures the store holds; anything else (an authority's own return) uses the recorded default."""
    wanted = sorted({m for m in measures if isinstance(m, str) and m})
    if not wanted:
        return DEFAULT_CALIBRATION
    try:
        panel = national_panel(store, wanted)
    except duckdb.Error:  # no national tables at all
        return DEFAULT_CALIBRATION
    if panel.rows == 0:
        return DEFAULT_CALIBRATION
    errs = errors(panel, cases(panel))
    try:
        found = calibrate(panel, errs)
    except ValueError:
        return DEFAULT_CALIBRATION
    return Calibration(default=DEFAULT_CALIBRATION.default, measures=found.measures, source=found.source)
