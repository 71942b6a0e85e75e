"""Forecasts with 80% prediction intervals, and whether a target will be met.

The methods work on many series at once (rows of a numpy array, NaN = no figure, columns at
times in years), so the national backtest and a page of tiles use the same few lines:

- naive: the latest figure carried forward;
- linear: the straight-line trend of the last five figures (least squares);
- smoothed: exponential smoothing of the level (alpha 0.7), no trend;
- damped: Holt's damped trend (alpha 0.7, beta 0.1, phi 0.5): a trend that fades.

An interval is the forecast plus or minus a multiplier times the series' own scale (the mean
absolute change between its last five figures). The multiplier for each horizon is not taken
from a textbook formula: it is the 80th percentile of the same method's absolute errors, in
that scale, when it forecast earlier years of DfE's national series (kpi.backtest), so the
80% interval covers what the method actually missed by. Probabilities treat the forecast
error as normal with that spread. Which method an indicator uses, and the multipliers, come
from a Calibration (kpi.backtest builds them from the store; DEFAULT_CALIBRATION is the one
recorded in docs/benchmarks.md, for stores without national data).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from kpi.model import is_missing

WINDOW = 5  # figures the trend and the scale look at: "the last five years"
MIN_HISTORY = 4  # fewer figures than this and nothing is forecast
MAX_HORIZON = 5  # years ahead the calibration covers; later years extrapolate its growth
TESTED_HORIZONS = (1, 2, 3)
COVERAGE = 0.8
ON_TRACK, OFF_TRACK = 0.7, 0.3  # chance of meeting the target: on track at or above, off track below


@dataclass(frozen=True)
class Method:
    name: str
    words: str  # "on the damped trend of the last five years"
    alpha: float = 1.0
    beta: float = 0.0  # 0: no trend
    phi: float = 1.0
    linear: bool = False


METHODS = {
    "naive": Method("naive", "carrying the latest figure forward"),
    "linear": Method("linear", "on the straight-line trend of the last five figures", linear=True),
    "smoothed": Method("smoothed", "on the smoothed level of recent figures", alpha=0.7),
    "damped": Method("damped", "on the damped trend of recent figures", alpha=0.7, beta=0.1, phi=0.5),
}
DEFAULT_METHOD = "damped"


# -- the methods, on many series at once -------------------------------------------------------
def _last_index(observed: np.ndarray) -> np.ndarray:
    """Column of each row's last figure (0 for a row without any)."""
    n_cols = observed.shape[1]
    return np.where(observed.any(1), n_cols - 1 - np.argmax(observed[:, ::-1], axis=1), 0)


def window_mask(Y: np.ndarray) -> np.ndarray:
    """Each row's last WINDOW figures."""
    observed = ~np.isnan(Y)
    from_right = np.cumsum(observed[:, ::-1], axis=1)[:, ::-1]
    return observed & (from_right <= WINDOW)


def change_scale(Y: np.ndarray) -> np.ndarray:
    """Mean absolute change between successive figures among each row's last WINDOW (NaN if under two)."""
    mask = window_mask(Y)
    values = np.where(mask, Y, np.nan)
    cols = np.arange(Y.shape[1])
    idx = np.maximum.accumulate(np.where(mask, cols, -1), axis=1)
    previous = np.full(Y.shape, np.nan)
    prev_idx = idx[:, :-1]
    gathered = np.take_along_axis(values, np.maximum(prev_idx, 0), axis=1)
    previous[:, 1:] = np.where(prev_idx >= 0, gathered, np.nan)
    changes = np.abs(np.where(mask, values - previous, np.nan))
    count = (~np.isnan(changes)).sum(1)
    return np.where(count > 0, np.nansum(changes, axis=1) / np.maximum(count, 1), np.nan)


