"""One card per indicator: the words every tile, slide and pack shows, from the seed plan's figures."""

from dataclasses import FrozenInstanceError

import pytest

from kpi import figures
from kpi.cards import Card, card, cards
from kpi.model import ARROWS, RAG_STYLE


@pytest.fixture
def seed_cards(store) -> dict[str, Card]:
    series = figures.all_series(store)
    return {c.code: c for c in cards(figures.latest(series), series)}


def test_ks2_value_target_and_distance_above(seed_cards):
    ks2 = seed_cards["KS2-L4-EM"]  # Kent 2012: 77.5% against 74%, rated green in the plan
    assert (ks2.value, ks2.period, ks2.target, ks2.distance) == ("77.5%", "2012", "74.0%", "3.5 pp above target")
    assert ks2.target_line == "Target 74.0% · 3.5 pp above target"
    assert (ks2.rag_label, ks2.direction_label) == ("✔ Green", "↑ Improving")
    assert ks2.link_label == "Open trend: " + ks2.title


def test_gcse_amber_says_how_far_below(seed_cards):
    gcse = seed_cards["KS4-5AC-EM"]  # 60.5% against 62%: the plan's own amber
    assert gcse.distance == "1.5 pp below target"
    assert gcse.rag == "amber" and "within the amber band of 2 pp" in gcse.reason


def test_lower_is_better_count_says_over_target_not_short(seed_cards):
    cat = seed_cards["OFSTED-CAT"]  # 19 schools in a category against a target of 10
    assert cat.distance == "9 over target"
    assert "short" not in " ".join(cat.lines)
    assert cat.direction_label == "↔ Stable"
    gap = seed_cards["GAP-FSM-KS2"]  # FSM gap 22.8 pp against 25: beaten, and it fell
    assert gap.distance == "2.2 pp under target"
    assert gap.arrow == "↓" and gap.direction_word == "Improving"


def test_own_tolerance_is_said_default_is_not(seed_cards):
    good = seed_cards["GOOD-PRI"]
    assert good.band == "Amber band 4 pp (this indicator's own; the default is 2 pp)"
    assert good.band in good.lines
    assert seed_cards["GAP-FSM-KS4"].band.startswith("Amber band 1 pp")
    assert seed_cards["KS2-L4-EM"].band == ""


def test_no_target_this_period_shows_the_next_with_its_year(seed_cards):
    ks1 = seed_cards["KS1-READ"]  # 76% in 2012; the plan's target is 77% for 2013
    assert (ks1.target_label, ks1.target, ks1.target_period) == ("Next target", "77.0%", "2013")
    assert ks1.target_line == "Next target 77.0% in 2013"
    assert seed_cards["OFSTED-SM"].target_line == "No target"


def test_position_target_shown_in_its_words(store):
    series = figures.all_series(store)  # Central Bedfordshire: quartile C by 2016; its figures are DfE's (built in)
    row = series[(series["code"] == "CB-KS2-RWM") & (series["period"] == "2016")].iloc[0]
    cb = card(row, series)
    assert cb.target == "quartile C" and cb.distance == "in quartile D: 1 band short" and cb.rag == "amber"


def test_a_dfe_linked_indicator_without_figures_says_where_they_come_from():
    c = card(
        {
            "code": "X",
            "title": "X",
            "unit": "%",
            "decimals": 0,
            "polarity": "higher",
            "actual": None,
            "rag": "no_data",
            "dfe_measure": "KS2RWM_Expected_STD",
        }
    )
    assert (c.value, c.period, c.rag) == ("—", "—", "no_data")
    assert "DfE's national data" in c.no_figures and "Import DfE data" in c.no_figures


def test_position_target_distance_from_quartile():
    row = {
        "code": "X",
        "title": "X",
        "unit": "%",
        "decimals": 1,
        "polarity": "higher",
        "rag": "amber",
        "actual": 70.0,
        "target": None,
        "target_text": "quartile A",
        "quartile": "B",
        "period": "2017",
    }
    c = card(row)
    assert (c.target, c.distance) == ("quartile A", "in quartile B: 1 band short")
    assert c.target_line == "Target quartile A · in quartile B: 1 band short"


def test_reported_rating_that_differs_is_said():
    row = {
        "code": "KS4",
        "title": "GCSE",
        "unit": "%",
        "decimals": 1,
        "polarity": "higher",
        "actual": 56.0,
        "target": 60.0,
        "gap_to_target": -4.0,
        "rag": "red",
        "rag_reported": "amber",
        "rag_differs": True,
        "period": "2009",
        "rag_reason": "Missed the target of 60.0% by 4.0 pp.",
    }
    c = card(row)
    assert c.reported == "Reported RAG: ▲ Amber (differs from the rule)"
    assert c.reported_long.startswith("The return reported ▲ Amber for 2009, but the rule gives ✖ Red")


def test_demo_caveats_beside_uncertain_figures(seed_cards):
    ks2 = seed_cards["KS2-L4-EM"]  # England 79 from the 'SN or National' column; floor 72 = the 2011 result
    assert any("SN or National" in c for c in ks2.caveats)
    assert any("2011 result" in c for c in ks2.caveats)
    assert not seed_cards["GOOD-PRI"].caveats
    assert all("seed" not in c.lower() for card_ in seed_cards.values() for c in card_.caveats)


def test_no_literal_none_or_nan_anywhere(seed_cards):
    for c in seed_cards.values():
        for value in vars(c).values():
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str):
                    assert "None" not in text and "nan" not in text.split(), (c.code, text)


def test_summary_lowercases_title_mid_sentence(seed_cards):
    assert seed_cards["KS2-L4-EM"].summary.startswith("In 2012, pupils achieving level 4+")
    assert "rated green" in seed_cards["KS2-L4-EM"].summary


def test_one_table_of_colours_and_arrows(seed_cards):
    for c in seed_cards.values():
        assert (c.rag_bar, c.rag_fill, c.rag_badge) == tuple(RAG_STYLE[c.rag][k] for k in ("bar", "fill", "badge"))
    assert ARROWS[("improving", "lower")] == "↓"


def test_card_is_frozen(seed_cards):
    with pytest.raises(FrozenInstanceError):
        seed_cards["KS2-L4-EM"].value = "1"


def test_no_figures_says_where_they_come_from():
    row = {
        "code": "X",
        "title": "X",
        "unit": "%",
        "decimals": 1,
        "polarity": "higher",
        "rag": "no_data",
        "actual": None,
        "dfe_measure": "KS2RWM_Expected_STD",
    }
    assert "DfE's national data" in card(row).no_figures and card(row).value == "—"
    assert "Upload page" in card({**row, "dfe_measure": None}).no_figures
