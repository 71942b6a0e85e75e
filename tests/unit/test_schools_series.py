"""An indicator computed from schools enters the same series as DfE's: figures, England, rank, quartile, card."""

from __future__ import annotations

import pytest

from kpi import figures
from kpi.cards import card
from kpi.schools.measures import area_figures
from kpi.store import Store


@pytest.fixture
def store(linked_demo_db):
    s = Store(linked_demo_db)
    yield s
    s.close()


def test_demo_kent_indicators_are_computed_from_the_built_in_snapshot(store):
    series = figures.all_series(store)
    good = series[series["code"] == "GOOD-PRI"].set_index("period")
    # The plan's own figures win where it has them; the snapshot fills the periods it lacks.
    assert good.loc["Sep 12", "actual"] == 57.2 and not good.loc["Sep 12", "school_based"]
    row = good.loc["Mar 14"]
    assert row["school_based"]
    kent = next(
        r for r in area_figures(store, "good_or_outstanding", "2014-03-31", phase="primary") if r["area"] == "886"
    )
    assert row["actual"] == pytest.approx(kent["value"], abs=0.001)
    assert row["school_n"] == kent["denominator"]
    england = next(
        r for r in area_figures(store, "good_or_outstanding", "2014-03-31", phase="primary") if r["area"] == "970"
    )
    assert row["national"] == pytest.approx(england["value"], abs=0.001)
    assert 1 <= row["rank"] <= row["rank_of"] and row["rank_of"] > 140
    assert row["quartile"] in ("A", "B", "C", "D")
    assert row["rag"] in ("green", "amber", "red")


def test_the_card_says_how_many_schools_a_figure_is_based_on(store):
    latest = figures.latest(figures.all_series(store)).set_index("code")
    shown = card(latest.loc["GOOD-PRI"].to_dict() | {"code": "GOOD-PRI"})
    assert shown.schools.startswith("Based on ") and "schools" in shown.schools
    assert shown.schools in shown.lines and shown.schools_link.startswith("Which schools?")
    typed = card(latest.loc["KS2-L4-EM"].to_dict() | {"code": "KS2-L4-EM"})
    assert typed.schools == "" and typed.schools_link == ""