def _linear(Y: np.ndarray, X: np.ndarray):
    """Least-squares line through each row's last WINDOW figures: (value at the last figure, slope per year)."""
    w = window_mask(Y).astype(float)
    n = np.maximum(w.sum(1), 1)
    Yz = np.where(w > 0, Y, 0.0)
    xm = (w * X).sum(1) / n
    ym = (w * Yz).sum(1) / n
    dx = (X - xm[:, None]) * w
    sxx = (dx * (X - xm[:, None])).sum(1)
    slope = np.where(sxx > 0, (dx * (Yz - ym[:, None])).sum(1) / np.where(sxx > 0, sxx, 1), 0.0)
    x_last = X[_last_index(w > 0)]
    return ym + slope * (x_last - xm), slope


def _smooth(Y: np.ndarray, X: np.ndarray, m: Method):
    """Holt's damped trend (alpha, beta, phi) through each row, skipping missing years: (level, slope)."""
    n = Y.shape[0]
    level, slope = np.full(n, np.nan), np.zeros(n)
    last_x, count = np.zeros(n), np.zeros(n)
    for t in range(Y.shape[1]):
        y = Y[:, t]
        seen = ~np.isnan(y)
        first = seen & (count == 0)
        level[first], last_x[first] = y[first], X[t]
        more = seen & (count >= 1)
        if more.any():
            gap = X[t] - last_x[more]
            predicted = level[more] + slope[more] * damped_sum(gap, m.phi)
            error = y[more] - predicted
            second = count[more] == 1
            if m.beta > 0:
                new_slope = np.where(
                    second, (y[more] - level[more]) / gap, m.phi**gap * slope[more] + m.alpha * m.beta * error / gap
                )
                slope[more] = new_slope
            level[more] = np.where(second & (m.beta > 0), y[more], predicted + m.alpha * error)
            last_x[more] = X[t]
        count[seen] += 1
    return level, slope


def damped_sum(h, phi: float):
    """phi + phi^2 + ... + phi^h (h for phi = 1): how much of the slope h years add."""
    h = np.asarray(h, dtype=float)
    return h if phi == 1 else phi * (1 - phi**h) / (1 - phi)


def point_forecasts(Y: np.ndarray, X: np.ndarray, method: str, horizons) -> np.ndarray:
    """Forecasts for each row at each horizon (years after its last figure): shape (rows, len(horizons))."""
    m = METHODS[method]
    horizons = np.asarray(horizons, dtype=float)
    if m.linear:
        level, slope = _linear(Y, X)
        return level[:, None] + slope[:, None] * horizons[None, :]
    level, slope = _smooth(Y, X, m)
    return level[:, None] + slope[:, None] * damped_sum(horizons, m.phi)[None, :]


# -- calibration: which method, and how wide its intervals are ------------------------------------
@dataclass(frozen=True)
class Calibration:
    """The method and interval multipliers (by whole years ahead, 1..MAX_HORIZON) for each DfE measure.

    `measures` maps a measure to (method, {horizon: multiplier}); `default` serves series that
    are not a DfE measure (an authority's own return) or a measure without enough history.
    """

    default: tuple[str, dict[int, float]]
    measures: dict[str, tuple[str, dict[int, float]]] = field(default_factory=dict)
    source: str = ""

    def for_measure(self, measure: str | None) -> tuple[str, dict[int, float]]:
        return self.measures.get(measure, self.default) if measure else self.default


# Multipliers of the damped trend recorded from the full national backtest (docs/benchmarks.md),
# used only where the store holds no national data to calibrate on.
DEFAULT_CALIBRATION = Calibration(
    default=("damped", {1: 1.7469, 2: 2.4344, 3: 3.0257, 4: 3.4938, 5: 3.6365}),
    source="the national backtest recorded with this release",
)


