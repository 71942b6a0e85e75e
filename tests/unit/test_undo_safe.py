"""Undo is safe: it says what it will remove first, asks twice when others stand on the upload, and
never acts on a preview the figures have moved past; the command line asks unless --yes."""

from __future__ import annotations

import io

import pytest

from kpi.commands import main
from kpi.returns import UndoRefused, load_return, plan_undo, undo_upload
from tests.fixtures.build_fixtures import tidy_workbook

ROWS = [
    ("KS4-5AC-EM", 2012, "actual", 61, "final", "revised"),  # changes 60.5
    ("KS4-5AC-EM", 2013, "actual", 62.5, "provisional", None),
]  # new


def _load(store, tmp_path, name, rows, user="olivia"):
    result = load_return(store, tidy_workbook(tmp_path, rows, name=name).read_bytes(), name, user=user)
    assert result.ok and result.upload_id, result.problems
    return result.upload_id


def _actual(store, code, year_key_like):
    return store.scalar(
        "SELECT value FROM observations WHERE indicator_code = ? AND measure = 'actual' AND period_key LIKE ?",
        [code, f"%{year_key_like}%"],
    )


def test_the_plan_counts_what_goes_and_what_comes_back_and_names_the_indicators(store, tmp_path):
    upload = _load(store, tmp_path, "r.xlsx", ROWS)
    plan = plan_undo(store, upload)
    assert (plan.removes, plan.restores) == (1, 1)
    assert len(plan.indicators) == 1 and "5" in plan.indicators[0]  # the indicator's title, not its code
    assert not plan.needs_second_confirmation and plan.cautions() == []
    assert "removes 1 value it added and puts back 1 value it changed" in plan.summary()
    assert "r.xlsx" in plan.summary() and "olivia" in plan.summary()


def test_the_first_full_return_and_one_later_uploads_stand_on_need_a_second_yes(store, tmp_path):
    first = store.scalar("SELECT min(upload_id) FROM uploads")
    plan = plan_undo(store, first)
    assert plan.first_upload and plan.needs_second_confirmation and plan.removes > 50
    assert "first full return" in plan.cautions()[0]

    a = _load(store, tmp_path, "a.xlsx", ROWS)
    b = _load(store, tmp_path, "b.xlsx", [("KS4-5AC-EM", 2014, "actual", 64, None, None)], user="omar")
    plan = plan_undo(store, a)
    assert plan.later_uploads == (b,) and plan.needs_second_confirmation and not plan.blockers
    assert str(b) in plan.cautions()[-1]


def test_an_undo_previewed_before_the_figures_changed_is_refused(store, tmp_path):
    a = _load(store, tmp_path, "a.xlsx", ROWS)
    plan = plan_undo(store, a)
    _load(store, tmp_path, "c.xlsx", [("KS2-L4-EM", 2012, "actual", 70, None, None)])
    with pytest.raises(UndoRefused, match="changed since"):
        undo_upload(store, a, user="olivia", expected_version=plan.data_version)
    assert _actual(store, "KS4-5AC-EM", "2012-08-31") == 61  # nothing was undone
    undo_upload(store, a, user="olivia", expected_version=plan_undo(store, a).data_version)
    assert _actual(store, "KS4-5AC-EM", "2012-08-31") == 60.5


def test_cli_undo_refuses_without_a_terminal_or_yes(store, tmp_path, capsys, monkeypatch):
    a = _load(store, tmp_path, "a.xlsx", ROWS)
    path = store.path
    store.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["undo", str(a), "--db", str(path)]) == 2
    out = capsys.readouterr()
    assert "removes 1 value it added" in out.out and "--yes" in out.err
    assert main(["uploads", "--db", str(path), "--json"]) == 0
    assert '"undone_at": null' in capsys.readouterr().out.split("}")[0]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_cli_undo_asks_and_asks_again_when_later_uploads_stand_on_it(store, tmp_path, capsys, monkeypatch):
    a = _load(store, tmp_path, "a.xlsx", ROWS)
    _load(store, tmp_path, "b.xlsx", [("KS4-5AC-EM", 2014, "actual", 64, None, None)], user="omar")
    path = store.path
    store.close()
    monkeypatch.setattr("sys.stdin", _Terminal("y\nn\n"))  # yes, then no to "anyway?"
    assert main(["undo", str(a), "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Later uploads" in out and "Nothing was undone." in out
    monkeypatch.setattr("sys.stdin", _Terminal("y\ny\n"))
    assert main(["undo", str(a), "--db", str(path), "--user", "olivia"]) == 0
    assert "undone" in capsys.readouterr().out
