"""Forecasts on constructed series: a straight line, noise and a step change; intervals and target words."""

import numpy as np
import pandas as pd
import pytest

from kpi import forecast as fc
from kpi.backtest import Panel, calibrate, cases, errors, evaluate

YEARS = np.arange(2010, 2016, dtype=float)


def rows(actuals, targets=None, *, unit="%", polarity="higher", start=2008, **columns) -> pd.DataFrame:
    """One indicator's series as kpi.figures.all_series gives it (annual, labelled '2008', '2009', ...)."""
    targets = targets or {}
    years = list(range(start, start + len(actuals))) + sorted(y for y in targets if y >= start + len(actuals))
    frame = pd.DataFrame(
        {
            "code": "X",
            "unit": unit,
            "decimals": 1,
            "polarity": polarity,
            "tolerance": None,
            "dfe_measure": None,
            "period": [str(y) for y in years],
            "end_date": [pd.Timestamp(f"{y}-08-31") for y in years],
            "actual": list(actuals) + [None] * (len(years) - len(actuals)),
            "target": [targets.get(y) for y in years],
            "target_text": None,
            "sn_average": None,
            "national": None,
            "quartile_thresholds": None,
        }
    )
    for name, values in columns.items():
        frame[name] = list(values) + [None] * (len(years) - len(values))
    return frame


def test_straight_line_linear_continues_it_damped_slows_naive_stays():
    Y = (50 + 2 * (YEARS - YEARS[0]))[None, :]
    linear = fc.point_forecasts(Y, YEARS, "linear", [1, 2, 3])[0]
    assert linear == pytest.approx([62, 64, 66])
    damped = fc.point_forecasts(Y, YEARS, "damped", [1, 2, 3])[0]
    # smoothing lags a steady trend and damping fades it: within one year's change of the last figure,
    # still rising, ever more slowly (on DfE's series trends rarely persist, so this forecasts better)
    assert all(58 < d < line for d, line in zip(damped, linear))
    assert damped[0] < damped[1] < damped[2] and damped[2] - damped[1] < damped[1] - damped[0]
    assert fc.point_forecasts(Y, YEARS, "naive", [1, 3])[0] == pytest.approx([60, 60])
    assert fc.change_scale(Y)[0] == pytest.approx(2.0)


def test_noise_smoothed_forecast_is_nearer_the_level_than_the_last_figure():
    rng = np.random.default_rng(1)
    Y = 60 + rng.normal(0, 1, size=(5000, 8))
    X = np.arange(8, dtype=float)
    naive = fc.point_forecasts(Y, X, "naive", [1])[:, 0]
    smoothed = fc.point_forecasts(Y, X, "smoothed", [1])[:, 0]
    assert np.abs(smoothed - 60).mean() < np.abs(naive - 60).mean()


def test_step_change_is_followed_not_averaged_away():
    Y = np.array([[50, 50, 50, 60, 60, 60.0]])
    for method in ("naive", "smoothed"):
        assert fc.point_forecasts(Y, YEARS, method, [1])[0, 0] == pytest.approx(60, abs=0.5)


def test_missing_years_are_skipped_and_the_gap_counts_as_time():
    Y = np.array([[10, 11, np.nan, np.nan, 14, 15.0]])
    assert fc.point_forecasts(Y, YEARS, "linear", [1])[0, 0] == pytest.approx(16, abs=0.01)


def test_calibrated_intervals_cover_about_80_percent_of_noise_they_were_not_fitted_to():
    """The backtest machinery on constructed data: 2,000 noisy series, calibrated on earlier years only."""
    rng = np.random.default_rng(7)
    n, years = 2000, np.arange(2010, 2022)
    values = 50 + rng.normal(0, 2, size=(n, 1)) + rng.normal(0, 1.5, size=(n, len(years)))
    panel = Panel(
        values,
        years,
        np.array(["noise"] * n),
        np.array([str(i) for i in range(n)]),
        np.array(["Made up"] * n),
        np.ones(n, dtype=bool),
    )
    result, _ = evaluate(panel, cases(panel))
    for h in (1, 2, 3):
        assert 0.74 <= result.loc[result["h"] == h, "inside"].mean() <= 0.86
    assert result["error"].mean() < result["naive_error"].mean()  # smoothing beats the last figure on noise
    chosen = calibrate(panel, errors(panel, cases(panel)))
    assert chosen.measures["noise"][0] in ("smoothed", "damped")


