"""Altair chart builders shared by the pages and the board pack.

Series differ by line dash and point shape as well as colour, so a chart reads in
greyscale and for colour-blind viewers. Colours are the Analysis Function palette.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from kpi.formatting import format_value

# Government Analysis Function categorical palette (dark blue, turquoise, dark pink, orange).
PALETTE = {"Actual": "#12436D", "Target": "#28A197", "Statistical neighbours": "#801650", "England": "#F46A25",
           "Region": "#3D3D3D"}
DASHES = {"Actual": [1, 0], "Target": [6, 4], "Statistical neighbours": [2, 2], "England": [8, 3, 2, 3],
          "Region": [4, 2]}
SHAPES = {"Actual": "circle", "Target": "triangle-up", "Statistical neighbours": "square", "England": "diamond",
          "Region": "cross"}
SERIES = {"actual": "Actual", "target": "Target", "sn_average": "Statistical neighbours", "national": "England",
          "region": "Region"}


def trend_long(rows: pd.DataFrame) -> pd.DataFrame:
    """One indicator's periods as long rows (period, series, value, shown) for charting."""
    unit = rows["unit"].iloc[0] if len(rows) else ""
    decimals = rows["decimals"].iloc[0] if len(rows) else 1
    frames = []
    for column, name in SERIES.items():
        part = rows[["period", "end_date", column]].rename(columns={column: "value"})
        part = part[part["value"].notna()].assign(series=name)
        frames.append(part)
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["period", "end_date", "value", "series"])
    long["shown"] = [format_value(v, unit, decimals) for v in long["value"]]
    return long


def trend_chart(rows: pd.DataFrame, *, height: int = 320, title: str | None = None, font_size: int = 12) -> alt.Chart:
    """Actual, target trajectory, statistical neighbours and England over time.

    `font_size` sets axis and legend labels: 12 on screen, larger for a projector.
    """
    long = trend_long(rows)
    order = rows.sort_values("end_date")["period"].dropna().drop_duplicates().tolist()
    present = [s for s in PALETTE if s in set(long["series"])]
    unit = rows["unit"].iloc[0] if len(rows) else ""
    y_title = {"%": "Per cent", "pp": "Gap (pp)", "count": "Number"}.get(unit, unit or "Value")
    legend = alt.Legend(title=None, orient="bottom", symbolStrokeWidth=2, symbolSize=120, labelFontSize=font_size + 1,
                        labelLimit=0)
    base = alt.Chart(long).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=font_size)),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False), axis=alt.Axis(labelFontSize=font_size, titleFontSize=font_size)),
        color=alt.Color("series:N", scale=alt.Scale(domain=present, range=[PALETTE[s] for s in present]), legend=legend),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=present, range=[DASHES[s] for s in present]),
                                  legend=legend),
        shape=alt.Shape("series:N", scale=alt.Scale(domain=present, range=[SHAPES[s] for s in present]), legend=legend),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("shown:N", title="Value")],
    )
    chart = alt.layer(base.mark_line(strokeWidth=2.5), base.mark_point(size=90, filled=True, opacity=1)).properties(
        height=height, width="container")
    if title:
        chart = chart.properties(title=title)
    return chart
