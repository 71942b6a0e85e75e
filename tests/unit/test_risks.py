"""The risk score, its bands, the matrix and the board's exception rules (kpi.risks)."""

from datetime import date

import pytest

from kpi.risks import (
    Risk,
    band,
    matrix,
    previous_score,
    reasons,
    score,
    score_words,
    sections,
)

BOARD = date(2013, 9, 30)
TODAY = date(2013, 12, 1)


def test_score_is_likelihood_times_impact():
    assert score(4, 5) == 20
    assert score(1, 1) == 1
    assert score(None, 3) is None and score(3, None) is None


@pytest.mark.parametrize("bad", [0, 6, 2.5, -1])
def test_score_refuses_values_outside_one_to_five(bad):
    with pytest.raises(ValueError, match="from 1 to 5"):
        score(bad, 3)


@pytest.mark.parametrize(
    "value, expected",
    [(25, "high"), (15, "high"), (12, "medium"), (8, "medium"), (6, "low"), (1, "low"), (None, "not_scored")],
)
def test_bands(value, expected):
    assert band(value) == expected


def test_score_words_say_band_and_number():
    assert score_words(16) == "High (16)" and score_words(None) == "Not scored"


def test_previous_score_is_the_last_assessment_on_or_before_the_board():
    history = [(date(2013, 4, 1), 6), (date(2013, 9, 30), 9), (date(2013, 11, 1), 16)]
    assert previous_score(history, BOARD) == 9
    assert previous_score(history, date(2013, 9, 29)) == 6
    assert previous_score(history, date(2013, 3, 1)) is None
    assert previous_score(history, None) == 9  # no board date: the assessment before the latest
    assert previous_score(history[:1], None) is None
    assert previous_score([*history, (date(2013, 12, 1), None)], None) == 9  # an unscored review compares nothing


def test_each_exception_rule():
    high = Risk("p", "R1", "Staff leave", likelihood=4, impact=4)
    assert reasons(high, as_of=TODAY, previous=16) == ("high",)
    rising = Risk("p", "R2", "Data late", likelihood=3, impact=3)
    assert reasons(rising, as_of=TODAY, previous=6) == ("rising",)
    assert reasons(rising, as_of=TODAY, previous=9) == ()  # the same score is not rising
    assert reasons(rising, as_of=TODAY, previous=12) == ()  # a falling score is not rising
    overdue = Risk("p", "R3", "Budget", likelihood=1, impact=2, review_date=date(2013, 11, 30))
    assert reasons(overdue, as_of=TODAY, previous=None) == ("review_overdue",)
    assert reasons(overdue, as_of=date(2013, 11, 30), previous=None) == ()  # due today is not past due
    issue = Risk("p", "I1", "Inspection failed", kind="issue", status="managed")
    assert reasons(issue, as_of=TODAY, previous=None) == ("open_issue",)


def test_closed_risks_are_never_exceptions_and_unscored_ones_never_high_or_rising():
    closed = Risk("p", "R1", "Old", likelihood=5, impact=5, status="closed", review_date=date(2012, 1, 1))
    assert reasons(closed, as_of=TODAY, previous=1) == ()
    unscored = Risk("p", "R2", "Kent's kind of risk")
    assert reasons(unscored, as_of=TODAY, previous=None) == ()


def test_rising_words_name_the_board():
    [flagged] = sections(
        [Risk("p", "R1", "x", likelihood=4, impact=4, risk_id=1)],
        {1: [(date(2013, 6, 1), 9), (date(2013, 11, 1), 16)]},
        as_of=TODAY,
        since=BOARD,
    )[("p", None)].flagged
    assert flagged.reason_words() == ["High score (16)", "Score rose from 9 to 16 since the board on 30 Sep 2013"]


def test_matrix_places_live_scored_risks_and_lists_unscored_apart():
    risks = [
        Risk("p", "R1", "a", likelihood=5, impact=4),
        Risk("p", "R2", "b", likelihood=5, impact=4),
        Risk("p", "R3", "c", likelihood=1, impact=1),
        Risk("p", "R4", "d"),
        Risk("p", "R5", "e", likelihood=5, impact=5, status="closed"),
    ]
    grid = matrix(risks)
    assert [c.likelihood for c in grid.rows[0]] == [5] * 5 and [c.impact for c in grid.rows[0]] == [1, 2, 3, 4, 5]
    top = grid.rows[0][3]
    assert top.codes == ("R1", "R2") and top.words == "High · 2 (R1, R2)"
    assert grid.rows[4][0].words == "Low · 1 (R3)"
    assert grid.rows[0][4].words == "High · none"  # the closed R5 is not counted
    assert grid.not_scored == ("R4",)
    assert grid.band_counts() == {"high": 2, "medium": 0, "low": 1, "not_scored": 1}
    assert "2 high, 0 medium, 1 low" in grid.text_alternative()


def test_sections_by_priority_and_whole_plan():
    risks = [
        Risk("p", "R1", "a", likelihood=4, impact=4, priorities=("P1", "P2")),
        Risk("p", "R2", "b", likelihood=1, impact=2, priorities=("P1",)),
        Risk("p", "I1", "c", kind="issue"),
        Risk("p", "R3", "d", status="closed"),
    ]
    found = sections(risks, {}, as_of=TODAY)
    assert set(found) == {("p", "P1"), ("p", "P2"), ("p", None)}
    assert [f.risk.code for f in found[("p", "P1")].flagged] == ["R1"] and [
        r.code for r in found[("p", "P1")].others
    ] == ["R2"]
    assert [f.risk.code for f in found[("p", "P2")].flagged] == ["R1"]
    assert [f.risk.code for f in found[("p", None)].flagged] == ["I1"]
    assert found[("p", "P1")].others_words() == "1 other live risk or issue, not exceptions"


def test_issues_come_first_then_by_score():
    risks = [
        Risk("p", "R1", "a", likelihood=4, impact=4),
        Risk("p", "R2", "b", likelihood=5, impact=5),
        Risk("p", "I1", "c", kind="issue"),
    ]
    assert [f.risk.code for f in sections(risks, {}, as_of=TODAY)[("p", None)].flagged] == ["I1", "R2", "R1"]
