"""A board pack reuses what was already worked out: the forecasts the highlight report used, and the
drawings of charts whose figures have not changed (kpi.reports.images keeps them by spec)."""

import pytest

import kpi.outlook
from kpi import figures
from kpi.highlight import highlight_report, period_outlooks
from kpi.reports import build_pack
from kpi.reports.images import chart_svg


def test_the_pack_takes_the_forecasts_it_is_given_and_works_none_out(store, monkeypatch):
    series = figures.all_series(store)
    found = period_outlooks(store, series, "2012")
    reports = highlight_report(store, period="2012", series=series, found=found)
    own = build_pack(store, period="2012", series=series, reports=reports)

    def worked_out_again(*_args, **_kwargs):
        raise AssertionError("the forecasts were worked out again")

    monkeypatch.setattr(kpi.outlook, "outlooks", worked_out_again)
    given = build_pack(store, period="2012", series=series, reports=reports, found=found)
    assert [t.chart_spec for t in given.tiles] == [t.chart_spec for t in own.tiles]
    assert [t.forecast for t in given.tiles] == [t.forecast for t in own.tiles]
    assert any(t.forecast for t in given.tiles)
    with pytest.raises(AssertionError, match="worked out again"):
        build_pack(store, period="2012", series=series, reports=reports)  # without them: works them out


def test_the_highlight_report_reads_the_same_with_the_forecasts_given(store):
    series = figures.all_series(store)
    found = period_outlooks(store, series, "2012")
    plain = highlight_report(store, period="2012", series=series)
    given = highlight_report(store, period="2012", series=series, found=found)
    lines = lambda reports: [(r["code"], r["forecast_line"]) for rep in reports for r in rep.indicators]
    assert lines(given) == lines(plain) and any(line for _, line in lines(plain))


def test_a_pack_for_another_period_draws_only_the_charts_that_differ(store):
    chart_svg.cache_clear()
    specs = lambda pack: {t.chart_spec for t in pack.tiles if t.chart_spec}
    first = build_pack(store, period="2014")
    assert [t.chart_svg for t in first.tiles if t.chart_spec]
    assert chart_svg.cache_info().misses == len(specs(first)) > 5
    same = build_pack(store, period="2013")  # the demo's Kent figures end in 2012: the same charts
    assert [t.chart_svg for t in same.tiles if t.chart_spec]
    assert specs(same) == specs(first) and chart_svg.cache_info().misses == len(specs(first))
    earlier = build_pack(store, period="2011")  # a year less on every chart: each one drawn anew
    assert [t.chart_svg for t in earlier.tiles if t.chart_spec]
    new = specs(earlier) - specs(first)
    assert new and chart_svg.cache_info().misses == len(specs(first)) + len(new)
    for tile in earlier.tiles:  # and each drawing is its own chart's
        if tile.chart_spec:
            assert tile.chart_svg == chart_svg.__wrapped__(tile.chart_spec)
