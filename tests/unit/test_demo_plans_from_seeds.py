"""Every published plan in the demo, checked figure by figure against the plan's own text.

The plans' texts are read in place from ../shared/seeds; a test skips, saying why, when its text is absent.
"""

import re
from datetime import date

import pytest

from kpi import figures
from kpi.risk_register import register
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"


def seed_text(number: str) -> str:
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.skip(f"The published plan {number} is not in {SEEDS}.")
    return " ".join(found[0].read_text(encoding="utf-8").split())


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9%*]+", " ", text.lower()).strip()


@pytest.fixture
def targets(store):
    series = figures.all_series(store)
    return {(r.code, r.period): r.target for r in series.itertuples() if r.target == r.target and r.target is not None}


def test_sandwell_ni_targets_for_2008_09_match_the_plan(store, targets):
    text = seed_text("002")
    table = text[text.index("2008/09 (Academic Year)") :]
    chunks = [c for c in re.split(r"(?=NI \d+ )", table) if c.startswith("NI ")]
    stated = {re.match(r"NI (\d+)", c)[1]: re.findall(r"(\d+(?:\.\d+)?)%", c)[-1] for c in chunks}  # the last %
    assert len(stated) == 16 and set(stated) == {
        "72",
        "73",
        "74",
        "75",
        "83",
        "87",
        "92",
        "93",
        "94",
        "95",
        "96",
        "97",
        "98",
        "99",
        "100",
        "101",
    }
    for number, value in stated.items():
        assert targets[(f"SW-NI{number}", "2009")] == float(value), number
    defs = store.query("indicator_definitions").set_index("code")
    assert defs.loc["SW-NI87", "polarity"] == "lower" and defs.loc["SW-NI92", "polarity"] == "lower"
    assert (defs.loc[[f"SW-NI{n}" for n in stated if n not in ("87", "92")], "polarity"] == "higher").all()
    assert set(defs.loc[[f"SW-NI{n}" for n in stated], "area_code"]) == {"333"}


def test_sandwell_outcomes_actions_and_analyses_come_from_the_plan(store):
    text = squash(seed_text("002"))
    prios = store.query("board_priorities")
    sw = prios[prios["plan_code"] == "sandwell-laa-2008-11"]
    assert list(sw["priority_code"]) == ["SW1", "SW2", "SW3", "SW4", "SW5", "SW6"]
    for description in sw["description"]:
        outcome, rest = description.split(" Contribution to priority: ")
        contribution, plausibility = rest.split(" Plausibility analysis: ")
        for part in (outcome, contribution, plausibility):
            assert squash(part) in text, part
    actions = store.query("board_actions", as_of="2011-01-01")
    mine = actions[actions["plan_code"] == "sandwell-laa-2008-11"]
    assert set(mine["owner"]) == {"Director of Learning"}
    assert {d.strftime("%b %Y") for d in mine["due_date"]} == {"Mar 2011"}
    risks = [r for r in register(store, "sandwell-laa-2008-11").risks]
    assert len(risks) == 10
    for r in risks:
        assert squash(r.risk) in text, r.risk
        assert r.score is None  # the plan names risks but scores none
    partnership = next(r for r in risks if r.risk.startswith("Schools / Academies"))
    assert partnership.priorities == ("SW1", "SW3", "SW4", "SW5")


def test_kent_section_e_eleven_risks_and_mitigations(store):
    text = seed_text("001")
    section_e = squash(text[text.index("SECTION E") : text.index("SECTION F")])
    risks = register(store, "kent-2013-14").risks
    assert len(risks) == 11 and [r.code for r in risks] == [f"R{i}" for i in range(1, 12)]
    for r in risks:
        assert squash(r.risk) in section_e, r.risk
        assert squash(r.mitigation) in section_e, r.mitigation
        assert r.likelihood is None and r.impact is None and r.score is None and r.priorities == ()


def test_central_bedfordshire_brief_targets_and_2009_figures(store, targets):
    text = seed_text("004")
    for figure in (
        "82%",
        "56%",
        "86%",
        "89%",
        "from 50% to 80% by 2011",
        "from 43% to 72% by 2011",
        "Increase to 80%",
        "49.8%",
    ):
        assert figure in text, figure
    assert targets[("CB10-NI73", "2011")] == 82 and targets[("CB10-NI75", "2011")] == 56
    assert targets[("CB10-NI93", "2011")] == 86 and targets[("CB10-NI94", "2011")] == 89
    assert targets[("CB10-UPPER-GOOD", "2011")] == 80 and targets[("CB10-MID-GOOD", "2011")] == 72
    assert targets[("CB10-LEADERSHIP", "2011")] == 80
    series = figures.all_series(store)
    actual = {(r.code, r.period): (r.actual, r.status) for r in series.itertuples() if r.actual == r.actual}
    assert actual[("CB10-NI75", "2009")] == (49.8, "provisional")
    assert actual[("CB10-UPPER-GOOD", "2009")][0] == 50 and actual[("CB10-MID-GOOD", "2009")][0] == 43
    miles = store.query("board_milestones", as_of="2010-01-01")
    phases = miles[miles["plan_code"] == "central-bedfordshire-2010-13"]
    for phase, due in (
        ("Phase 1: January 2010 to July 2011", date(2011, 7, 31)),
        ("Phase 2: September 2011 to July 2012", date(2012, 7, 31)),
        ("Phase 3: September 2012 to July 2013", date(2013, 7, 31)),
        ("All schools in formal partnerships by March 2011", date(2011, 3, 31)),
    ):
        assert phase in text
        row = phases[phases["target_text"] == phase]
        assert len(row) == 1 and row["due_date"].iloc[0].date() == due


def test_bsf_eight_kpis_under_their_outcomes(store):
    text = squash(seed_text("000"))
    defs = store.query("indicator_definitions")
    bsf = defs[defs["plan_code"] == "bsf-collective-partnership-targets"]
    assert list(bsf["code"]) == [f"BSF-KPI{i}" for i in range(1, 9)]
    assert dict(zip(bsf["code"], bsf["priority_code"])) == {
        "BSF-KPI1": "BSF-EA",
        "BSF-KPI2": "BSF-EA",
        "BSF-KPI3": "BSF-EA",
        "BSF-KPI4": "BSF-EA",
        "BSF-KPI5": "BSF-HS",
        "BSF-KPI6": "BSF-EW",
        "BSF-KPI7": "BSF-PC",
        "BSF-KPI8": "BSF-PC",
    }
    school = squash(
        "following one full year after completion of BSF building works, the grades are maintained at 1/2 "
        "or improve by one grade, and following three years after completion, the grades are 1/2"
    )
    assert school in text
    for code in ("BSF-KPI1", "BSF-KPI2", "BSF-KPI5", "BSF-KPI7"):
        assert school in squash(bsf.set_index("code").loc[code, "description"])
    assert "at least bi annually" in text
    assert all("bi-annually" in d for d in bsf["description"])
    assert figures.all_series(store).query("code.str.startswith('BSF')")["actual"].isna().all()  # no figures given


def test_the_plan_picker_names_every_plan_and_its_authority(store):
    from kpi.highlight import plan_label, plans

    labels = {p: plan_label(r) for p, r in plans(store).set_index("plan_code").iterrows()}
    assert labels["sandwell-laa-2008-11"].startswith("Sandwell — Local Area Agreement")
    assert labels["central-bedfordshire-2010-13"].startswith("Central Bedfordshire — Re-commissioning")
    assert labels["kent-2013-14"].startswith("Kent — Standards and School Improvement")
    assert labels["bsf-collective-partnership-targets"].startswith("No authority named")
