"""Numbers in the users' words: units, percentage points for gaps, and how far from target."""

import math

import pytest

from kpi.formatting import format_diff, format_target, format_value, in_sentence, target_gap_words


@pytest.mark.parametrize(
    "value,unit,dp,shown",
    [
        (60.5, "%", 1, "60.5%"),
        (22.8, "pp", 1, "22.8 pp"),
        (19, "count", 0, "19"),
        (None, "%", 1, "—"),
        (math.nan, "%", 1, "—"),
        (1200, "£", 0, "£1,200"),
    ],
)
def test_format_value(value, unit, dp, shown):
    assert format_value(value, unit, dp) == shown


def test_differences_of_percentages_are_percentage_points():
    assert format_diff(1.5, "%", 1) == "+1.5 pp"
    assert format_diff(-4, "count", 0) == "-4"


@pytest.mark.parametrize(
    "gap,polarity,words",
    [
        (3.5, "higher", "3.5 pp above target"),
        (-1.5, "higher", "1.5 pp below target"),
        (-2.2, "lower", "2.2 pp under target"),
        (1.2, "lower", "1.2 pp over target"),
        (0.04, "higher", "on target"),
        (None, "higher", ""),
    ],
)
def test_target_gap_words(gap, polarity, words):
    assert target_gap_words(gap, polarity, "%", 1) == words


def test_lower_is_better_count_is_over_target():
    assert target_gap_words(9, "lower", "count", 0) == "9 over target"


@pytest.mark.parametrize(
    "title,shown",
    [
        ("Pupils achieving level 4+", "pupils achieving level 4+"),
        ("KS2 reading", "KS2 reading"),
        ("PRUs judged good", "PRUs judged good"),
        ("Key stage 2: pupils", "key stage 2: pupils"),
    ],
)
def test_in_sentence(title, shown):
    assert in_sentence(title) == shown


def test_format_target_value_or_position():
    assert format_target(62, None, "%", 1) == "62.0%"
    assert format_target(None, "quartile A", "%", 1) == "quartile A"
    assert format_target(math.nan, None, "%", 1) == "—"
