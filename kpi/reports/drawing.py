"""The trend chart drawn natively for the PDF (ReportLab graphics): vector lines, crisp when printed, and
milliseconds to draw where rendering a picture takes about a second a chart.

It draws exactly what kpi.charts draws, from the same long rows (kpi.charts.trend_long): points at their
period's end date on a time axis, measured lines broken where a year is missing, each series with its own
colour, dash and marker shape so it reads in greyscale.
"""
from __future__ import annotations

import pandas as pd
from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from kpi.charts import DASHES, PALETTE, trend_long

MARKERS = {"Actual": "FilledCircle", "Target": "FilledTriangle", "Statistical neighbours": "FilledSquare",
           "England": "FilledDiamond", "Region": "Cross"}
INK, GRID = colors.HexColor("#505A5F"), colors.HexColor("#DDDDDD")


def _nice_range(low: float, high: float) -> tuple[float, float, float]:
    """Axis bounds and step that read well: about five gridlines on round numbers."""
    if high == low:
        low, high = low - 1, high + 1
    raw = (high - low) / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    return (low // step) * step, -(-high // step) * step, step


def trend_drawing(rows: pd.DataFrame, width: float, height: float, font: str = "Helvetica") -> Drawing | None:
    """The chart as a ReportLab Drawing of `width` x `height` points; None when there is nothing to draw."""
    long = trend_long(rows)
    if long.empty:
        return None
    quarterly = set(rows["period_type"].dropna()) <= {"quarter", "month"}
    left, right, top, bottom = 34, 8, 6, 36       # room for the value labels, the period labels and the legend
    plot_w, plot_h = width - left - right, height - top - bottom
    dates = pd.to_datetime(long["end_date"])
    start, end = dates.min(), dates.max()
    span = max((end - start).days, 1)
    low, high, step = _nice_range(float(long["value"].min()), float(long["value"].max()))

    def x(d) -> float:
        return left + (0.5 if start == end else (pd.Timestamp(d) - start).days / span) * plot_w

    def y(v) -> float:
        return bottom + (float(v) - low) / (high - low) * plot_h

    drawing = Drawing(width, height)
    value = low
    while value <= high + step / 1000:
        drawing.add(Line(left, y(value), left + plot_w, y(value), strokeColor=GRID, strokeWidth=0.5))
        drawing.add(String(left - 3, y(value) - 2.5, f"{value:g}", fontName=font, fontSize=6.5, fillColor=INK,
                           textAnchor="end"))
        value += step
    ticks = long.drop_duplicates("end_date").sort_values("end_date")
    every = max(1, -(-len(ticks) // 12))          # at most 12 period labels, so they never overlap
    for i, (d, label) in enumerate(zip(ticks["end_date"], ticks["period"])):
        if i % every == 0:
            drawing.add(String(x(d), bottom - 10, str(label) if quarterly else pd.Timestamp(d).strftime("%Y"),
                               fontName=font, fontSize=6.5, fillColor=INK, textAnchor="middle"))
    drawn = [name for name in PALETTE if name in set(long["series"])]
    for name in drawn:
        colour = colors.HexColor(PALETTE[name])
        part = long[long["series"] == name]
        for _, run in part.groupby("segment", sort=False):
            points = [c for d, v in zip(run["end_date"], run["value"]) for c in (x(d), y(v))]
            if len(run) > 1:
                drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=1.4,
                                     strokeDashArray=None if DASHES[name] == [1, 0] else DASHES[name]))
        for d, v in zip(part["end_date"], part["value"]):
            marker = makeMarker(MARKERS[name], size=4.2, fillColor=colour, strokeColor=colour)
            marker.x, marker.y = x(d), y(v)
            drawing.add(marker)
    legend_x = left
    for name in drawn:                            # legend: the same line, dash and marker as the series
        colour = colors.HexColor(PALETTE[name])
        drawing.add(Line(legend_x, 7, legend_x + 16, 7, strokeColor=colour, strokeWidth=1.4,
                         strokeDashArray=None if DASHES[name] == [1, 0] else DASHES[name]))
        marker = makeMarker(MARKERS[name], size=4.2, fillColor=colour, strokeColor=colour)
        marker.x, marker.y = legend_x + 8, 7
        drawing.add(marker)
        drawing.add(String(legend_x + 20, 4.5, name, fontName=font, fontSize=7, fillColor=INK))
        legend_x += 28 + 3.6 * len(name)
    return drawing
