"""The RAG rule: polarity-aware, with the tolerance as the amber band in the indicator's units."""

import math

import pytest

from kpi.rag import DEFAULT_TOLERANCE, normalise_reported, rate, rule_text


@pytest.mark.parametrize(
    "actual,target,polarity,tolerance,expected",
    [
        (77.5, 74, "higher", None, "green"),  # beaten
        (74, 74, "higher", None, "green"),  # met exactly
        (72, 74, "higher", None, "amber"),  # missed by 2 = the default band
        (71.9, 74, "higher", None, "red"),  # missed by 2.1
        (22.8, 25, "lower", None, "green"),  # a gap below its target is good
        (32.9, 31.7, "lower", 1, "red"),  # a gap 1.2 pp above, band 1
        (32.9, 31.7, "lower", None, "amber"),  # same with the default band of 2
        (14, 10, "lower", 4, "amber"),  # counts: 4 over, band 4
        (15, 10, "lower", 4, "red"),
    ],
)
def test_rating(actual, target, polarity, tolerance, expected):
    assert rate(actual, target, polarity, tolerance, "%", 1).rag == expected


def test_missing_actual_is_no_data_and_missing_target_is_no_target():
    assert rate(None, 60, "higher").rag == "no_data"
    assert rate(math.nan, 60, "higher").rag == "no_data"
    assert rate(60, None, "higher").rag == "no_target"


def test_reason_states_the_miss_in_percentage_points():
    rating = rate(60.5, 62, "higher", None, "%", 1)
    assert rating.rag == "amber"
    assert "1.5 pp" in rating.reason and "62.0%" in rating.reason


def test_rule_text_names_the_default_band():
    assert DEFAULT_TOLERANCE == 2.0
    assert "2 pp (the default)" in rule_text(None, "%")
    assert "4" in rule_text(4, "count") and "default" not in rule_text(4, "count")


@pytest.mark.parametrize(
    "word,expected", [("Green", "green"), (" AMBER ", "amber"), ("r", "red"), ("Blue", None), (None, None)]
)
def test_reported_words(word, expected):
    assert normalise_reported(word) == expected
