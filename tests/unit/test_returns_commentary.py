"""Commentary and actions travel in a return's own sheets and are written with its figures, in one transaction."""

import io

from openpyxl import load_workbook

from kpi.commentary import actions_frame, commentary_frame
from kpi.returns import load_return
from tests.conftest import tidy_workbook


def with_sheets(data: bytes, commentary=(), actions=()) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book.create_sheet("Commentary")
    sheet.append(["Indicator", "Period", "Commentary"])
    for row in commentary:
        sheet.append(row)
    if actions:
        sheet = book.create_sheet("Actions")
        sheet.append(["Plan", "Priority", "Description", "Owner", "Due", "Status"])
        for row in actions:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_commentary_and_actions_load_with_the_figures(demo_store):
    before = len(actions_frame(demo_store))
    data = with_sheets(
        tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]),
        commentary=[["KS2-L4-EM", "2013", "Just short of 81%: writing moderation changed."]],
        actions=[
            [
                "kent-2013-14",
                "P2",
                "Writing moderation training for Year 6 teachers",
                "Moderation Manager",
                "Mar 2014",
                "in progress",
            ]
        ],
    )
    result = load_return(demo_store, data, "q1.xlsx", user="officer1")
    assert result.ok, [str(p) for p in result.problems]
    assert result.upload_id
    held = commentary_frame(demo_store)
    assert list(held["text"]) == ["Just short of 81%: writing moderation changed."]
    assert len(actions_frame(demo_store)) == before + 1
    # the same file again changes nothing and records no upload
    version = demo_store.data_version()
    again = load_return(demo_store, data, "q1.xlsx", user="officer1")
    assert again.ok and again.upload_id is None and demo_store.data_version() == version


def test_commentary_alone_is_a_change(demo_store):
    data = with_sheets(tidy_workbook([]), commentary=[["GAP-FSM-KS4", "2012", "Gap still above target."]])
    result = load_return(demo_store, data, "notes.xlsx", user="officer1")
    assert result.ok and result.upload_id
    assert list(commentary_frame(demo_store)["text"]) == ["Gap still above target."]


def test_bad_commentary_row_stops_the_whole_return(demo_store):
    version = demo_store.data_version()
    data = with_sheets(
        tidy_workbook([["KS2-L4-EM", "2013", "actual", 80.1]]), commentary=[["NOT-AN-INDICATOR", "2013", "x"]]
    )
    result = load_return(demo_store, data, "bad.xlsx", user="officer1")
    assert not result.ok
    assert result.problems[0].where.startswith("Commentary!A2")
    assert demo_store.data_version() == version
