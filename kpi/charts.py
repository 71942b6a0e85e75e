"""Chart builders shared by the pages and the board pack: Altair charts, and the trend chart as a
Vega-Lite spec written directly (trend_chart says why).

Series differ by line dash and point shape as well as colour, so a chart reads in
greyscale and for colour-blind viewers. Colours are the Analysis Function palette.
"""

from __future__ import annotations

import hashlib
import json

import altair as alt
import pandas as pd

from kpi.formatting import format_value
from kpi.model import is_missing

# Government Analysis Function categorical palette (dark blue, turquoise, dark pink, orange).
PALETTE = {
    "Actual": "#12436D",
    "Target": "#28A197",
    "Statistical neighbours": "#801650",
    "England": "#F46A25",
    "Region": "#3D3D3D",
}
DASHES = {
    "Actual": [1, 0],
    "Target": [6, 4],
    "Statistical neighbours": [2, 2],
    "England": [8, 3, 2, 3],
    "Region": [4, 2],
}
SHAPES = {
    "Actual": "circle",
    "Target": "triangle-up",
    "Statistical neighbours": "square",
    "England": "diamond",
    "Region": "cross",
}
FORECAST = "Forecast (shaded: 80% range)"
PALETTE[FORECAST], DASHES[FORECAST], SHAPES[FORECAST] = "#12436D", [5, 3], "triangle-right"
SIGNAL_SHAPES = {
    "Special cause: improvement": "triangle-up",
    "Special cause: concern": "triangle-down",
    "Special cause": "square",
}
SERIES = {
    "actual": "Actual",
    "target": "Target",
    "sn_average": "Statistical neighbours",
    "national": "England",
    "region": "Region",
}


# Every word on a chart (axis labels and titles, legend entries, chart titles, text marks) is drawn in
# GOV.UK's text colour, 19.6:1 on white: Streamlit's theme greys axis and legend text to 3.7:1, below
# WCAG's 4.5:1. `readable` applies it, last, to every chart the pages and the pack draw.
TEXT = "#0B0C0C"
_CHAR_EM = 0.45  # a legend label's mean character width, in ems (measured: 538 px for the five trend series at 13 px)
_SYMBOL_PX = 30  # a legend entry's symbol and the gaps around it


def vega_lite(chart) -> dict:
    """A chart's Vega-Lite spec: the trend chart is one already; an Altair chart is validated as it is written."""
    return chart if isinstance(chart, dict) else chart.to_dict()


def text_config(*, axis: dict | None = None, legend: dict | None = None, title: dict | None = None) -> dict:
    """The Vega-Lite config that draws every word in TEXT (plus any sizes given)."""
    return {
        "axis": {"labelColor": TEXT, "titleColor": TEXT, **(axis or {})},
        "legend": {"labelColor": TEXT, "titleColor": TEXT, **(legend or {})},
        "title": {"color": TEXT, **(title or {})},
        "text": {"color": TEXT},
    }


def readable(chart, *, axis: dict | None = None, legend: dict | None = None, title: dict | None = None):
    """The Altair chart with all its text in TEXT (plus any sizes given), applied last, as configure_* would.

    Set on the chart given, which its builder has just made, and not copied: Altair's configure_* each copy
    the whole chart, and copying a layered chart copies every layer again. Only the config is copied, so a
    chart this one was derived from (whose config a shallow .properties() copy shares) keeps its own."""
    config = chart.config.copy() if chart.config is not alt.Undefined else alt.Config()
    for key, value in text_config(axis=axis, legend=legend, title=title).items():
        config[key] = value
    chart.config = config
    return chart


def legend_columns(labels, font_size: float, most: int = 0) -> dict:
    """A bottom legend's columns for the width the chart is drawn at, so no entry is ever cut off.

    `most` columns (0: one row) when they fit, two when those fit, else one: at 320 px (a phone, or
    400% zoom) the legend is a list, at 200% zoom two columns, on a desktop one row. Widths are
    estimated from the labels, so the board pack's fixed 560 px keeps its one row.
    """
    entries = [_SYMBOL_PX + _CHAR_EM * font_size * len(str(label)) for label in labels] or [0]
    need = sum(entries) if most <= 0 else max(entries) * most
    return {"expr": f"width < {2 * max(entries):.0f} ? 1 : width < {need:.0f} ? 2 : {most}"}


