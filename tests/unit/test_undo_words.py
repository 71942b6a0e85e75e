"""Undo removes everything its upload brought: the commentary, actions and risks of its sheets too, put back
exactly as they were; any of them changed since is kept and named rather than thrown away."""

import io

from openpyxl import load_workbook

from kpi import audit
from kpi.commentary import record_commentary
from kpi.returns import load_return, plan_undo, undo_upload
from tests.conftest import tidy_workbook
from tests.unit.snapshot import fingerprint

PLAN = "kent-2013-14"
WORDS = ("commentary", "actions", "risks", "risk_links", "risk_scores", "observations", "periods")


def a_return(commentary=(), actions=(), risks=()) -> bytes:
    book = load_workbook(io.BytesIO(tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]])))
    for name, head, rows in (
        ("Commentary", ["Indicator", "Period", "Commentary"], commentary),
        ("Actions", ["ID", "Plan", "Priority", "Description", "Owner", "Due", "Status"], actions),
        (
            "Risks",
            [
                "Plan",
                "Code",
                "Kind",
                "Risk",
                "Mitigation",
                "Owner",
                "Likelihood",
                "Impact",
                "Status",
                "Review",
                "Priorities",
            ],
            risks,
        ),
    ):
        if rows:
            sheet = book.create_sheet(name)
            sheet.append(head)
            for row in rows:
                sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def words(store):
    return {t: v for t, v in fingerprint(store).items() if t in WORDS}


def test_undo_puts_commentary_actions_and_risks_back_exactly(demo_store):
    record_commentary(
        demo_store, "GAP-FSM-KS4", "academic_year:2011-09-01:2012-08-31", "Written on screen.", user="olivia"
    )
    before = words(demo_store)
    data = a_return(
        commentary=[
            ("KS2-L4-EM", "2013", "Just short of 81%: writing moderation changed."),
            ("GAP-FSM-KS4", "2012", "Replaced by the return."),
        ],
        actions=[
            (
                None,
                PLAN,
                "P2",
                "Writing moderation training for Year 6 teachers",
                "Moderation Manager",
                "Mar 2014",
                "in progress",
            ),
            (1, PLAN, None, "Develop a CPD programme", "Head of CPD", "Jul 2014", "complete"),
        ],
        risks=[
            (
                PLAN,
                "R1",
                "Risk",
                "Impact of the new Ofsted inspection schedule",
                "Briefings",
                "Director",
                5,
                5,
                "open",
                "31/03/2014",
                "P4",
            ),
            (PLAN, "S9", "Risk", "A new risk from the return", None, "Director", 2, 3, "open", None, "P2"),
        ],
    )
    result = load_return(demo_store, data, "q1.xlsx", user="olivia")
    assert result.ok and result.upload_id, result.problems
    assert words(demo_store) != before

    plan = plan_undo(demo_store, result.upload_id)
    assert "removes 1 value, 1 commentary, 1 action and 1 risk it added" in plan.summary()
    assert "puts back 1 commentary, 1 action and 1 risk it changed as they were" in plan.summary()
    undo_upload(demo_store, result.upload_id, user="olivia", expected_version=plan.data_version)
    assert words(demo_store) == before  # every row, link and score as it was
    assert "1 value, 1 commentary, 1 action and 1 risk it added removed" in plan.done()
    detail = audit.read(demo_store, action="undo").iloc[0]["detail"]
    assert "1 commentary, 1 action and 1 risk" in detail and audit.verify(demo_store).ok


def test_what_was_changed_since_is_kept_and_named(demo_store):
    data = a_return(commentary=[("KS2-L4-EM", "2013", "From the return."), ("GAP-FSM-KS4", "2012", "Also.")])
    result = load_return(demo_store, data, "q1.xlsx", user="olivia")
    period = demo_store.scalar("SELECT period_key FROM commentary WHERE indicator_code = 'KS2-L4-EM'")
    record_commentary(demo_store, "KS2-L4-EM", period, "Corrected on screen after the upload.", user="dana")
    plan = plan_undo(demo_store, result.upload_id)
    assert "removes 1 value and 1 commentary it added" in plan.summary()
    assert any("Kept as they are now" in c and "commentary on KS2-L4-EM 2013" in c for c in plan.notes())
    undo_upload(demo_store, result.upload_id, user="olivia", expected_version=plan.data_version)
    held = demo_store.query("board_commentary")
    assert list(held["text"]) == ["Corrected on screen after the upload."]
    assert "commentary on KS2-L4-EM" in audit.read(demo_store, action="undo").iloc[0]["detail"]


def test_a_return_of_commentary_alone_is_undone_too(demo_store):
    before = words(demo_store)
    data = a_return(commentary=[("GAP-FSM-KS4", "2012", "Gap still above target.")])
    book = load_workbook(io.BytesIO(data))
    del book["Data"]
    out = io.BytesIO()
    book.save(out)
    result = load_return(demo_store, out.getvalue(), "notes.xlsx", user="olivia")
    assert result.ok and result.upload_id, result.problems
    undo_upload(demo_store, result.upload_id, user="olivia")
    assert words(demo_store) == before