def multiplier(table: dict[int, float], horizon: float) -> float:
    """The interval multiplier for a horizon in years: interpolated, and beyond the table growing as sqrt(h)."""
    h = max(float(horizon), 1.0)
    known = sorted(table)
    top = known[-1]
    if h >= top:
        return table[top] * math.sqrt(h / top)
    lower = max(k for k in known if k <= h)
    upper = min(k for k in known if k >= h)
    if lower == upper:
        return table[lower]
    return table[lower] + (table[upper] - table[lower]) * (h - lower) / (upper - lower)


# -- probability and rating ------------------------------------------------------------------------
Z80 = 1.2815515655446004  # the normal's 90th percentile: a central 80% interval is +-Z80 sigma


def chance_at_least(value: float, half_width: float, threshold: float) -> float:
    """P(outcome >= threshold) when the 80% interval is value +- half_width and errors are normal."""
    if half_width <= 0:
        return 1.0 if value >= threshold else 0.0
    sigma = half_width / Z80
    return 0.5 * math.erfc((threshold - value) / (sigma * math.sqrt(2)))


def rating(probability: float) -> str:
    return "on track" if probability >= ON_TRACK else "off track" if probability < OFF_TRACK else "at risk"


RATING_RULE = (
    f"On track when the chance of meeting the target is {ON_TRACK:.0%} or more, off track when it is "
    f"under {OFF_TRACK:.0%}, at risk in between. The chance comes from the 80% interval, which is "
    "as wide as the method's own misses when it forecast earlier years of DfE's national figures."
)


# -- one indicator's forecast, in words ------------------------------------------------------------
@dataclass
class Projection:
    """One future period: the forecast, its 80% interval and, where a target applies, the chance of meeting it."""

    period: str
    end_date: object
    horizon: float
    value: float
    lower: float
    upper: float
    target: float | None = None
    target_text: str | None = None
    probability: float | None = None
    rating: str | None = None
    reason: str | None = None
    shown: str = ""  # the value in its unit, "84.1%"
    shown_range: str = ""  # "81.9%-86.3%"


@dataclass
class IndicatorForecast:
    code: str
    method: str | None
    method_words: str
    points: list[Projection] = field(default_factory=list)
    note: str | None = None  # why there is no forecast, or what it cannot do
    gaps: list[str] = field(default_factory=list)  # "the gap to England is forecast to widen ..."
    history: int = 0

    @property
    def judged(self) -> list[Projection]:
        return [p for p in self.points if p.rating]

    @property
    def headline(self) -> Projection | None:
        """The projection a tile shows: the next period with a target, else the last one forecast."""
        return next(iter(self.judged), None) or (self.points[-1] if self.points else None)

    @property
    def line(self) -> str:
        """The tile's small 'forecast' line."""
        if not self.points:
            return self.note or "No forecast."
        p = self.headline
        return p.reason if p.reason else f"Forecast for {p.period}: {p.shown} (80%: {p.shown_range})."

    @property
    def short(self) -> str:
        """The tile's line, short: 'Forecast 2013: 75.8% (80%: 71.2-80.4%), off track'."""
        if not self.points:
            return "No forecast: too few figures" if self.history < MIN_HISTORY else ""
        p = self.headline
        return f"Forecast {p.period}: {p.shown} (80%: {p.shown_range})" + (f", {p.rating}" if p.rating else "")

    def records(self) -> list[dict]:
        """`python -m kpi forecast --json`: one object per future period."""
        out = []
        for p in self.points:
            item = {
                "period": p.period,
                "value": round(p.value, 4),
                "lower": round(p.lower, 4),
                "upper": round(p.upper, 4),
            }
            if p.rating:
                item.update(
                    {
                        "target": p.target if p.target is not None else p.target_text,
                        "probability": round(p.probability, 3),
                        "rating": p.rating,
                    }
                )
            out.append(item)
        return out


def _years(dates) -> np.ndarray:
    """End dates as fractional years (2012-08-31 -> 2012.67): the time axis every method uses."""
    import pandas as pd

    stamps = pd.to_datetime(pd.Series(list(dates)))
    return (stamps.dt.year + (stamps.dt.dayofyear - 1) / 365.25).to_numpy(dtype=float)


