"""A school's inspection timeline as an Altair chart: grades over time, readable without colour."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kpi.charts import TEXT, readable

GRADE_AXIS = (
    "datum.value == 1 ? '1 Outstanding' : datum.value == 2 ? '2 Good' : "
    "datum.value == 3 ? '3 Requires improvement' : '4 Inadequate'"
)


def timeline_chart(points: pd.DataFrame, title: str) -> alt.Chart:
    """Each graded inspection as a point on a step line (1 at the top), labelled with its grade in words."""
    base = alt.Chart(points, title=title).encode(
        x=alt.X("date:T", title="Inspection started", axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y(
            "grade:Q",
            title="Overall effectiveness",
            scale=alt.Scale(domain=[4.3, 0.7]),
            axis=alt.Axis(values=[1, 2, 3, 4], labelExpr=GRADE_AXIS, labelLimit=200),
        ),
        tooltip=[alt.Tooltip("date:T", title="Started", format="%d %b %Y"), alt.Tooltip("label:N", title="Grade")],
    )
    line = base.mark_line(interpolate="step-after", strokeDash=[4, 3], color="#505a5f")
    dots = base.mark_point(filled=True, size=90, shape="diamond", color="#1d70b8")
    words = base.mark_text(align="left", dx=8, dy=-8, fontSize=12, color=TEXT).encode(text="label:N")
    return readable((line + dots + words).properties(height=260))
