"""The risk register in the store: written with an audit row and a score history, read back for the board."""

import json
from datetime import date

from kpi import audit
from kpi.commands import main
from kpi.returns import load_return
from kpi.risk_register import RiskRow, apply_risks, record_risk, register
from tests.conftest import tidy_workbook

PLAN = "kent-2013-14"


def _row(**kw):
    base = {
        "plan_code": PLAN,
        "code": "T1",
        "risk": "Test risk: schools miss the deadline",
        "mitigation": "Chase early",
        "owner": "Moderation Manager",
        "likelihood": 3,
        "impact": 3,
        "priorities": ("P2",),
    }
    return RiskRow(**(base | kw))


def test_a_new_risk_is_audited_and_scored(store):
    risk_id, code, outcome = record_risk(store, _row(), user="officer1")
    assert (code, outcome) == ("T1", "new")
    [risk] = [r for r in register(store, PLAN).risks if r.code == "T1"]
    assert risk.score == 9 and risk.priorities == ("P2",) and risk.risk_id == risk_id
    entry = audit.as_records(audit.read(store, action="risk"))[0]
    assert entry["user"] == "officer1" and entry["detail"]["old"] is None and entry["detail"]["new"]["score"] == 9


def test_rescoring_adds_to_the_history_and_shows_rising_since_the_board(store):
    record_risk(store, _row(assessed_on=date(2013, 6, 1)), user="a")
    record_risk(store, _row(likelihood=4, impact=4, assessed_on=date(2013, 11, 1)), user="b")
    reg = register(store, PLAN)
    [risk] = [r for r in reg.risks if r.code == "T1"]
    assert reg.history[risk.risk_id] == [(date(2013, 6, 1), 9), (date(2013, 11, 1), 16)]
    [flagged] = [
        f
        for f in reg.sections(as_of=date(2013, 12, 1), since=date(2013, 9, 30))[(PLAN, "P2")].flagged
        if f.risk.code == "T1"
    ]
    assert flagged.reasons == ("high", "rising") and flagged.previous == 9
    changes = audit.as_records(audit.read(store, action="risk"))
    assert changes[0]["detail"]["old"]["score"] == 9 and changes[0]["detail"]["new"]["score"] == 16


def test_the_same_risk_twice_changes_nothing(store):
    record_risk(store, _row(), user="a")
    version = store.data_version()
    assert apply_risks(store, [_row()], user="a", source="again") == {"risks_new": 0, "risks_changed": 0}
    assert store.data_version() == version


def test_a_risk_without_a_code_gets_the_next_one(store):
    record_risk(store, _row(code="R20"), user="a")  # Kent holds R1-R11
    _, code, _ = record_risk(store, _row(code=None, risk="Another"), user="a")
    _, issue, _ = record_risk(store, _row(code=None, risk="It happened", kind="issue"), user="a")
    assert code == "R21" and issue == "I1"


def test_a_risk_reached_through_an_indicator_threatens_its_priority(store):
    record_risk(store, _row(priorities=(), indicators=("GAP-FSM-KS4",)), user="a")
    [risk] = [r for r in register(store, PLAN).risks if r.code == "T1"]
    assert risk.priorities == ("P5",) and risk.indicators == ("GAP-FSM-KS4",)


def test_cli_json_keys(demo_db, capsys):
    from kpi.store import Store

    s = Store(demo_db)
    record_risk(s, _row(review_date=date(2014, 3, 31)), user="a")
    s.close()
    assert main(["risks", "--db", str(demo_db), "--plan", PLAN, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    mine = next(r for r in rows if r["code"] == "T1")
    assert list(mine) == [
        "plan",
        "code",
        "risk",
        "mitigation",
        "owner",
        "likelihood",
        "impact",
        "score",
        "status",
        "review",
        "priorities",
    ]
    assert mine["score"] == 9 and mine["review"] == "2014-03-31" and mine["priorities"] == ["P2"]


def test_cli_refuses_an_unknown_plan(demo_db, capsys):
    assert main(["risks", "--db", str(demo_db), "--plan", "nope"]) == 2
    assert '"nope" is not a plan' in capsys.readouterr().err


def _return_with_risks(rows):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(tidy_workbook([])))
    sheet = book.create_sheet("Risks")
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEAD = ["Plan", "Code", "Kind", "Risk", "Mitigation", "Owner", "Likelihood", "Impact", "Status", "Review", "Priorities"]


def test_a_risks_sheet_loads_with_a_return(store):
    data = _return_with_risks(
        [
            HEAD,
            [
                PLAN,
                "S1",
                "Risk",
                "Floor standards rise",
                "Target support",
                "Director",
                4,
                4,
                "open",
                "31/03/2014",
                "P4",
            ],
            [None, None, "Issue", "A school went into special measures", None, None, None, None, "managed", None, "P6"],
        ]
    )
    result = load_return(store, data, "risks.xlsx", user="officer1")
    assert result.ok, result.problems
    held = {r.code: r for r in register(store, PLAN).risks}
    assert held["S1"].score == 16 and held["S1"].review_date == date(2014, 3, 31)
    assert held["I1"].kind == "issue" and held["I1"].plan_code == PLAN and held["I1"].score is None


def test_a_bad_risks_sheet_names_every_cell_and_writes_nothing(store):
    version = store.data_version()
    data = _return_with_risks(
        [
            HEAD,
            [PLAN, "S1", "Maybe", "x", None, None, 7, 2, "pending", "soon", "P99"],
            [PLAN, "S2", "Risk", "y", None, None, 3, None, None, None, None],
            [PLAN, "S2", "Risk", None, None, None, None, None, None, None, None],
        ]
    )
    result = load_return(store, data, "bad.xlsx", user="officer1")
    text = "\n".join(map(str, result.problems))
    assert not result.ok and store.data_version() == version
    assert "Risks!C2" in text and "neither a risk nor an issue" in text
    assert "Risks!G2" in text and "from 1 to 5" in text
    assert "Risks!I2" in text and "not a risk status" in text
    assert "Risks!J2" in text and "Risks!K2" in text and '"P99" is not a priority' in text
    assert "Risks!H3" in text and "both a likelihood and an impact" in text
    assert "Risks!D4: This row has no risk." in text


def test_the_template_carries_the_register_and_a_rescored_risk_loads_back(store):
    import io

    from openpyxl import load_workbook

    from kpi.returns import build_template

    data = build_template(store, priority="P2")
    book = load_workbook(io.BytesIO(data))
    sheet = book["Risks"]
    rows = list(sheet.iter_rows(values_only=True))
    filled = [r for r in rows if any(v is not None for v in r)]
    assert rows[0][:4] == ("Plan", "Code", "Kind", "Risk") and len(filled) == 12  # Kent's eleven
    assert not load_return(store, data, "t.xlsx", user="o", dry_run=True).changes.may_change
    sheet["G2"], sheet["H2"] = 4, 5
    out = io.BytesIO()
    book.save(out)
    result = load_return(store, out.getvalue(), "t.xlsx", user="o")
    assert result.ok and result.upload_id
    assert next(r for r in register(store, PLAN).risks if r.code == "R1").score == 20