def _future_label(last_label: str, last_end, years_ahead: int) -> tuple[str, object]:
    """A period n years after the last, labelled as the series labels its periods ("2014", "2013/14", "Sep 14")."""
    import re

    import pandas as pd

    end = pd.Timestamp(last_end) + pd.DateOffset(years=years_ahead)
    text = str(last_label).strip()
    if re.fullmatch(r"\d{4}/\d{2}", text):
        first = int(text[:4]) + years_ahead
        return f"{first}/{(first + 1) % 100:02d}", end.date()
    if re.fullmatch(r"\d{4}-\d{2}", text):  # a rolling span such as 2014-16
        first = int(text[:4]) + years_ahead
        return f"{first}-{(int(text[5:]) + years_ahead) % 100:02d}", end.date()
    if re.fullmatch(r"[A-Z][a-z]{2} \d{2}", text):
        return f"{text[:3]} {(int(text[4:]) + years_ahead) % 100:02d}", end.date()
    if re.fullmatch(r"\d{4}", text):
        return str(int(text) + years_ahead), end.date()
    return str(end.year), end.date()


def _interval(values: np.ndarray, dates, future_dates, method: str, table: dict[int, float], decimals):
    """Point forecasts and 80% half-widths for future dates from one series' figures."""
    X = _years(dates)
    horizons = np.maximum(_years(future_dates) - X[-1], 1e-9)
    Y = np.asarray(values, dtype=float)[None, :]
    points = point_forecasts(Y, X, method, horizons)[0]
    scale = float(change_scale(Y)[0])
    unit_step = 10.0 ** -(1 if is_missing(decimals) else int(decimals))
    scale = max(scale if np.isfinite(scale) else 0.0, unit_step)
    whole = np.maximum(np.ceil(horizons - 0.05), 1)
    halves = np.array([multiplier(table, h) * scale for h in whole])
    return points, halves, horizons


def _chance(value, half, threshold, polarity) -> float:
    if polarity == "lower":
        return chance_at_least(-value, half, -threshold)
    return chance_at_least(value, half, threshold)


def _range(lower, upper, unit, decimals) -> str:
    """'81.9-86.3%': the unit once, after the upper end."""
    from kpi.formatting import format_value

    low = format_value(lower, "", decimals)
    return (
        f"{low} to {format_value(upper, unit, decimals)}"
        if lower < 0
        else f"{low}-{format_value(upper, unit, decimals)}"
    )


def _fmt(value, unit, decimals):
    from kpi.formatting import format_value

    return format_value(value, unit, decimals)


