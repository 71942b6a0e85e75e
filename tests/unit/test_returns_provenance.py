"""Provenance and undo: every upload is listed, undo restores exactly, the same file twice changes nothing."""

from __future__ import annotations

import json

import pytest

from kpi.commands import main
from kpi.returns import UndoRefused, load_return, undo_upload
from tests.fixtures.build_fixtures import tidy_workbook


def _observations(store):
    return store.cursor().execute("SELECT * FROM observations ORDER BY ALL").fetchall()


def _return(tmp_path, name, rows):
    return tidy_workbook(tmp_path, rows, name=name).read_bytes()


ROWS = [
    ("KS4-5AC-EM", 2012, "actual", 61, "final", "revised"),  # changes 60.5 and its note
    ("KS4-5AC-EM", 2013, "actual", 62.5, "provisional", None),  # new
    ("KS2-L4-EM", 2012, "actual", 77.5, None, None),
]  # unchanged


def test_undo_restores_exactly_the_values_it_replaced(store, tmp_path):
    before = _observations(store)
    result = load_return(store, _return(tmp_path, "r.xlsx", ROWS), "r.xlsx", user="olivia")
    assert result.ok and result.upload_id
    assert (len(result.changes.new), len(result.changes.changed), result.changes.unchanged_count) == (1, 1, 1)
    assert _observations(store) != before
    undo_upload(store, result.upload_id, user="olivia")
    assert _observations(store) == before


def test_uploading_the_same_file_again_changes_nothing(store, tmp_path):
    data = _return(tmp_path, "r.xlsx", ROWS)
    first = load_return(store, data, "r.xlsx", user="olivia")
    version, after = store.data_version(), _observations(store)
    again = load_return(store, data, "r.xlsx", user="olivia")
    assert again.ok and again.upload_id is None and not again.changes.has_changes
    assert again.changes.unchanged_count == 3
    assert store.data_version() == version and _observations(store) == after
    assert store.scalar("SELECT count(*) FROM uploads") == 2 and first.upload_id == 2


def test_undo_refused_while_a_later_upload_changed_the_same_values(store, tmp_path):
    first = load_return(store, _return(tmp_path, "a.xlsx", ROWS), "a.xlsx", user="olivia")
    later = [("KS4-5AC-EM", 2013, "actual", 63, None, None)]
    second = load_return(store, _return(tmp_path, "b.xlsx", later), "b.xlsx", user="omar")
    with pytest.raises(UndoRefused, match=str(second.upload_id)):
        undo_upload(store, first.upload_id, user="olivia")
    undo_upload(store, second.upload_id, user="omar")
    undo_upload(store, first.upload_id, user="olivia")


def test_cli_uploads_and_undo(store, tmp_path, capsys):
    data = _return(tmp_path, "r.xlsx", ROWS)
    path = store.path
    store.close()
    (tmp_path / "r.xlsx").write_bytes(data)
    assert main(["load", str(tmp_path / "r.xlsx"), "--db", str(path), "--user", "olivia"]) == 0
    capsys.readouterr()
    assert main(["uploads", "--db", str(path), "--json"]) == 0
    uploads = json.loads(capsys.readouterr().out)
    latest = uploads[0]
    assert {"id", "user", "file", "loaded_at", "added", "changed"} <= set(latest)
    assert (latest["user"], latest["file"], latest["added"], latest["changed"]) == ("olivia", "r.xlsx", 1, 1)
    assert main(["undo", str(latest["id"]), "--db", str(path), "--user", "olivia", "--yes"]) == 0
    assert main(["undo", str(latest["id"]), "--db", str(path), "--yes"]) == 2
    assert "already been undone" in capsys.readouterr().err
    assert main(["undo", "999", "--db", str(path)]) == 2
    assert main(["uploads", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["undone_by"] == "olivia"


def test_comparing_never_alters_the_read_return_and_a_stale_change_set_is_not_written(store, tmp_path):
    from kpi.returns import PreviewOutdated, apply_changes, plan_changes, read_workbook

    indicators = [("KS2-L4-EM", "Level 4+ in reading, writing and maths", "P1", "higher", "%", "academic year")]
    data = tidy_workbook(
        tmp_path, [("KS2-L4-EM", 2013, "actual", 80, None, None)], name="d.xlsx", indicators=indicators
    ).read_bytes()
    parsed = read_workbook(data, store)
    before = [vars(i).copy() for i in parsed.indicators]
    changes = plan_changes(store, parsed)
    assert [vars(i) for i in parsed.indicators] == before  # the stored fields went into a copy
    assert before[0]["floor"] is None and changes.indicators[0].floor == 72  # the stored floor is kept
    assert changes.indicators[0].plan == "kent-2013-14"
    load_return(
        store,
        _return(tmp_path, "other.xlsx", [("KS2-L4-EM", 2013, "actual", 79, None, None)]),
        "other.xlsx",
        user="omar",
    )
    with pytest.raises(PreviewOutdated):
        apply_changes(store, changes, user="olivia", file_name="d.xlsx", sha256="x")
    assert store.scalar("SELECT count(*) FROM uploads WHERE file_name = 'd.xlsx'") == 0