def test_multiplier_interpolates_and_grows_beyond_the_table():
    table = {1: 1.0, 2: 1.5, 3: 2.0}
    assert fc.multiplier(table, 0.25) == 1.0
    assert fc.multiplier(table, 2.5) == pytest.approx(1.75)
    assert fc.multiplier(table, 12) == pytest.approx(4.0)


def test_too_short_a_history_gives_no_forecast_and_says_why():
    result = fc.forecast_indicator(rows([70, 72, 74], {2012: 80}))
    assert result.points == [] and result.method is None
    assert "3 figures so far" in result.note and "at least 4" in result.note
    assert result.line == result.note


def test_target_years_get_value_interval_probability_and_rating_in_words():
    result = fc.forecast_indicator(rows([69, 68, 70, 72, 77.5], {2013: 70.0, 2016: 95.0}))
    by_period = {p.period: p for p in result.points}
    assert list(by_period) == ["2013", "2014", "2015", "2016"]
    easy, hard = by_period["2013"], by_period["2016"]
    assert easy.lower < easy.value < easy.upper
    assert hard.upper - hard.lower > easy.upper - easy.lower  # wider further ahead
    assert easy.rating == "on track" and easy.probability >= fc.ON_TRACK
    assert hard.rating == "off track" and hard.probability < fc.OFF_TRACK
    assert hard.reason.startswith("On the damped trend of recent figures, 2016 is forecast at ")
    assert "pp short of 95.0%: off track" in hard.reason and "(80%: " in hard.reason
    assert by_period["2014"].rating is None  # no target that year
    assert [r["period"] for r in result.records()] == ["2013", "2014", "2015", "2016"]
    assert set(result.records()[0]) == {"period", "value", "lower", "upper", "target", "probability", "rating"}
    assert result.headline is easy


def test_lower_is_better_reverses_the_chance():
    falling = rows([30, 29, 28, 27, 26], {2014: 27.5}, unit="pp", polarity="lower")
    point = fc.forecast_indicator(falling).points[-1]
    assert point.probability > 0.5 and "better than 27.5 pp" in point.reason
    rising = rows([26, 27, 28, 29, 30], {2014: 27.5}, unit="pp", polarity="lower")
    assert fc.forecast_indicator(rising).points[-1].probability < 0.5


def test_percentages_stay_between_0_and_100():
    result = fc.forecast_indicator(rows([96, 97, 98, 99, 99.8], {2016: 100.0}))
    assert all(0 <= p.lower <= p.value <= p.upper <= 100 for p in result.points)


def test_position_target_against_england_forecasts_the_gap():
    frame = rows([60, 61, 62, 63, 64], national=[60, 61.5, 63, 64.5, 66])
    frame.loc[len(frame)] = frame.iloc[-1].to_dict() | {
        "period": "2014",
        "end_date": pd.Timestamp("2014-08-31"),
        "actual": None,
        "national": None,
        "target_text": "at or better than England",
    }
    result = fc.forecast_indicator(frame)
    point = result.points[-1]
    assert point.rating == "off track" and "behind England" in point.reason
    assert any("gap to England is forecast to widen" in g for g in result.gaps)


def test_rank_targets_are_not_forecast_and_say_why():
    frame = rows([60, 61, 62, 63, 64])
    frame.loc[len(frame)] = frame.iloc[-1].to_dict() | {
        "period": "2013",
        "end_date": pd.Timestamp("2013-08-31"),
        "actual": None,
        "target_text": "top 3 of neighbours",
    }
    point = fc.forecast_indicator(frame).points[-1]
    assert point.rating is None and "a rank depends on every other authority" in point.reason


def test_future_periods_are_labelled_as_the_series_labels_them():
    assert fc._future_label("2012/13", pd.Timestamp("2013-08-31"), 2)[0] == "2014/15"
    assert fc._future_label("2014-16", pd.Timestamp("2016-12-31"), 1)[0] == "2015-17"
    assert fc._future_label("Sep 12", pd.Timestamp("2012-09-30"), 1)[0] == "Sep 13"
    assert fc._future_label("2012", pd.Timestamp("2012-08-31"), 3)[0] == "2015"


def test_no_target_forecasts_three_years_and_to_year_extends():
    assert [p.period for p in fc.forecast_indicator(rows([1, 2, 3, 4, 5])).points] == ["2013", "2014", "2015"]
    assert fc.forecast_indicator(rows([1, 2, 3, 4, 5]), to_year=2018).points[-1].period == "2018"
