"""Charts for the Compare page: one LA against its neighbours, its region, England and every LA (words: compare_words).

Pure Altair and pandas (no Streamlit), so the board pack can reuse them and tests can read
the specs. The selected LA never relies on colour alone: it has its own outline or shape
and a text label; comparator lines and rules differ by dash, as in kpi.charts. Fonts are
projector-sized (axis labels 14 px, titles 18 px) because directors read these on a wall.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from kpi.charts import DASHES, PALETTE, SHAPES, TEXT, legend_columns, readable
from kpi.compare_words import band_range, band_text
from kpi.formatting import format_value, ordinal
from kpi.model import is_missing

HIGHLIGHT = PALETTE["Actual"]  # Analysis Function "highlight" pair: dark blue against grey
OTHERS = "#BFBFBF"
OTHER_POINTS = "#8A8A8A"  # darker grey: small dots need more contrast than bars
BAND_FILLS = ("#F3F3F3", "#E2E2E2")  # alternate so neighbouring quartile bands stay distinct in greyscale
FONTS = {"axis_label": 14, "axis_title": 15, "title": 18, "legend": 14, "text": 14}


# -- charts ----------------------------------------------------------------------------------
def _projector(chart, title: str | None):
    """Large type for a wall screen, applied last because configure_* ends a chart's composition.

    Drawn as SVG rather than canvas: text stays sharp on a projector, and the marks and labels
    are in the page for screen readers and browser tests.
    """
    chart = chart.properties(usermeta={"embedOptions": {"renderer": "svg"}})
    if title:
        chart = chart.properties(title=alt.TitleParams(title, fontSize=FONTS["title"], anchor="start"))
    return readable(
        chart,
        axis={"labelFontSize": FONTS["axis_label"], "titleFontSize": FONTS["axis_title"], "labelLimit": 320},
        legend={
            "labelFontSize": FONTS["legend"],
            "titleFontSize": FONTS["legend"],
            "symbolSize": 180,
            "symbolStrokeWidth": 2,
            "labelLimit": 320,
        },
        title={"fontSize": FONTS["title"]},
    ).configure_view(stroke=None)


def _axis(**options) -> alt.Axis:
    """An axis in projector-sized, near-black type (Streamlit's theme greys axis text, too faint on a wall)."""
    return alt.Axis(
        **{
            "labelFontSize": FONTS["axis_label"],
            "titleFontSize": FONTS["axis_title"],
            "labelColor": TEXT,
            "titleColor": TEXT,
            **options,
        }
    )


def _axis_title(unit) -> str:
    return unit.strip() if isinstance(unit, str) and unit.strip() else "Value"


def neighbour_bars(
    distribution_frame: pd.DataFrame, figures: dict, *, unit=None, decimals=None, title: str | None = None
) -> alt.TopLevelMixin:
    """The LA and each neighbour as horizontal bars, best at the top; England and the neighbour average as rules.

    The LA's bar is dark blue with a black outline and its name is marked '▶' in bold, so it
    is found without colour. Each name carries its value; neighbours without data are listed
    as 'no data' rather than dropped, as a missing neighbour changes the average.
    """
    group = distribution_frame[distribution_frame["is_la"] | distribution_frame["is_neighbour"]].copy()
    polarity = figures.get("polarity")
    group = group.sort_values("value", ascending=polarity == "lower", na_position="last", kind="stable")
    group["shown"] = [format_value(v, unit, decimals) if not is_missing(v) else "no data" for v in group["value"]]
    # the value goes in the label beside the name: always readable, whatever the sign, and never
    # crossed by the comparator rules
    group["label"] = [
        f"{'▶ ' if la else ''}{n}: {v}" for n, la, v in zip(group["name"], group["is_la"], group["shown"])
    ]
    group["who"] = ["Selected LA" if la else "Statistical neighbour" for la in group["is_la"]]
    group["rank_text"] = [("—" if is_missing(r) else ordinal(r)) for r in group["rank"]]
    order = group["label"].tolist()
    la_label = next((lab for lab, la in zip(group["label"], group["is_la"]) if la), "")
    tooltip = [
        alt.Tooltip("name:N", title="Area"),
        alt.Tooltip("who:N", title="Role"),
        alt.Tooltip("shown:N", title="Value"),
        alt.Tooltip("rank_text:N", title="National rank"),
    ]
    bold = alt.expr(f"datum.value === {json.dumps(la_label)} ? 'bold' : 'normal'")
    y = alt.Y(
        "label:N", sort=order, title=None, axis=_axis(labelFontWeight=bold, labelLimit=360, labelOverlap=False)
    )  # every name shown, never thinned out
    x = alt.X("value:Q", title=_axis_title(unit), scale=alt.Scale(zero=True, nice=True), axis=_axis(grid=True))
    is_la = alt.datum.is_la
    base = alt.Chart(group).encode(y=y, tooltip=tooltip)
    bars = (
        base.transform_filter("isValid(datum.value)")
        .mark_bar(height={"band": 0.72})
        .encode(
            x=x,
            color=alt.condition(is_la, alt.value(HIGHLIGHT), alt.value(OTHERS)),
            stroke=alt.condition(is_la, alt.value("#000000"), alt.value(None)),
            strokeWidth=alt.condition(is_la, alt.value(2.5), alt.value(0)),
        )
    )
    layers = [bars]
    if group["value"].isna().any():  # keep rows without data on the axis, with no bar
        layers.append(
            base.transform_filter("!isValid(datum.value)").mark_text().encode(x=alt.datum(0), text=alt.value(""))
        )

    marks = [
        ("Statistical neighbours", "Neighbour average", figures.get("sn_average"), -10),
        ("England", "England", figures.get("england"), -30),
    ]
    rules = pd.DataFrame(
        [
            {"series": s, "value": float(v), "label": f"{name} {format_value(v, unit, decimals)}", "offset": off}
            for s, name, v, off in marks
            if not is_missing(v)
        ]
    )
    if len(rules):
        for _, row in rules.iterrows():
            one = alt.Chart(pd.DataFrame([row])).encode(
                x="value:Q", tooltip=[alt.Tooltip("label:N", title="Comparator")]
            )
            layers.append(one.mark_rule(strokeWidth=3, color=PALETTE[row["series"]], strokeDash=DASHES[row["series"]]))
            # the words in TEXT (England's orange is 3.0:1 on white); the rule keeps its colour and dash
            layers.append(
                one.mark_text(align="left", dx=4, fontSize=FONTS["text"], fontWeight="bold", color=TEXT).encode(
                    y=alt.value(row["offset"]), text="label:N"
                )
            )
    # Streamlit fits the whole chart, title and axes included, into this height
    chart = alt.layer(*layers).properties(height=150 + 36 * len(group), width="container")
    return _projector(chart, title)


SERIES_ROLES = ("Actual", "Statistical neighbours", "Region", "England")


def trend_long(frame: pd.DataFrame, *, la_name: str, region_name: str, unit=None, decimals=None) -> pd.DataFrame:
    """benchmark_frame's wide rows as one row per year and series, missing years kept (as gaps)."""
    names = {
        "Actual": la_name,
        "Statistical neighbours": "Neighbour average",
        "Region": region_name,
        "England": "England",
    }
    columns = {"Actual": "value", "Statistical neighbours": "sn_average", "Region": "region", "England": "england"}
    parts = []
    for role in SERIES_ROLES:
        part = frame[["label", "end_date", columns[role]]].rename(columns={columns[role]: "value"})
        part = part.assign(role=role, series=names[role])
        if role == "Statistical neighbours" and "sn_n" in frame:
            part["note"] = [f"{n} neighbours with data" for n in frame["sn_n"]]
        else:
            part["note"] = ""
        parts.append(part)
    long = pd.concat(parts, ignore_index=True)
    long["value"] = pd.to_numeric(long["value"], errors="coerce").astype(float)
    long["shown"] = [format_value(v, unit, decimals) for v in long["value"]]
    return long


def benchmark_trend(
    frame: pd.DataFrame,
    *,
    la_name: str = "Selected LA",
    region_name: str = "Region",
    unit=None,
    decimals=None,
    title: str | None = None,
) -> alt.TopLevelMixin:
    """The LA, the neighbour average, the region and England over the years.

    Same colours, dashes and point shapes as the indicator trend (kpi.charts), so a reader
    learns them once. Years without data (KS2 in 2020-21) stay on the axis as gaps: joining
    the points across them would invent a trend.
    """
    long = trend_long(frame, la_name=la_name, region_name=region_name, unit=unit, decimals=decimals)
    order = frame.sort_values("end_date")["label"].tolist()
    present = [r for r in SERIES_ROLES if long.loc[long["role"] == r, "value"].notna().any()]
    domain = [long.loc[long["role"] == r, "series"].iloc[0] for r in present]
    legend = alt.Legend(
        title=None,
        orient="bottom",
        labelFontSize=FONTS["legend"],
        labelColor=TEXT,
        symbolSize=180,
        symbolStrokeWidth=2.5,
        columns=legend_columns(domain, FONTS["legend"]),
    )
    base = alt.Chart(long[long["role"].isin(present)]).encode(
        x=alt.X("label:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=_axis(labelAngle=0)),
        y=alt.Y("value:Q", title=_axis_title(unit), scale=alt.Scale(zero=False), axis=_axis()),
        color=alt.Color("series:N", scale=alt.Scale(domain=domain, range=[PALETTE[r] for r in present]), legend=legend),
        strokeDash=alt.StrokeDash(
            "series:N", scale=alt.Scale(domain=domain, range=[DASHES[r] for r in present]), legend=legend
        ),
        shape=alt.Shape("series:N", scale=alt.Scale(domain=domain, range=[SHAPES[r] for r in present]), legend=legend),
        tooltip=[
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("label:N", title="Year"),
            alt.Tooltip("shown:N", title="Value"),
            alt.Tooltip("note:N", title="Note"),
        ],
    )
    lines = base.mark_line(strokeWidth=3, invalid="break-paths-show-domains")
    points = base.transform_filter("isValid(datum.value)").mark_point(size=110, filled=True, opacity=1)
    chart = alt.layer(lines, points).properties(height=440, width="container")
    return _projector(chart, title)


def distribution_chart(
    distribution_frame: pd.DataFrame,
    thresholds,
    la,
    *,
    polarity: str | None = "higher",
    unit=None,
    decimals=None,
    title: str | None = None,
) -> alt.TopLevelMixin:
    """Every LA's value in rank order (best on the left), quartile bands shaded and lettered, the LA labelled.

    A sorted dot plot rather than 150 bars: the bands are ranges of values, so they read as
    horizontal stripes, and the LA's place among all LAs shows at a glance. The LA is a large
    diamond with its name and value written beside it; neighbours are squares.
    """
    la = str(la)
    data = distribution_frame[distribution_frame["value"].notna()].reset_index(drop=True).copy()
    n = len(data)
    data["position"] = range(1, n + 1)
    la_name = next(iter(data.loc[data["area_code"] == la, "name"]), "Selected LA")
    data["group"] = [
        la_name if a else ("Statistical neighbour" if nb else "Other LA")
        for a, nb in zip(data["area_code"] == la, data["is_neighbour"])
    ]
    data["shown"] = [format_value(v, unit, decimals) for v in data["value"]]
    data["rank_text"] = [("—" if is_missing(r) else ordinal(r)) for r in data["rank"]]
    data["band"] = data["quartile"].fillna("—")
    data["on_top"] = (data["area_code"] == la).astype(int)
    groups = [la_name, "Statistical neighbour", "Other LA"]
    x_scale = alt.Scale(domain=[0.5, n + 0.5], nice=False, zero=False)
    x = alt.X(
        "position:Q",
        title="LAs in rank order, best on the left" if polarity else "LAs, highest on the left",
        scale=x_scale,
        axis=_axis(tickMinStep=1, grid=False),
    )
    lo, hi = (float(data["value"].min()), float(data["value"].max())) if n else (0.0, 1.0)
    pad = (hi - lo) * 0.06 or 1.0
    y_scale = alt.Scale(domain=[lo - pad, hi + pad], nice=False, zero=False)
    y = alt.Y("value:Q", title=_axis_title(unit), scale=y_scale, axis=_axis())
    layers = []
    if thresholds and polarity in ("higher", "lower"):
        rows = []
        for i, band in enumerate("ABCD"):
            low, high = band_range(band, thresholds, polarity)
            low_v, high_v = (lo - pad if low is None else low), (hi + pad if high is None else high)
            rows.append(
                {
                    "band": band,
                    "low": low_v,
                    "high": high_v,
                    "x0": 0.5,
                    "x1": n + 0.5,
                    "mid": (low_v + high_v) / 2,
                    "fill": BAND_FILLS[i % 2],
                    "label": f"{band}{' (best)' if band == 'A' else ''}",
                    "range": band_text(band, thresholds, polarity, unit, decimals),
                }
            )
        bands = alt.Chart(pd.DataFrame(rows)).encode(
            tooltip=[alt.Tooltip("band:N", title="Quartile band"), alt.Tooltip("range:N", title="Values")]
        )
        layers.append(
            bands.mark_rect(opacity=1).encode(
                x=alt.X("x0:Q", scale=x_scale),
                x2="x1:Q",
                y=alt.Y("low:Q", scale=y_scale),
                y2="high:Q",
                fill=alt.Fill("fill:N", scale=None, legend=None),
            )
        )
        # letters in the right margin, clear of the points
        layers.append(
            bands.mark_text(align="left", dx=8, fontSize=FONTS["title"], fontWeight="bold", color="#3D3D3D").encode(
                x="x1:Q", y="mid:Q", text="label:N"
            )
        )
        # thin lines on the thresholds so the bands' edges show even when printed without fill
        layers.append(
            alt.Chart(pd.DataFrame({"t": list(thresholds)})).mark_rule(color="#6F6F6F", strokeWidth=1).encode(y="t:Q")
        )
    tooltip = [
        alt.Tooltip("name:N", title="LA"),
        alt.Tooltip("shown:N", title="Value"),
        alt.Tooltip("rank_text:N", title="National rank"),
        alt.Tooltip("band:N", title="Quartile band"),
    ]
    present = [g for g in groups if g in set(data["group"])]
    legend = alt.Legend(
        title=None,
        orient="bottom",
        labelFontSize=FONTS["legend"],
        labelColor=TEXT,
        columns=legend_columns(present, FONTS["legend"]),
    )
    colours = {la_name: HIGHLIGHT, "Statistical neighbour": PALETTE["Statistical neighbours"], "Other LA": OTHER_POINTS}
    shapes = {la_name: "diamond", "Statistical neighbour": "square", "Other LA": "circle"}
    sizes = {la_name: 320, "Statistical neighbour": 90, "Other LA": 45}
    layers.append(
        alt.Chart(data)
        .mark_point(filled=True, opacity=1, stroke="#000000", strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "group:N", scale=alt.Scale(domain=present, range=[colours[g] for g in present]), legend=legend
            ),
            shape=alt.Shape(
                "group:N", scale=alt.Scale(domain=present, range=[shapes[g] for g in present]), legend=legend
            ),
            size=alt.Size(
                "group:O", sort=present, scale=alt.Scale(domain=present, range=[sizes[g] for g in present]), legend=None
            ),
            order=alt.Order("on_top:Q"),  # the LA drawn last, on top
            tooltip=tooltip,
        )
    )
    mine = data[data["area_code"] == la]
    if len(mine):
        row = mine.iloc[0]
        # The label sits at the top (or bottom) of a dashed line through the LA, where the sorted
        # dots leave room: they only reach the top at the best end and the bottom at the worst.
        best_end = row["position"] < n * 0.25 if polarity != "lower" else row["position"] > n * 0.75
        at_top = not best_end
        left = row["position"] > n * 0.6
        layers.append(
            alt.Chart(mine)
            .mark_rule(color=HIGHLIGHT, strokeDash=[4, 3], strokeWidth=1.5)
            .encode(x="position:Q", tooltip=tooltip)
        )
        layers.append(
            alt.Chart(mine.assign(text=f"{row['name']}: {row['shown']}"))
            .mark_text(
                align="right" if left else "left",
                dx=-8 if left else 8,
                baseline="top" if at_top else "bottom",
                dy=4 if at_top else -4,
                fontSize=FONTS["text"] + 1,
                fontWeight="bold",
                color=HIGHLIGHT,
            )
            .encode(x="position:Q", y=alt.datum(hi + pad if at_top else lo - pad), text="text:N")
        )
    chart = alt.layer(*layers).properties(height=480, width="container")
    return _projector(chart, title)
