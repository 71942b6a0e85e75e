"""Charts for the national views: many areas over time, and one year's areas side by side.

Pure Altair (no Streamlit). Every series differs by dash and point shape as well as colour, so a
chart reads in greyscale; the authority itself is the thick dark-blue line with circles, England
the orange dash-dot line with diamonds, the neighbour average the purple dotted line with squares.
The value axis never starts at zero by force: a line that moves three points within 60-65% must
not be flattened (LAIT's users asked for this). `to_svg` and `to_png` render the same spec offline
with vl-convert, for the download buttons.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert as vlc

from kpi.charts import PALETTE, legend_columns, readable
from kpi.formatting import format_value

OTHER_COLOURS = ("#28A197", "#A285D1", "#3D3D3D", "#6BACE6", "#BFBFBF", "#801650", "#F46A25", "#12436D")
OTHER_DASHES = ([6, 3], [2, 2], [10, 4], [4, 2, 1, 2], [1, 3], [8, 2, 2, 2], [12, 3], [3, 3])
OTHER_SHAPES = (
    "triangle-up",
    "cross",
    "triangle-down",
    "square",
    "diamond",
    "triangle-left",
    "triangle-right",
    "circle",
)
FIXED = {
    "England": (PALETTE["England"], [8, 3, 2, 3], "diamond"),
    "Neighbour average": (PALETTE["Statistical neighbours"], [2, 2], "square"),
}
WIDTH = 900


def series_styles(names: list[str], highlight: str | None) -> dict[str, tuple[str, list, str]]:
    """(colour, dash, shape) per series: the authority, England and the neighbour average fixed, the rest cycled."""
    styles, i = {}, 0
    for name in names:
        if name == highlight:
            styles[name] = (PALETTE["Actual"], [1, 0], "circle")
        elif name in FIXED:
            styles[name] = FIXED[name]
        else:
            styles[name] = (
                OTHER_COLOURS[i % len(OTHER_COLOURS)],
                OTHER_DASHES[i % len(OTHER_DASHES)],
                OTHER_SHAPES[i % len(OTHER_SHAPES)],
            )
            i += 1
    return styles


def lines(
    long: pd.DataFrame,
    *,
    highlight: str | None = None,
    unit=None,
    decimals=None,
    title: str | None = None,
    height: int = 380,
) -> alt.TopLevelMixin:
    """Series over time (long rows: label, end_date, series, value); the y axis fits the data, not zero.

    Years without figures (KS2 in 2020 and 2021) stay on the axis as gaps: joining across them would
    invent a trend.
    """
    data = long.copy()  # missing years kept, so the line breaks there
    data["value"] = pd.to_numeric(data["value"], errors="coerce").astype(float)
    data["shown"] = [format_value(v, unit, decimals) for v in data["value"]]
    order = long.sort_values("end_date")["label"].drop_duplicates().tolist()
    names = list(dict.fromkeys(long["series"]))
    if highlight in names:  # drawn last, on top
        names = [n for n in names if n != highlight] + [highlight]
    styles = series_styles(names, highlight)
    legend = alt.Legend(
        title=None,
        orient="bottom",
        columns=legend_columns(names, 11, most=4),
        labelLimit=260,
        symbolStrokeWidth=2,
        symbolSize=120,
    )
    scale = dict(domain=names)
    base = alt.Chart(data).encode(
        x=alt.X("label:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "value:Q",
            title=unit.strip() if isinstance(unit, str) and unit.strip() else "Value",
            scale=alt.Scale(zero=False, nice=True),
        ),
        color=alt.Color("series:N", scale=alt.Scale(**scale, range=[styles[n][0] for n in names]), legend=legend),
        strokeDash=alt.StrokeDash(
            "series:N", scale=alt.Scale(**scale, range=[styles[n][1] for n in names]), legend=legend
        ),
        shape=alt.Shape("series:N", scale=alt.Scale(**scale, range=[styles[n][2] for n in names]), legend=legend),
        order=alt.Order("end_date:T"),
        tooltip=[
            alt.Tooltip("series:N", title="Area"),
            alt.Tooltip("label:N", title="Year"),
            alt.Tooltip("shown:N", title="Value"),
        ],
    )
    width = alt.condition(alt.datum.series == (highlight or ""), alt.value(4), alt.value(2))
    chart = alt.layer(
        base.mark_line(invalid="break-paths-show-domains").encode(strokeWidth=width),
        base.transform_filter("isValid(datum.value)").mark_point(size=80, filled=True, opacity=1),
    )
    chart = chart.properties(height=height, width="container", usermeta={"embedOptions": {"renderer": "svg"}})
    return readable(chart.properties(title=title) if title else chart)


def dots(
    table: pd.DataFrame,
    *,
    label: str,
    value: str,
    highlight: str | None = None,
    polarity: str | None = None,
    unit=None,
    decimals=None,
    title: str | None = None,
) -> alt.TopLevelMixin:
    """One year's areas as dots on a line each, best at the top; the value axis fits the data, not zero.

    The authority is a large dark-blue diamond with its name marked '▶'; England and the region are
    hollow squares; everyone else a grey circle.
    """
    data = table.dropna(subset=[value]).copy()
    data["shown"] = [format_value(v, unit, decimals) for v in data[value]]
    data["who"] = [
        "This authority" if n == highlight else "England or region" if k in ("england", "region") else "LA"
        for n, k in zip(data[label], data.get("kind", pd.Series(["la"] * len(data))))
    ]
    data["name"] = [f"▶ {n}" if n == highlight else n for n in data[label]]
    ascending = polarity == "lower"
    order = data.sort_values(value, ascending=ascending)["name"].tolist()
    kinds = ["This authority", "England or region", "LA"]
    legend = alt.Legend(title=None, orient="bottom", columns=legend_columns(kinds, 11))
    chart = (
        alt.Chart(data)
        .mark_point(filled=True, opacity=1)
        .encode(
            y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            x=alt.X(
                f"{value}:Q",
                title=unit.strip() if isinstance(unit, str) and unit.strip() else "Value",
                scale=alt.Scale(zero=False, nice=True),
            ),
            color=alt.Color(
                "who:N",
                scale=alt.Scale(domain=kinds, range=[PALETTE["Actual"], PALETTE["England"], "#6F777B"]),
                legend=legend,
            ),
            shape=alt.Shape(
                "who:N", scale=alt.Scale(domain=kinds, range=["diamond", "square", "circle"]), legend=legend
            ),
            size=alt.Size("who:N", scale=alt.Scale(domain=kinds, range=[260, 150, 90]), legend=None),
            tooltip=[alt.Tooltip("name:N", title="Area"), alt.Tooltip("shown:N", title="Value")],
        )
        .properties(height=max(160, 26 * len(data)), width="container", usermeta={"embedOptions": {"renderer": "svg"}})
    )
    return readable(chart.properties(title=title) if title else chart)


def _fixed(chart: alt.TopLevelMixin) -> str:
    """The spec at a fixed width: 'container' means nothing outside a page."""
    return chart.properties(width=WIDTH).to_json()


def to_svg(chart: alt.TopLevelMixin) -> bytes:
    return vlc.vegalite_to_svg(_fixed(chart)).encode("utf-8")


def to_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    return vlc.vegalite_to_png(_fixed(chart), scale=scale)
