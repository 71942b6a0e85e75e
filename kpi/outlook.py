"""Each indicator's outlook: its forecast (kpi.forecast) and its special-cause signal (kpi.spc), worked out
once per data version for every indicator, and written onto the rows the cards are made from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kpi.forecast import Calibration, IndicatorForecast, forecast_indicator
from kpi.spc import Process, process


@dataclass
class Outlook:
    forecast: IndicatorForecast
    process: Process


def outlooks(series: pd.DataFrame, calibration: Calibration | None = None) -> dict[str, Outlook]:
    """Every indicator's forecast and signal, from kpi.figures.all_series (or a series cut at a period)."""
    out = {}
    for code, rows in series[series["period"].notna()].groupby("code", sort=False):
        with_actual = rows[rows["actual"].notna()]
        out[code] = Outlook(
            forecast_indicator(rows, calibration),
            process(with_actual["actual"], with_actual["period"], rows["polarity"].iloc[0]),
        )
    return out


def annotate(latest: pd.DataFrame, found: dict[str, Outlook]) -> pd.DataFrame:
    """The latest rows with the words their cards show: forecast_line, forecast_reason, signal_word, signal_words."""
    out = latest.copy()
    get = lambda code: found.get(code)
    out["forecast_line"] = [o.forecast.short if (o := get(c)) else "" for c in out["code"]]
    out["forecast_reason"] = [o.forecast.line if (o := get(c)) else "" for c in out["code"]]
    out["signal_word"] = [o.process.word if (o := get(c)) else "" for c in out["code"]]
    out["signal_words"] = [o.process.words if (o := get(c)) else "" for c in out["code"]]
    return out


CHART_KEY = (
    "Forecast: dashed line with right-pointing triangles, on a light band with dotted edges (the 80% range) · "
    "Special cause: large hollow triangles, pointing up for an improvement, down for a concern."
)


def lines(outlook: Outlook | None) -> list[str]:
    """The Indicator page's 'Will we hit the target?' section, in order: each target year's forecast, the
    gaps forecast to widen, what the forecast cannot do, the signal, and the rules behind both."""
    from kpi.forecast import RATING_RULE
    from kpi.spc import RULES

    if outlook is None:
        return []
    f = outlook.forecast
    said = [p.reason for p in f.judged] or ([f.line] if f.points else [])
    said += f.gaps
    if f.note:
        said.append(f.note)
    said.append(f"Signal: {outlook.process.words}")
    return said + [RATING_RULE, RULES]
