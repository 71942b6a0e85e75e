"""Every chart's words are readable (4.5:1 on white) and its legend fits the width it is drawn at.

Streamlit's theme greys axis and legend text to 3.7:1 unless a chart sets its own colours, so each
builder's spec must carry them; the browser test (tests/e2e/test_accessibility_browser.py) reads the
drawn SVG text too.
"""

import re

import pandas as pd
import pytest

from kpi import figures, national_charts
from kpi.accessibility import contrast
from kpi.benchmark import benchmark, benchmark_frame, distribution
from kpi.charts import TEXT, alt_text, chart_table, legend_columns, trend_chart, vega_lite
from kpi.compare_charts import benchmark_trend, distribution_chart, neighbour_bars
from kpi.outlook import outlooks
from kpi.schools.charts import timeline_chart

TEXT_KEYS = ("labelColor", "titleColor", "color")


def colours_of_words(spec: dict) -> list[str]:
    """The colours a spec gives its text: config for axes, legends, titles and text marks, and each text mark."""
    found = []
    config = spec.get("config", {})
    for part in ("axis", "legend", "title", "text"):
        found += [config.get(part, {}).get(key) for key in TEXT_KEYS if config.get(part, {}).get(key)]

    def walk(node):
        if isinstance(node, dict):
            mark = node.get("mark")
            if isinstance(mark, dict) and mark.get("type") == "text" and isinstance(mark.get("color"), str):
                found.append(mark["color"])
            for key in ("labelColor", "titleColor"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in spec.items() if k != "config"})
    return found


@pytest.fixture
def kent(store):
    series = figures.all_series(store)
    return series[(series["code"] == "KS2-L4-EM") & series["period"].notna()], outlooks(series)


def _charts(store, kent):
    rows, found = kent
    figs = benchmark(store, "KS2RWM_Expected_STD", "2024", "886")
    spread = distribution(store, "KS2RWM_Expected_STD", "2024", "886")
    trend = benchmark_frame(store, "KS2RWM_Expected_STD", "886")
    long = pd.DataFrame(
        {
            "label": ["2023", "2024"] * 2,
            "end_date": pd.to_datetime(["2023-08-31", "2024-08-31"] * 2),
            "series": ["Kent", "Kent", "England", "England"],
            "value": [60.0, 62.0, 59.0, 61.0],
        }
    )
    table = pd.DataFrame(
        {"Area": ["Kent", "England", "Essex"], "Value": [62.0, 61.0, 60.0], "kind": ["la", "england", "la"]}
    )
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2015-01-01", "2019-06-01"]),
            "grade": [3, 2],
            "label": ["Requires improvement", "Good"],
        }
    )
    return {
        "trend": trend_chart(rows, outlook=found["KS2-L4-EM"]),
        "present": trend_chart(rows, font_size=16, legend="right", height="container", outlook=found["KS2-L4-EM"]),
        "neighbour bars": neighbour_bars(spread, figs, unit="%", decimals=0, title="Kent and its neighbours"),
        "benchmark trend": benchmark_trend(trend, la_name="Kent", region_name="South East", unit="%", decimals=0),
        "distribution": distribution_chart(spread, figs["quartile_thresholds"], "886", unit="%", decimals=0),
        "lines": national_charts.lines(long, highlight="Kent", unit="%", decimals=0, title="Over time"),
        "dots": national_charts.dots(table, label="Area", value="Value", highlight="Kent", unit="%"),
        "school timeline": timeline_chart(points, "Overall effectiveness"),
    }


def test_every_chart_sets_its_words_in_a_colour_readable_on_white(store, kent):
    for name, chart in _charts(store, kent).items():
        spec = vega_lite(chart)
        config = spec.get("config", {})
        assert config.get("axis", {}).get("labelColor") and config.get("legend", {}).get("labelColor"), name
        colours = colours_of_words(spec)
        assert colours, name
        weak = {c: round(contrast(c), 2) for c in colours if contrast(c) < 4.5}
        assert not weak, (name, weak)


def test_compare_s_comparator_labels_are_near_black_not_the_comparator_s_orange(store, kent):
    spec = _charts(store, kent)["neighbour bars"].to_dict()
    labels = [
        layer["mark"]
        for layer in spec["layer"]
        if isinstance(layer.get("mark"), dict)
        and layer["mark"].get("type") == "text"
        and layer["mark"].get("fontWeight") == "bold"
    ]
    assert len(labels) == 2  # "Neighbour average 58.5%" and "England 61%"
    assert all(mark["color"] == TEXT for mark in labels)  # England's orange was 3.0:1


def _columns(expr: str, width: float) -> int:
    """Evaluate legend_columns' expression ('width < A ? 1 : width < B ? 2 : C') at a width."""
    a, b, c = map(float, re.fullmatch(r"width < (\d+) \? 1 : width < (\d+) \? 2 : (\d+)", expr).groups())
    return 1 if width < a else 2 if width < b else int(c)


def test_a_bottom_legend_becomes_a_list_on_a_phone_and_stays_one_row_on_a_desktop_and_in_the_pack():
    five = ["Actual", "Target", "Statistical neighbours", "England", "Forecast (shaded: 80% range)"]
    expr = legend_columns(five, 13)["expr"]
    assert _columns(expr, 288) == 1  # 320 px screen, or 400% zoom
    assert _columns(expr, 450) == 2
    assert _columns(expr, 560) == 0  # the board pack's fixed width: one row, as before
    assert _columns(expr, 1120) == 0  # a desktop
    four = legend_columns(["Kent", "England", "Essex", "Neighbour average"], 11, most=4)["expr"]
    assert _columns(four, 200) == 1 and _columns(four, 1000) == 4


def test_the_trend_chart_uses_those_columns_and_names_itself_from_the_summary(kent):
    rows, found = kent
    spec = str(trend_chart(rows, outlook=found["KS2-L4-EM"]))
    assert "'columns': {'expr': 'width <" in spec
    name = alt_text("Pupils achieving level 4+ in English and maths at KS2", rows, "In 2012, it was 77.5%.")
    assert name.startswith(
        "Line chart of Pupils achieving level 4+ in English and maths at KS2: actual, target, "
        "statistical neighbours and England by period."
    )
    assert name.endswith("In 2012, it was 77.5%.")


def test_the_chart_s_table_has_a_column_per_series_in_its_own_units(kent):
    rows, _ = kent
    table = chart_table(rows)
    assert list(table.columns) == ["Period", "Actual", "Target", "Statistical neighbours", "England"]
    last_actual = table[table["Actual"] != ""].iloc[-1]
    assert (last_actual["Period"], last_actual["Actual"], last_actual["Target"]) == ("2012", "77.5%", "74.0%")
    assert table["Period"].tolist() == sorted(table["Period"].tolist())
