"""Every text field has a length limit, from one table (kpi.limits): a return over it is refused with the
Sheet!Cell and writes nothing; the write paths refuse it too, however it arrives."""

import io

import pytest
from openpyxl import load_workbook

from kpi.commentary import ActionRow, record_action, record_commentary
from kpi.limits import LIMITS, TextTooLong, most, stated
from kpi.returns import load_return
from kpi.risk_register import RiskRow, record_risk
from tests.conftest import tidy_workbook

PLAN = "kent-2013-14"


def over(kind: str) -> str:
    return "x" * (most(kind) + 1)


def a_return(sheets: dict) -> bytes:
    book = load_workbook(
        io.BytesIO(
            tidy_workbook(
                [["KS2-L4-EM", "2013", "actual", 80.1]],
                indicators=[
                    [
                        "KS2-L4-EM",
                        "Pupils achieving level 4+ in English and maths at KS2",
                        "P2",
                        "higher",
                        "%",
                        "academic_year",
                    ]
                ],
            )
        )
    )
    for name, rows in sheets.items():
        sheet = book[name] if name in book.sheetnames else book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CASES = {
    "indicator title": (
        {"Indicators": [["KS2-X", over("title"), "P2", "higher", "%", "academic_year"]]},
        "Indicators!B3",
        "A title may be at most 200 characters; this one has 201.",
    ),
    "commentary": (
        {"Commentary": [["Indicator", "Period", "Commentary"], ["KS2-L4-EM", "2013", over("commentary")]]},
        "Commentary!C2",
        "A commentary may be at most 2,000 characters; this one has 2,001.",
    ),
    "action": (
        {
            "Actions": [
                ["Plan", "Priority", "Description", "Owner", "Due", "Status"],
                [PLAN, "P2", over("action"), over("owner"), "Mar 2014", "in progress"],
            ]
        },
        "Actions!C2",
        "An action may be at most 1,000 characters",
    ),
    "risk": (
        {
            "Risks": [
                ["Plan", "Code", "Risk", "Mitigation", "Likelihood", "Impact"],
                [PLAN, "S1", "Floor standards rise", over("mitigation"), 3, 3],
            ]
        },
        "Risks!D2",
        "A mitigation may be at most 2,000 characters",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_return_with_text_over_its_limit_is_refused_with_the_cell_and_writes_nothing(demo_store, case):
    sheets, cell, words = CASES[case]
    version = demo_store.data_version()
    result = load_return(demo_store, a_return(sheets), "long.xlsx", user="olivia")
    found = [p for p in result.problems if p.where == cell]
    assert not result.ok and found and words in found[0].message, [str(p) for p in result.problems]
    assert "Shorten it to at most" in found[0].fix
    assert demo_store.data_version() == version


def test_a_note_over_its_limit_is_refused_too(demo_store):
    data = a_return({})
    book = load_workbook(io.BytesIO(data))
    sheet = book["Data"]
    sheet["E1"], sheet["E2"] = "Note", over("note")
    out = io.BytesIO()
    book.save(out)
    result = load_return(demo_store, out.getvalue(), "note.xlsx", user="olivia")
    assert [p.where for p in result.problems] == ["Data!E2"]


def test_text_at_the_limit_loads(demo_store):
    data = a_return(
        {"Commentary": [["Indicator", "Period", "Commentary"], ["KS2-L4-EM", "2013", "y" * most("commentary")]]}
    )
    assert load_return(demo_store, data, "ok.xlsx", user="olivia").ok


def test_the_write_paths_refuse_text_over_the_limit_however_it_arrives(demo_store):
    with pytest.raises(TextTooLong, match="at most 2,000 characters"):
        record_commentary(demo_store, "KS2-L4-EM", "academic_year:2012-09-01:2013-08-31", over("commentary"), user="o")
    with pytest.raises(TextTooLong, match="An owner may be at most 120"):
        record_action(
            demo_store, ActionRow(PLAN, None, None, "Fine", over("owner"), None, None, "in progress", "x"), user="o"
        )
    with pytest.raises(TextTooLong, match="A risk or issue may be at most 1,000"):
        record_risk(demo_store, RiskRow(PLAN, None, over("risk")), user="o")


def test_every_kind_is_stated_in_words():
    assert stated("commentary") == "Up to 2,000 characters."
    assert all(limit > 0 and label for limit, label in LIMITS.values())
