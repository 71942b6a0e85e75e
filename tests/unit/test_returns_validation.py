"""Validation before anything is written: every problem names its Sheet!Cell and says how to fix it."""

from __future__ import annotations

import pytest

from kpi.commands import main
from kpi.returns import load_return
from kpi.store import Store
from tests.fixtures.build_fixtures import formula_with_result, formula_without_result, tidy_workbook

GOOD_INDICATOR = ("NEW-1", "A new indicator", "P1", "higher", "%", "annual")


def _problems(store, path):
    version = store.data_version()
    result = load_return(store, path.read_bytes(), path.name, user="officer")
    assert store.data_version() == version, "a return with problems must write nothing"
    assert not result.ok and result.upload_id is None
    return result.problems


def test_text_where_a_number_belongs(store, tmp_path):
    (p,) = _problems(store, tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", "seventy")]))
    assert p.where == "Data!D2" and '"seventy" is not a number' in p.message and p.fix
    # beside the cell, the figure it is for, so the officer need not look the cell up
    assert p.about == "KS4-5AC-EM 2013 actual" and str(p).startswith("Data!D2 (KS4-5AC-EM 2013 actual): ")


def test_percentage_outside_0_to_100(store, tmp_path):
    (p,) = _problems(store, tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", 160.5)]))
    assert p.where == "Data!D2" and "outside 0–100" in p.message


def test_percent_formatted_fraction_over_one_is_out_of_range(store, tmp_path):
    path = tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", 1.25)], formats={"D2": "0.0%"})
    (p,) = _problems(store, path)
    assert "125% is outside 0–100" in p.message


def test_unknown_indicator_suggests_the_nearest(store, tmp_path):
    (p,) = _problems(store, tidy_workbook(tmp_path, [("KS4-5AC-EN", 2013, "actual", 61)]))
    assert p.where == "Data!A2" and 'Did you mean "KS4-5AC-EM"' in p.message


@pytest.mark.parametrize(
    "column,value,expected",
    [
        (3, None, "has no polarity"),
        (3, "sideways", "is not a polarity"),
        (4, None, "has no unit"),
        (4, "furlongs", "is not a unit"),
    ],
)
def test_missing_or_unknown_polarity_or_unit(store, tmp_path, column, value, expected):
    indicator = list(GOOD_INDICATOR)
    indicator[column] = value
    path = tidy_workbook(tmp_path, [("NEW-1", 2013, "actual", 5)], indicators=[indicator])
    problems = _problems(store, path)
    assert any(expected in p.message and p.where == f"Indicators!{'ABCDEF'[column]}2" for p in problems), problems


def test_unreadable_period(store, tmp_path):
    (p,) = _problems(store, tidy_workbook(tmp_path, [("KS4-5AC-EM", "Summer-ish", "actual", 61)]))
    assert p.where == "Data!B2" and "not a period" in p.message


def test_two_different_values_for_the_same_indicator_period_and_measure(store, tmp_path):
    rows = [("KS4-5AC-EM", 2013, "actual", 61), ("KS4-5AC-EM", "2013", "actual", 62)]
    (p,) = _problems(store, tidy_workbook(tmp_path, rows))
    assert p.where == "Data!D3" and "given twice" in p.message and "Data!D2" in p.message


def test_the_same_value_twice_is_fine(store, tmp_path):
    rows = [("KS4-5AC-EM", 2013, "actual", 61), ("KS4-5AC-EM", "2013", "actual", 61)]
    path = tidy_workbook(tmp_path, rows)
    assert load_return(store, path.read_bytes(), path.name, user="o").ok


def test_formula_without_a_saved_result(store, tmp_path):
    (p,) = _problems(store, formula_without_result(tmp_path))
    assert p.where == "Data!D2" and "formula" in p.message and "open the file in excel and save it" in p.fix.lower()


def test_formula_with_a_saved_result_is_read(store, tmp_path):
    path = formula_with_result(tmp_path)
    result = load_return(store, path.read_bytes(), path.name, user="o", dry_run=True)
    assert result.ok and result.changes.new.iloc[0].value == 61.5


def test_cli_exits_2_and_prints_one_line_per_problem(store, tmp_path, capsys):
    path = tidy_workbook(tmp_path, [("KS4-5AC-EM", 2013, "actual", "seventy"), ("NOPE", 2013, "actual", 1)])
    db = store.path
    store.close()
    assert main(["load", str(path), "--db", str(db)]) == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["Data!D2 (KS4-5AC-EM 2013 actual)", "Data!A3"]


def test_dry_run_previews_new_changed_unchanged_and_warnings(store, tmp_path, capsys):
    rows = [
        ("KS4-5AC-EM", 2013, "actual", 61),
        ("KS4-5AC-EM", 2012, "actual", 60.6),
        ("KS2-L4-EM", 2012, "actual", 77.5),
        (None, 2012, "actual", 1),
    ]
    path = tidy_workbook(tmp_path, rows)
    db = store.path
    store.close()
    assert main(["load", str(path), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "new      Data!D2: KS4-5AC-EM 2013 actual = 61" in out
    assert "changed  Data!D3: KS4-5AC-EM 2012 actual: 60.5 -> 60.6" in out
    assert "unchanged 1 values" in out and "warning  Data!A5" in out
    assert "Nothing was written" in out
    assert (
        Store(db).scalar(
            "SELECT value FROM observations JOIN periods USING (period_key) "
            "WHERE indicator_code = 'KS4-5AC-EM' AND measure = 'actual' AND label = '2012'"
        )
        == 60.5
    )