def forecast_indicator(rows, calibration: Calibration | None = None, to_year: int | None = None) -> IndicatorForecast:
    """Forecast one indicator's series (rows of kpi.figures.all_series, oldest first) to its target years.

    Future periods are the series' own later periods that carry a target, then whole years after the
    last figure up to `to_year` (at least the last target's year; three years when there is no target).
    """
    import pandas as pd

    from kpi.formatting import format_diff
    from kpi.positions import parse_position

    calibration = calibration or DEFAULT_CALIBRATION
    rows = rows.sort_values(["end_date"]).reset_index(drop=True)
    first = rows.iloc[0]
    code, unit, dp, polarity = first["code"], first["unit"], first["decimals"], first["polarity"]
    measure = first.get("dfe_measure") if isinstance(first.get("dfe_measure"), str) else None
    method, table = calibration.for_measure(measure)
    m = METHODS[method]
    history = rows[rows["actual"].notna() & rows["end_date"].notna()]
    result = IndicatorForecast(code, method, m.words, history=len(history))
    if len(history) < MIN_HISTORY:
        result.method = None
        result.note = (
            f"No forecast: {len(history)} figure{'s' if len(history) != 1 else ''} so far, and a forecast "
            f"needs at least {MIN_HISTORY} to tell a trend from a single year's change."
        )
        return result
    last = history.iloc[-1]
    later = rows[rows["end_date"] > last["end_date"]]
    targeted = later[later["target"].notna() | later["target_text"].notna()]
    futures = [(r["period"], r["end_date"], r["target"], r["target_text"]) for _, r in targeted.iterrows()]
    last_year = pd.Timestamp(last["end_date"]).year
    horizon_end = max(
        [pd.Timestamp(f[1]).year for f in futures]
        + [to_year or 0]
        + ([last_year + 3] if not futures and not to_year else [])
    )
    taken = {pd.Timestamp(f[1]).year for f in futures}
    for n in range(1, horizon_end - last_year + 1):
        label, end = _future_label(last["period"], last["end_date"], n)
        if pd.Timestamp(end).year not in taken:
            futures.append((label, end, None, None))
    futures.sort(key=lambda f: pd.Timestamp(f[1]))
    if to_year:
        futures = [f for f in futures if pd.Timestamp(f[1]).year <= to_year]
    if not futures:
        result.note = "Nothing to forecast: no later period."
        return result
    values, halves, horizons = _interval(
        history["actual"].to_numpy(), history["end_date"], [f[1] for f in futures], method, table, dp
    )
    bounded = (0.0, 100.0) if unit == "%" else (None, None)
    gap_series = {}
    for label, end, target, target_text in futures:
        i = len(result.points)
        value, half = float(values[i]), float(halves[i])
        lower, upper = value - half, value + half
        if bounded[0] is not None:
            value, lower, upper = (min(max(v, bounded[0]), bounded[1]) for v in (value, lower, upper))
        p = Projection(str(label), end, float(horizons[i]), value, lower, upper)
        p.shown, p.shown_range = _fmt(value, unit, dp), _range(lower, upper, unit, dp)
        when = f"{m.words[0].upper()}{m.words[1:]}, {label} is forecast at {p.shown} (80%: {p.shown_range})"
        if pd.notna(target):
            p.target = float(target)
            p.probability = _chance(value, half, p.target, polarity)
            p.rating = rating(p.probability)
            gap = value - p.target
            better = gap >= 0 if polarity != "lower" else gap <= 0
            words = (
                "meeting"
                if round(abs(gap), 1 if dp is None else int(dp)) == 0
                else f"{format_diff(abs(gap), unit, dp, signed=False)} {'better than' if better else 'short of'}"
            )
            p.reason = f"{when}, {words} {_fmt(p.target, unit, dp)}: {p.rating} ({p.probability:.0%} chance)."
        elif isinstance(target_text, str) and target_text.strip():
            p.target_text = target_text
            position = parse_position(target_text)
            _position_forecast(p, position, rows, polarity, first, gap_series, calibration, when, unit, dp)
        result.points.append(p)
    result.gaps = _gap_words(rows, history, result.points, polarity, calibration, unit, dp)
    if max(horizons) > TESTED_HORIZONS[-1] + 0.05:
        result.note = (
            f"Beyond {TESTED_HORIZONS[-1]} years ahead the interval follows the tested ones' growth; "
            "it has not itself been tested."
        )
    return result


def _threshold_column(rows, band: str, polarity: str):
    """The quartile threshold a band starts at, year by year (None for band D: always met)."""
    import pandas as pd

    index = {"higher": {"A": 2, "B": 1, "C": 0}, "lower": {"A": 0, "B": 1, "C": 2}}[polarity].get(band)
    if index is None:
        return None
    return pd.Series(
        [
            t[index] if isinstance(t, (list, tuple)) or hasattr(t, "__len__") else np.nan
            for t in rows["quartile_thresholds"]
        ],
        index=rows.index,
        dtype=float,
    )