SERIES_WORDS = {
    "Actual": "solid line, circles",
    "Target": "dashed line, triangles",
    "Statistical neighbours": "dotted line, squares",
    "England": "dash-dot line, diamonds",
    "Region": "dashed line, crosses",
}
# A measured line breaks where a whole year has no figure (2020 and 2021 for KS2, when tests were not
# sat); quarterly figures reported once a year still join. A target line is a trajectory and always joins.
GAP_DAYS = {"multi_year": 4.5 * 366}
MEASURED = ("Actual", "Statistical neighbours", "England", "Region")


def trend_long(rows: pd.DataFrame) -> pd.DataFrame:
    """One indicator's periods as long rows (period, end_date, series, value, shown, segment) for charting.

    Points sit at their period's end date, so years and quarters keep their real spacing. `segment`
    numbers each unbroken run of a series: a measured line breaks where a year has no figure.
    """
    unit = rows["unit"].iloc[0] if len(rows) else ""
    decimals = rows["decimals"].iloc[0] if len(rows) else 1
    records = sorted(
        (
            r
            for r in rows[["period", "end_date", "period_type", *SERIES]].to_dict("records")
            if not is_missing(r["end_date"])
        ),
        key=lambda r: pd.Timestamp(r["end_date"]),
    )
    out = []  # plain Python over a few dozen rows: far quicker than frame operations per series
    for column, name in SERIES.items():
        segment, last = 0, None
        for r in records:
            if is_missing(r[column]):
                continue
            end = pd.Timestamp(r["end_date"])
            limit = GAP_DAYS.get(r["period_type"], 1.5 * 366) if name in MEASURED else float("inf")
            if last is not None and (end - last).days > limit:
                segment += 1
            last = end
            out.append(
                {
                    "period": r["period"],
                    "end_date": end,
                    "value": float(r[column]),
                    "series": name,
                    "segment": f"{name}:{segment}",
                    "shown": format_value(r[column], unit, decimals),
                }
            )
    return pd.DataFrame(out, columns=["period", "end_date", "value", "series", "segment", "shown"])


def drawn_series(rows: pd.DataFrame) -> list[str]:
    """The series a chart of these rows draws, in legend order."""
    present = {name for column, name in SERIES.items() if column in rows and rows[column].notna().any()}
    return [name for name in PALETTE if name in present]


def caption(rows: pd.DataFrame) -> str:
    """How to read the chart, naming only the series it draws: 'Actual: solid line, circles · Target: …'."""
    text = " · ".join(f"{name}: {SERIES_WORDS[name]}" for name in drawn_series(rows))
    if "target_text" in rows and rows["target_text"].notna().any():
        text += ". Targets by position (such as quartile A) are in the table"
    return text + ". Points sit at each period's end; a break in a line is a year with no figure."


def alt_text(title: str, rows: pd.DataFrame, summary: str = "") -> str:
    """A trend chart's name and text alternative: what it plots, then what it shows (the card's summary sentence).

    Screen readers announce it in place of the chart, which Vega would otherwise call "Vega visualization".
    """
    drawn = [name.lower() if name != "England" else name for name in drawn_series(rows)]
    what = ", ".join(drawn[:-1]) + f" and {drawn[-1]}" if len(drawn) > 1 else "".join(drawn) or "figures"
    return f"Line chart of {title}: {what} by period. {summary}".strip()


def chart_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The trend chart's figures as a table, a column per series it draws, in its own units ('77.5%')."""
    long = trend_long(rows)
    if long.empty:
        return pd.DataFrame(columns=["Period"])
    wide = long.pivot_table(index=["end_date", "period"], columns="series", values="shown", aggfunc="first")
    wide = wide.reset_index().sort_values("end_date").drop(columns="end_date").fillna("")
    order = [name for name in drawn_series(rows) if name in wide.columns]
    return wide[["period", *order]].rename(columns={"period": "Period"}).rename_axis(columns=None)


