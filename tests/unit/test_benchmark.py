"""Neighbour figures, rank and quartile bands on hand-made data with ties and gaps, as LAIT computes them."""
import math

import numpy as np
import pytest

from kpi.benchmark import group_rank, national_rank, quartile_band, quartile_thresholds, sn_figures
from kpi.trend import direction

# Eight LAs: two ties (b=c=70, e=f=50), one suppressed (g) and one missing (h).
VALUES = {"a": 80.0, "b": 70.0, "c": 70.0, "d": 60.0, "e": 50.0, "f": 50.0, "g": None, "h": float("nan")}


def test_sn_average_is_the_mean_of_neighbours_with_data():
    figures = sn_figures(VALUES, ["a", "b", "e", "g", "h", "not-in-data"])
    assert figures["sn_n"] == 3
    assert figures["sn_average"] == pytest.approx((80 + 70 + 50) / 3)
    assert figures["sn_median"] == 70


def test_sn_median_of_an_even_count_and_no_data():
    assert sn_figures(VALUES, ["a", "b", "d", "e"])["sn_median"] == 65
    assert sn_figures(VALUES, ["g", "h"]) == {"sn_average": None, "sn_n": 0, "sn_median": None}


def test_rank_higher_is_better_ties_share_the_lowest_rank():
    ranks, rank_of = national_rank(VALUES, "higher")
    assert rank_of == 6
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4, "e": 5, "f": 5}


def test_rank_lower_is_better():
    ranks, rank_of = national_rank(VALUES, "lower")
    assert ranks == {"e": 1, "f": 1, "d": 3, "b": 4, "c": 4, "a": 6}
    assert rank_of == 6


def test_no_polarity_no_rank():
    assert national_rank(VALUES, None) == ({}, None)
    assert national_rank(VALUES, "none") == ({}, None)


def test_group_rank_within_la_and_its_neighbours():
    assert group_rank(VALUES, "d", ["a", "e", "g"], "higher") == (2, 3)
    assert group_rank(VALUES, "d", ["a", "e", "g"], "lower") == (2, 3)
    assert group_rank(VALUES, "g", ["a", "e"], "higher") == (None, 2)   # LA without data


@pytest.mark.parametrize("values", [
    [80, 70, 70, 60, 50, 50],
    [1, 2, 3, 4],
    [3.5],
    [10, 2.25, 7.75, 7.75, 0.1, 99, 42, 13],
])
def test_thresholds_equal_numpys_default_quantile(values):
    expected = np.quantile(values, [0.25, 0.5, 0.75])
    assert quartile_thresholds(values + [None, float("nan")]) == pytest.approx(list(expected))


def test_thresholds_of_nothing():
    assert quartile_thresholds([None, math.nan]) is None


def test_thresholds_of_the_hand_made_data():
    # sorted 50 50 60 70 70 80: linear positions 1.25, 2.5, 3.75
    assert quartile_thresholds(VALUES.values()) == pytest.approx([52.5, 65.0, 70.0])


T = [10.0, 20.0, 30.0]


@pytest.mark.parametrize("value,lower,higher", [
    (5, "A", "D"),
    (10, "A", "D"),     # on the 25% threshold: the band of lower values, as LAIT's <=
    (10.0001, "B", "C"),
    (20, "B", "C"),
    (25, "C", "B"),
    (30, "C", "B"),     # on the 75% threshold: higher-is-better gets B, not A
    (30.5, "D", "A"),
    (99, "D", "A"),
])
def test_band_edges_for_both_polarities(value, lower, higher):
    assert quartile_band(value, T, "lower") == lower
    assert quartile_band(value, T, "higher") == higher


def test_band_needs_value_thresholds_and_polarity():
    assert quartile_band(None, T, "higher") is None
    assert quartile_band(float("nan"), T, "higher") is None
    assert quartile_band(15, None, "higher") is None
    assert quartile_band(15, T, None) is None


def test_band_with_tied_thresholds():
    # many equal values: thresholds collapse; a value on them joins the lowest-valued band
    thresholds = quartile_thresholds([1, 1, 1, 1, 1, 2])
    assert thresholds == [1.0, 1.0, 1.0]
    assert quartile_band(1, thresholds, "higher") == "D"
    assert quartile_band(2, thresholds, "higher") == "A"
    assert quartile_band(1, thresholds, "lower") == "A"


@pytest.mark.parametrize("previous,current,polarity,decimals,expected", [
    (58, 59, "higher", 0, "improving"),
    (58, 59, "lower", 0, "declining"),
    (0.20, 0.13, "lower", 2, "improving"),
    (59.0, 59.0, "higher", 0, "stable"),
    (None, 59.0, "higher", 0, None),
])
def test_direction_of_travel(previous, current, polarity, decimals, expected):
    assert direction(previous, current, polarity, decimals) == expected
