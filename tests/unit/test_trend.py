"""Direction of travel: polarity-aware, stable when the change rounds to nothing."""

import pytest

from kpi.trend import arrow, change, direction


@pytest.mark.parametrize(
    "previous,current,polarity,decimals,expected",
    [
        (72, 77.5, "higher", 1, "improving"),  # seed 001 KS2 2012: up arrow
        (27, 22.8, "lower", 1, "improving"),  # FSM gap at KS2 shrinks: improving
        (33.7, 32.9, "lower", 1, "improving"),
        (56.4, 57.2, "higher", 1, "improving"),  # primary good or outstanding, Sep 12
        (19, 19, "lower", 0, "stable"),  # schools in a category: level arrow
        (60.0, 60.04, "higher", 1, "stable"),  # rounds to no change at 1 dp
        (60.5, 59.4, "higher", 1, "declining"),
        (15, 19, "lower", 0, "declining"),
        (None, 19, "lower", 0, None),
        (18, 19, "none", 0, None),
    ],
)
def test_direction(previous, current, polarity, decimals, expected):
    assert direction(previous, current, polarity, decimals) == expected


def test_change_and_raw_arrow():
    assert change(72, 77.5) == pytest.approx(5.5)
    assert change(None, 1) is None
    assert (arrow(1, 2), arrow(2, 1), arrow(2, 2), arrow(None, 2)) == ("↑", "↓", "↔", "")