def _forecast_frames(rows: pd.DataFrame, outlook) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The projected line (from the last actual), its 80% band, and the periods it adds to the axis."""
    points = outlook.forecast.points if outlook is not None else []
    if not points:
        return pd.DataFrame(), pd.DataFrame(), []
    unit, dp = rows["unit"].iloc[0], rows["decimals"].iloc[0]
    last = rows[rows["actual"].notna()].sort_values("end_date").iloc[-1]
    line = pd.DataFrame(
        {
            "period": [last["period"]] + [p.period for p in points],
            "end_date": [last["end_date"]] + [pd.Timestamp(p.end_date) for p in points],
            "value": [last["actual"]] + [p.value for p in points],
            "series": FORECAST,
        }
    )
    line["shown"] = [format_value(v, unit, dp) for v in line["value"]]
    line.loc[1:, "shown"] = [f"{p.shown} (80%: {p.shown_range})" for p in points]
    line["segment"] = f"{FORECAST}:0"
    band = pd.DataFrame(
        {
            "period": line["period"],
            "end_date": line["end_date"],
            "lower": [last["actual"]] + [p.lower for p in points],
            "upper": [last["actual"]] + [p.upper for p in points],
        }
    )
    return line, band, [p.period for p in points]


def _signal_frame(rows: pd.DataFrame, outlook) -> pd.DataFrame:
    signals = outlook.process.signals if outlook is not None else []
    if not signals:
        return pd.DataFrame()
    values = rows.drop_duplicates("period").set_index("period")["actual"]
    ends = rows.drop_duplicates("period").set_index("period")["end_date"]
    kinds = {"improvement": "Special cause: improvement", "concern": "Special cause: concern"}
    frame = pd.DataFrame(
        [
            {
                "period": s.period,
                "end_date": pd.Timestamp(ends[s.period]),
                "value": float(values[s.period]),
                "signal": kinds.get(s.kind, "Special cause"),
                "rule": s.rule,
            }
            for s in signals
        ]
    )
    return frame.drop_duplicates("period")


def _values(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as Vega-Lite data values, as Altair writes them (timestamps in ISO form, NaN as null)."""
    out = []
    for record in frame.to_dict("records"):
        for key, value in record.items():
            if isinstance(value, pd.Timestamp):
                record[key] = value.isoformat()
            elif isinstance(value, float) and value != value:
                record[key] = None
        out.append(record)
    return out


def _named(values: list[dict], datasets: dict) -> dict:
    """A data reference by the values' hash (Altair's own naming), the values stored once under `datasets`."""
    name = "data-" + hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    datasets[name] = values
    return {"name": name}


def _field(name: str, kind: str | None = None, **more) -> dict:
    return {"field": name, **({"type": kind} if kind else {}), **more}


