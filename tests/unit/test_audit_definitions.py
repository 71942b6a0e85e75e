"""A target or indicator change made by a return is in the audit log, old -> new."""
import json

from kpi.returns import load_return
from tests.conftest import tidy_workbook


def test_indicator_and_target_changes_are_audited(demo_store):
    data = tidy_workbook([["KS2-L4-EM", "2013", "target", 82]],
                         [["KS2-L4-EM", "KS2 level 4+ in English and maths", "P2", "higher", "%",
                           "academic year"], ["NEW-1", "A new indicator", "P2", "higher", "%", "annual"]])
    result = load_return(demo_store, data, "targets.xlsx", user="admin1")
    assert result.ok and result.upload_id
    row = demo_store.cursor().execute("SELECT user_name, action, detail FROM audit_log ORDER BY audit_id DESC LIMIT 1").fetchall()[0]
    assert row[:2] == ("admin1", "upload")
    detail = json.loads(row[2])
    assert {"indicator": "KS2-L4-EM", "period": "academic_year:2012-09-01:2013-08-31", "area": "886",
            "measure": "target", "old": 81.0, "new": 82.0} in detail["changes"]
    assert {"indicator": "NEW-1", "field": "new indicator", "old": None, "new": "A new indicator"} in detail["indicator_changes"]
    assert {"indicator": "KS2-L4-EM", "field": "title", "old": "Pupils achieving level 4+ in English and maths at KS2",
            "new": "KS2 level 4+ in English and maths"} in detail["indicator_changes"]
    assert not [c for c in detail["indicator_changes"] if c["field"] == "frequency"]  # unchanged fields are not logged
