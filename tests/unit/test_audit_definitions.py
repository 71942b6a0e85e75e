"""A target or indicator change made by a return is in the audit log, old -> new."""

import json

from kpi.returns import load_return
from tests.conftest import tidy_workbook


def test_indicator_and_target_changes_are_audited(demo_store):
    data = tidy_workbook(
        [["KS2-L4-EM", "2013", "target", 82]],
        [
            ["KS2-L4-EM", "KS2 level 4+ in English and maths", "P2", "higher", "%", "academic year"],
            ["NEW-1", "A new indicator", "P2", "higher", "%", "annual"],
        ],
    )
    result = load_return(demo_store, data, "targets.xlsx", user="admin1")
    assert result.ok and result.upload_id
    row = (
        demo_store.cursor()
        .execute("SELECT user_name, action, detail FROM audit_log ORDER BY audit_id DESC LIMIT 1")
        .fetchall()[0]
    )
    assert row[:2] == ("admin1", "upload")
    detail = json.loads(row[2])
    assert {
        "indicator": "KS2-L4-EM",
        "period": "academic_year:2012-09-01:2013-08-31",
        "area": "886",
        "measure": "target",
        "old": 81.0,
        "new": 82.0,
    } in detail["changes"]
    assert {"indicator": "NEW-1", "field": "new indicator", "old": None, "new": "A new indicator"} in detail[
        "indicator_changes"
    ]
    assert {
        "indicator": "KS2-L4-EM",
        "field": "title",
        "old": "Pupils achieving level 4+ in English and maths at KS2",
        "new": "KS2 level 4+ in English and maths",
    } in detail["indicator_changes"]
    assert not [c for c in detail["indicator_changes"] if c["field"] == "frequency"]  # unchanged fields are not logged


def test_the_audit_log_reads_in_words_not_json():
    from kpi.audit import describe

    upload = {
        "upload_id": 7,
        "file": "march.xlsx",
        "added": 1,
        "changed": 1,
        "changes": [
            {
                "indicator": "KS2-L4-EM",
                "period": "2013",
                "area": "886",
                "measure": "actual",
                "old": "80.1",
                "new": "81.0",
            }
        ],
        "indicator_changes": [],
        "changes_left_out": 0,
    }
    words = describe(json.dumps(upload))
    assert words == "upload 7, file march.xlsx. 1 added, 1 changed. KS2-L4-EM 2013 actual: 80.1 → 81.0"
    action = {
        "action_id": 3,
        "old": {"owner": None, "status": "open", "due_date": "2013-03-31"},
        "new": {"owner": "Head of Service", "status": "open", "due_date": "2013-07-31"},
    }
    assert describe(action) == ("action 3. owner: blank → Head of Service; due date: 2013-03-31 → 2013-07-31")
    many = {
        "upload_id": 1,
        "changes": [
            {"indicator": f"X{i}", "period": "2013", "measure": "actual", "old": i, "new": i + 1} for i in range(20)
        ],
        "changes_left_out": 480,
    }
    words = describe(many)
    assert "X11 2013 actual: 11 → 12" in words and "X12" not in words and "and 8 more changes" in words
    assert "480 further changes not listed" in words
    assert "{" not in words and "[" not in words