def trend_chart(
    rows: pd.DataFrame,
    *,
    height: int | str = 320,
    title: str | None = None,
    font_size: int = 12,
    legend: str = "bottom",
    outlook=None,
    width: int | str = "container",
) -> dict:
    """Actual, target trajectory, statistical neighbours and England over time, on a time axis, as a
    Vega-Lite spec (a dict: st.vega_lite_chart draws it, vl-convert renders it for the board pack).

    `font_size` sets axis and legend labels: 12 on screen, larger for a projector; `legend` is where the
    legend sits ('right' saves height on a slide); `height` may be 'container' to fill a sized box, and
    `width` is 'container' on a page, pixels in the board pack. With an
    `outlook` (kpi.outlook) the forecast is a dashed line on a light band with dotted edges (its 80% range),
    and special-cause figures are ringed by a large hollow triangle (up: improvement, down: concern).

    Written as Vega-Lite itself rather than through Altair: this chart is drawn for every indicator of
    a board pack, and Altair's layered charts copy and validate every layer as they are built (70 ms a
    chart, against 7 ms here, preparing the figures included). The spec is the one Altair wrote for the
    same chart, to the byte (checked on 440 of the demo's charts and sizes when it was rewritten);
    tests/unit/test_trend_spec.py validates it against Vega-Lite's schema.
    """
    long = trend_long(rows)
    projected, band, _ = _forecast_frames(rows, outlook)
    if len(projected):
        long = pd.concat([long, projected], ignore_index=True)
    present = [s for s in PALETTE if s in set(long["series"])]
    unit = rows["unit"].iloc[0] if len(rows) else ""
    y_title = {"%": "Per cent", "pp": "Gap (pp)", "count": "Number"}.get(unit, unit or "Value")
    key = {
        "title": None,
        "orient": legend,
        "symbolStrokeWidth": 2,
        "symbolSize": 120,
        "labelFontSize": font_size + 1,
        "labelLimit": 0,
        **({"columns": legend_columns(present, font_size + 1)} if legend == "bottom" else {}),
    }
    quarterly = set(rows.get("period_type", pd.Series(dtype=str)).dropna()) <= {"quarter", "month"} and len(rows)
    # Ticks at the periods' own end dates, labelled as the periods are ('2012', 'Sep 12'), so a point sits
    # on its label; the distance between ticks is the real time between periods.
    ends = sorted(pd.to_datetime(long["end_date"]).drop_duplicates())
    axis = {
        "labelAngle": 0,
        "labelFontSize": font_size,
        "format": "%b %y" if quarterly else "%Y",
        **({"values": [{"year": d.year, "month": d.month, "date": d.day} for d in ends]} if len(ends) <= 24 else {}),
        "labelOverlap": "greedy",
        "grid": False,
    }

    def by_series(values: dict) -> dict:
        return _field("series", "nominal", scale={"domain": present, "range": [values[s] for s in present]}, legend=key)

    encoding = {
        "x": _field("end_date", "temporal", title=None, axis=axis),
        "y": _field(
            "value",
            "quantitative",
            title=y_title,
            scale={"zero": False},
            axis={"labelFontSize": font_size, "titleFontSize": font_size},
        ),
        "color": by_series(PALETTE),
        "strokeDash": by_series(DASHES),
        "shape": by_series(SHAPES),
        "detail": _field("segment", "nominal"),
        "tooltip": [
            _field("series", "nominal", title="Series"),
            _field("period", "nominal", title="Period"),
            _field("shown", "nominal", title="Value"),
        ],
    }
    x = _field("end_date", "temporal", title=None)
    datasets: dict = {}
    line = {
        "layer": [
            {"mark": {"type": "line", "strokeWidth": 2.5}, "encoding": encoding},
            {"mark": {"type": "point", "size": 90, "filled": True, "opacity": 1}, "encoding": encoding},
        ]
    }
    signals = _signal_frame(rows, outlook)
    layers, data = [], _named(_values(long), datasets)
    if len(band):
        shade = _named(_values(band), datasets)
        edge = {"type": "line", "strokeDash": [1, 3], "strokeWidth": 1.2, "color": PALETTE["Actual"]}
        layers += [
            {
                "data": shade,
                "mark": {"type": "area", "opacity": 0.16, "color": PALETTE["Actual"]},
                "encoding": {"x": x, "y": _field("lower", "quantitative"), "y2": _field("upper")},
            },
            {"data": shade, "mark": edge, "encoding": {"x": x, "y": _field("lower", "quantitative")}},
            {"data": shade, "mark": edge, "encoding": {"x": x, "y": _field("upper", "quantitative")}},
        ]
    if len(band) or len(signals):
        layers.append({"data": data, **line})
    else:  # every layer draws the same figures: named once, for the whole chart
        layers.append(line)
    if len(signals):
        present_signals = [k for k in SIGNAL_SHAPES if k in set(signals["signal"])]
        signal_key = {
            "title": None,
            "orient": "bottom",
            "labelFontSize": font_size + 1,
            "labelLimit": 0,
            "columns": legend_columns(present_signals, font_size + 1),
        }
        layers.append(
            {
                "data": _named(_values(signals), datasets),
                "mark": {"type": "point", "size": 520, "filled": False, "strokeWidth": 2.2, "color": TEXT},
                "encoding": {
                    "x": x,
                    "y": _field("value", "quantitative"),
                    "shape": _field(
                        "signal",
                        "nominal",
                        scale={"domain": present_signals, "range": [SIGNAL_SHAPES[k] for k in present_signals]},
                        legend=signal_key,
                    ),
                    "tooltip": [
                        _field("signal", "nominal", title="Signal"),
                        _field("period", "nominal", title="Period"),
                        _field("rule", "nominal", title="Rule"),
                    ],
                },
            }
        )
    return {
        "$schema": alt.SCHEMA_URL,
        "config": {**text_config(), "view": {"continuousWidth": 300, "continuousHeight": 300}},
        **({} if len(band) or len(signals) else {"data": data}),
        "datasets": datasets,
        "height": height,
        "width": width,
        "layer": layers,
        **(
            {"resolve": {"scale": {"shape": "independent", "color": "independent", "strokeDash": "independent"}}}
            if len(signals)
            else {}
        ),
        **({"title": title} if title else {}),
    }
