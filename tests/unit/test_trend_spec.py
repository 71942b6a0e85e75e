"""The trend chart is written as Vega-Lite itself (kpi.charts.trend_chart), so the schema Altair would
have checked it against is checked here: every shape the chart takes (forecast band, signal rings,
quarters, a title, a slide's sizes) is valid Vega-Lite, and every dataset a layer names is there."""

import altair as alt
import jsonschema
import pandas as pd
import pytest
import vl_convert as vlc

from kpi import figures
from kpi.charts import SERIES_WORDS, trend_chart
from kpi.outlook import outlooks
from tests.conftest import with_a_jump


@pytest.fixture
def shapes(store) -> dict[str, tuple[pd.DataFrame, object]]:
    series = figures.all_series(store)
    found = outlooks(series)
    quarterly = series[series["period_type"] == "quarter"]["code"].iloc[0]
    made = with_a_jump(series[series["code"] == "KS2-L4-EM"])
    out = {
        "plain": (series[series["code"] == "KS2-L4-EM"], None),
        "forecast band": (series[series["code"] == "KS2-L4-EM"], found["KS2-L4-EM"]),
        "quarters": (series[series["code"] == quarterly], found.get(quarterly)),
        "signals": (made, outlooks(made)["KS2-L4-EM"]),
    }
    assert out["signals"][1].process.signals and out["forecast band"][1].forecast.points
    return out


SIZES = [{}, {"height": 200, "width": 560}, {"font_size": 16, "height": "container", "legend": "right"}]


def test_every_shape_of_the_chart_is_valid_vega_lite(shapes):
    for name, (rows, outlook) in shapes.items():
        for size in SIZES:
            spec = trend_chart(rows, outlook=outlook, title=f"{name} chart", **size)
            alt.LayerChart.from_dict(spec)  # raises a ValidationError naming the part, if not
            named = set(spec["datasets"])
            used = {layer["data"]["name"] for layer in spec["layer"] if "data" in layer}
            used |= {spec["data"]["name"]} if "data" in spec else set()
            assert used == named, name  # every layer's figures are there, and nothing else
            assert all("data" in layer for layer in spec["layer"]) != ("data" in spec), name


def test_the_schema_check_rejects_a_broken_spec(shapes):
    rows, outlook = shapes["plain"]
    spec = trend_chart(rows, outlook=outlook)
    spec["layer"][0]["layer"][0]["mark"]["type"] = "sparkline"
    with pytest.raises(jsonschema.ValidationError):
        alt.LayerChart.from_dict(spec)


def test_the_drawn_chart_shows_each_series_and_the_signal(shapes):
    rows, outlook = shapes["signals"]
    svg = vlc.vegalite_to_svg(trend_chart(rows, outlook=outlook, height=200, width=560))
    assert "Special cause: improvement" in svg and "Actual" in svg
    rows, outlook = shapes["plain"]
    svg = vlc.vegalite_to_svg(trend_chart(rows, outlook=outlook, height=200, width=560))
    for name in ("Actual", "Target", "Statistical neighbours", "England"):
        assert name in SERIES_WORDS and f">{name}<" in svg, name
    assert ">2012<" in svg  # the time axis labels its periods