def _gap_forecast(rows, comparator, p, calibration, method: str | None = None):
    """Forecast (actual - comparator) to p's date: the gap carries the two series' shared movements."""
    both = rows[rows["actual"].notna() & comparator.notna()]
    if len(both) < MIN_HISTORY:
        return None
    gaps = (both["actual"] - comparator[both.index]).to_numpy(dtype=float)
    default, table = calibration.default
    method = method or default
    values, halves, _ = _interval(gaps, both["end_date"], [p.end_date], method, table, rows["decimals"].iloc[0])
    return float(values[0]), float(halves[0]), float(gaps[-1]), both.iloc[-1]["period"]


def _position_forecast(p, position, rows, polarity, first, cache, calibration, when, unit, dp):
    from kpi.formatting import format_diff
    from kpi.rag import effective_tolerance

    if position is None or polarity not in ("higher", "lower"):
        return
    if position.kind in ("rank", "sn_rank"):
        p.reason = (
            f"{when}. A target of {position.text} is not forecast: a rank depends on every other authority's figures."
        )
        return
    if position.kind == "quartile":
        column = _threshold_column(rows, position.band, polarity)
        if column is None:
            p.probability, p.rating = 1.0, "on track"
            p.reason = f"{when}: quartile D is always met: on track."
            return
        name = f"the quartile {position.band} threshold"
        allowance = 0.0
    else:
        column = rows[position.comparator].astype(float)
        name = {"national": "England", "sn_average": "the neighbour average", "region": "the region"}[
            position.comparator
        ]
        allowance = effective_tolerance(first["tolerance"]) if position.in_line else 0.0
    found = _gap_forecast(rows, column, p, calibration)
    if found is None:
        p.reason = f"{when}. Too few years of {name} to forecast the target of {position.text}."
        return
    gap, half, _, _ = found
    signed = gap if polarity == "higher" else -gap
    p.probability = chance_at_least(signed, half, -allowance)
    p.rating = rating(p.probability)
    side = "ahead of" if signed >= 0 else "behind"
    p.reason = (
        f"{when}; it is forecast {format_diff(abs(gap), unit, dp, signed=False)} {side} {name} "
        f"(target {position.text}): {p.rating} ({p.probability:.0%} chance)."
    )


def _gap_words(rows, history, points, polarity, calibration, unit, dp) -> list[str]:
    """'The gap to England is forecast to widen ...' when the authority is behind and falling further behind.

    Whether a gap is opening is a question about its trend, so this follows the straight-line trend of the
    gap's last five years (with the default interval), not the damped forecast, which lags a steady trend.
    """
    from kpi.formatting import format_diff

    if not points or polarity not in ("higher", "lower"):
        return []
    end = points[-1]
    out = []
    for column, name in (("sn_average", "the neighbour average"), ("national", "England")):
        found = _gap_forecast(rows, rows[column].astype(float), end, calibration, method="linear")
        if found is None:
            continue
        gap, half, now, when = found
        sign = 1 if polarity == "higher" else -1
        behind_now = sign * now < 0
        worse = chance_at_least(sign * now, half, sign * gap) if half > 0 else float(sign * gap < sign * now)
        widens = round(sign * (now - gap), 1 if dp is None else int(dp)) > 0
        if behind_now and widens and worse > 0.5:
            out.append(
                f"On the last five years' trend, the gap to {name} is forecast to widen: from {format_diff(abs(now), unit, dp, signed=False)} "
                f"behind in {when} to {format_diff(abs(gap), unit, dp, signed=False)} behind by {end.period} "
                f"({worse:.0%} chance it is wider)."
            )
    return out


def forecast_all(series, calibration: Calibration | None = None) -> dict[str, IndicatorForecast]:
    """Every indicator's forecast from kpi.figures.all_series: computed once per data version by the pages."""
    out = {}
    for code, rows in series[series["period"].notna()].groupby("code", sort=False):
        out[code] = forecast_indicator(rows, calibration)
    return out
