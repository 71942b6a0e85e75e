"""Special-cause variation on constructed series: a straight line, noise, a step change, one outlier."""

import numpy as np

from kpi import spc


def periods(n):
    return [str(2000 + i) for i in range(n)]


def test_straight_line_is_a_trend_run_an_improvement_when_higher_is_better():
    values = list(range(50, 58))
    p = spc.process(values, periods(8), "higher")
    assert {s.rule for s in p.signals} >= {"trend"}
    assert p.word == "Improvement"
    assert "run of 6+ successive improvements" in p.words
    assert spc.process(values, periods(8), "lower").word == "Concern"
    assert spc.process(values, periods(8), "none").word == "Special cause"


def test_noise_is_common_cause():
    rng = np.random.default_rng(3)
    values = 60 + rng.normal(0, 1, 12)
    values = np.where(values > 60, 60.5, 59.5)  # alternate sides often enough to break runs
    values[::2], values[1::2] = 60.5, 59.5
    p = spc.process(values, periods(12), "higher")
    assert p.signals == [] and p.word == "Common cause"
    assert "common-cause variation" in p.words


def test_step_change_makes_a_run_on_one_side_of_the_mean():
    values = [50, 51, 50, 51, 50, 51, 50, 58, 59, 58, 59, 58, 59, 58]
    p = spc.process(values, periods(14), "higher")
    runs = [s for s in p.signals if s.rule == "run"]
    assert len(runs) >= spc.RUN_SIDE and all(s.kind == "improvement" for s in runs if s.index >= 7)
    assert p.word == "Improvement"


def test_one_figure_outside_the_limits():
    values = [50, 56, 50, 56, 50, 56, 50, 56, 80]  # the mean is 56: no run on either side
    p = spc.process(values, periods(9), "lower")
    assert [(s.period, s.rule, s.kind) for s in p.signals] == [("2008", "outside", "concern")]
    mr = np.abs(np.diff(values)).mean()
    assert p.upper == np.mean(values) + 2.66 * mr


def test_too_few_figures_draws_no_limits_and_says_so():
    p = spc.process([1, 2, 3, None, 4], periods(5), "higher")
    assert p.mean is None and p.word == "Too few figures" and "4 figures" in p.words
    assert "2.66" in spc.RULES and str(spc.RUN_SIDE) in spc.RULES
