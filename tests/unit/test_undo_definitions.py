"""Undo removes everything its upload brought, definitions too: an indicator, priority or plan it added goes,
one it changed is put back as it was, and one that something else stands on (or that changed since) stays,
named in the preview."""

from __future__ import annotations

from kpi.returns import load_return, plan_undo, undo_upload
from tests.fixtures.build_fixtures import tidy_workbook

NEW = ["KS2-NEW", "KS2 reading at greater depth", "P-NEW", "higher", "%", "academic year"]


def _load(store, tmp_path, name, rows, indicators=None):
    result = load_return(
        store, tidy_workbook(tmp_path, rows, name=name, indicators=indicators).read_bytes(), name, user="olivia"
    )
    assert result.ok and result.upload_id, result.problems
    return result.upload_id


def _held(store, table, key, code):
    return store.scalar(f"SELECT count(*) FROM {table} WHERE {key} = ?", [code])


def test_an_indicator_and_the_priority_and_plan_it_brought_go_with_the_upload(store, tmp_path):
    plans = store.scalar("SELECT count(*) FROM plans")
    upload = _load(store, tmp_path, "new.xlsx", [("KS2-NEW", 2012, "actual", 20, None, None)], [NEW])
    assert _held(store, "indicators", "code", "KS2-NEW") and _held(store, "priorities", "priority_code", "P-NEW")
    # the demo holds several plans, so a priority named in no plan gets a plan of its own
    assert store.scalar("SELECT count(*) FROM plans") == plans + 1
    plan = plan_undo(store, upload)
    assert plan.items.removes == {"indicator": 1, "priority": 1, "plan": 1} and not plan.items.in_use
    assert "1 indicator definition, 1 priority and 1 plan it added" in plan.summary()
    undo_upload(store, upload, user="olivia")
    assert not _held(store, "indicators", "code", "KS2-NEW")
    assert not _held(store, "priorities", "priority_code", "P-NEW")
    assert store.scalar("SELECT count(*) FROM plans") == plans


def test_a_changed_definition_is_put_back_as_it_was(store, tmp_path):
    row = store.cursor().execute("SELECT * FROM indicators WHERE code = 'KS4-5AC-EM'").df()
    title, priority = row["title"][0], row["priority_code"][0]
    renamed = ["KS4-5AC-EM", "GCSE 5 A*-C with English and maths (renamed)", priority, "higher", "%", "academic year"]
    upload = _load(store, tmp_path, "rename.xlsx", [("KS4-5AC-EM", 2013, "actual", 63, None, None)], [renamed])
    assert store.scalar("SELECT title FROM indicators WHERE code = 'KS4-5AC-EM'") == renamed[1]
    plan = plan_undo(store, upload)
    assert plan.items.restores.get("indicator") == 1
    undo_upload(store, upload, user="olivia")
    after = store.cursor().execute("SELECT * FROM indicators WHERE code = 'KS4-5AC-EM'").df()
    assert after["title"][0] == title
    assert after.astype(str).to_dict("records") == row.astype(str).to_dict("records")  # every column as it was


def test_a_definition_another_upload_has_figures_for_stays_and_is_named(store, tmp_path):
    first = _load(store, tmp_path, "new.xlsx", [("KS2-NEW", 2012, "actual", 20, None, None)], [NEW])
    _load(store, tmp_path, "more.xlsx", [("KS2-NEW", 2013, "actual", 22, None, None)])
    plan = plan_undo(store, first)
    assert "indicator" not in plan.items.removes
    assert any("KS2-NEW" in why for why in plan.items.in_use)
    assert "other figures stand on them" in " ".join(plan.notes())
    assert "priority" not in plan.items.removes and "plan" not in plan.items.removes  # what it stands under stays
    undo_upload(store, first, user="olivia")
    assert _held(store, "indicators", "code", "KS2-NEW") and _held(store, "priorities", "priority_code", "P-NEW")
    assert store.scalar("SELECT count(*) FROM observations WHERE indicator_code = 'KS2-NEW'") == 1


def test_a_definition_changed_since_the_upload_is_kept_as_it_is_now(store, tmp_path):
    upload = _load(store, tmp_path, "new.xlsx", [("KS2-NEW", 2012, "actual", 20, None, None)], [NEW])
    with store.transaction() as cur:
        cur.execute("UPDATE indicators SET title = 'Edited since' WHERE code = 'KS2-NEW'")
    plan = plan_undo(store, upload)
    assert any("indicator definition KS2-NEW" in k for k in plan.items.kept)
    undo_upload(store, upload, user="olivia")
    assert store.scalar("SELECT title FROM indicators WHERE code = 'KS2-NEW'") == "Edited since"
