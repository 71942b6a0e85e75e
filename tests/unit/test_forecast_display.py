"""Forecasts and signals reach every screen through the card, the chart and the board pack."""

import json

from kpi import figures
from kpi.cards import card
from kpi.charts import FORECAST, trend_chart
from kpi.highlight import highlight_report
from kpi.outlook import annotate, lines, outlooks
from kpi.reports import build_pack
from tests.conftest import with_a_jump


def test_card_carries_the_forecast_line_and_the_signal(store):
    series = figures.all_series(store)
    found = outlooks(series)
    row = annotate(figures.latest(series), found).set_index("code").loc["KS2-L4-EM"].to_dict() | {"code": "KS2-L4-EM"}
    c = card(row, series)
    assert c.forecast.startswith("Forecast 2013: ") and c.forecast.endswith("off track")
    assert "is forecast at" in c.forecast_reason and c.forecast in c.lines
    assert c.signal == ""  # five figures: no process limits, so no signal word on the tile
    assert "they need 6" in c.signal_reason
    said = lines(found["KS2-L4-EM"])
    assert any("2016 is forecast at" in s and "short of 87.0%" in s for s in said)
    assert any("Making Data Count" in s for s in said)


def test_chart_has_a_labelled_band_and_projected_line_and_signal_markers(store):
    series = figures.all_series(store)
    rows = series[(series["code"] == "KS2-L4-EM") & series["period"].notna()]
    spec = json.dumps(trend_chart(rows, outlook=outlooks(rows)["KS2-L4-EM"]))
    assert FORECAST in spec and '"area"' in spec
    made = with_a_jump(rows)
    spec = json.dumps(trend_chart(made, outlook=outlooks(made)["KS2-L4-EM"]))
    assert "Special cause: improvement" in spec and "triangle-up" in spec


def test_highlight_report_and_board_pack_show_the_forecast(store):
    reports = highlight_report(store)
    rows = [r for rep in reports for r in rep.indicators if r["code"] == "KS2-L4-EM"]
    assert rows and rows[0]["forecast_line"].startswith("Forecast 2013")
    pack = build_pack(store, charts=False)
    tile = next(t for t in pack.tiles if t.code == "KS2-L4-EM")
    assert tile.forecast.startswith("Forecast 2013") and "2013 is forecast at" in tile.forecast_reason
    import io

    from pypdf import PdfReader

    from kpi.reports.pdf import write_pdf

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(write_pdf(pack))).pages)
    assert "2013 is forecast at" in " ".join(text.split())
