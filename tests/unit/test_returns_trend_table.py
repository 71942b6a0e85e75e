"""Seed 001 Section F's trend tables, in every number and period format officers use, load as the demo holds them."""

from __future__ import annotations

import pytest

from kpi.returns import load_return, read_workbook
from kpi.returns.trend_table import clean_title, measure_of
from tests.fixtures.build_fixtures import SEED_TABLES, trend_workbook

SEED_VALUES = 129  # numbers and RAG words in the six tables, with the 5 of the "SM" row


def _load(store, path, **kw):
    return load_return(store, path.read_bytes(), path.name, user="officer", **kw)


@pytest.mark.parametrize(
    "options",
    [
        {"style": "text"},  # "60.5%"
        {"style": "fraction"},  # 0.605 shown as 60.5%
        {"style": "number", "excel_dates": True},  # 60.5, and real dates shown Sep-11
        {"style": "text", "band": False},  # no merged band row above the quarters
    ],
    ids=["text-percent", "percent-format", "numbers-excel-dates", "no-band"],
)
def test_seed_tables_match_the_demo_exactly(store, tmp_path, options):
    result = _load(store, trend_workbook(tmp_path, **options), dry_run=True)
    assert result.ok, [str(p) for p in result.problems]
    changes = result.changes
    assert changes.parsed.layout == "trend_table"
    assert (len(changes.new), len(changes.changed), changes.unchanged_count) == (0, 0, SEED_VALUES)


def test_values_land_in_the_indicators_units(store, tmp_path):
    parsed = read_workbook(trend_workbook(tmp_path, style="fraction", excel_dates=True).read_bytes(), store)
    got = {(o.indicator, o.period.label, o.measure): (o.value, o.text) for o in parsed.observations}
    assert got[("KS4-5AC-EM", "2012", "actual")] == (60.5, None)
    assert got[("KS2-L4-EM", "2012", "sn_average")] == (78.7, None)
    assert got[("GOOD-PRI", "Sep 11", "national")] == (68.8, None)  # comparator after a blank row
    assert got[("GOOD-PRI", "Dec 11", "rag_reported")] == (None, "red")
    assert got[("OFSTED-CAT", "Mar 14", "target")] == (7, None)  # a count is not scaled
    assert all(o.period.type == "quarter" for o in parsed.observations if o.indicator == "GOOD-PRI")


def test_the_sm_row_loads_into_the_special_measures_indicator(store, tmp_path):
    parsed = read_workbook(trend_workbook(tmp_path).read_bytes(), store)
    assert not [w for w in parsed.warnings if '"SM"' in w.message]
    got = {(o.period.label, o.value) for o in parsed.observations if o.indicator == "OFSTED-SM"}
    assert got == {("Mar 10", 9), ("Mar 11", 11), ("Mar 12", 10), ("Jun 12", 13), ("Sep 12", 13)}
    assert all(o.measure == "actual" for o in parsed.observations if o.indicator == "OFSTED-SM")


def test_unrecognised_row_is_a_warning_naming_its_cell(store, tmp_path):
    tables = [
        (t, h, p, [("Comments" if label == "SM" else label, v) for label, v in rows], after)
        for t, h, p, rows, after in SEED_TABLES
    ]
    parsed = read_workbook(trend_workbook(tmp_path, tables=tables).read_bytes(), store)
    row = [w for w in parsed.warnings if '"Comments"' in w.message]
    assert len(row) == 1 and row[0].where.startswith("'Section F'!A")
    assert not any(o.indicator == "OFSTED-SM" for o in parsed.observations)


def test_a_new_figure_is_the_only_change(store, tmp_path):
    def edit(title, label, values):
        if title.startswith("Percentage of pupils achieving 5+") and label == "Actual":
            return values + ["61.2%"]
        return values

    result = _load(store, trend_workbook(tmp_path, edit=edit))
    assert result.ok and result.upload_id
    assert len(result.changes.new) == 1 and len(result.changes.changed) == 0
    row = result.changes.new.iloc[0]
    assert (row.indicator_code, row.measure, row.value) == ("KS4-5AC-EM", "actual", 61.2)


def test_missing_markers_become_missing_values_with_their_text_as_note(store, tmp_path):
    def edit(title, label, values):
        if title.startswith("Percentage of pupils achieving 5+") and label == "Stat. N.":
            return values + ["Not available until Jan 2013"]
        if title.startswith("Percentage of pupils achieving level 4") and label == "Actual":
            return values + ["n/a", "x", "c"]
        return values

    parsed = read_workbook(trend_workbook(tmp_path, edit=edit).read_bytes(), store)
    assert not parsed.problems
    notes = {(o.indicator, o.period.label, o.measure): (o.value, o.note) for o in parsed.observations if o.note}
    assert notes[("KS4-5AC-EM", "2012", "sn_average")] == (None, "Not available until Jan 2013")
    assert notes[("KS2-L4-EM", "2013", "actual")] == (None, "n/a")
    assert notes[("KS2-L4-EM", "2015", "actual")] == (None, "c")


def test_titles_match_by_code_and_ignoring_case_and_spaces(store, tmp_path):
    tables = [
        ("  percentage OF pupils   achieving 5+ GCSE A* to C including English and maths ",) + SEED_TABLES[0][1:],
        ("ks2-l4-em",) + SEED_TABLES[1][1:],
    ]
    result = _load(store, trend_workbook(tmp_path, tables=tables), dry_run=True)
    assert result.ok, [str(p) for p in result.problems]
    assert result.changes.unchanged_count > 30


def test_unknown_title_suggests_the_nearest_indicator(store, tmp_path):
    tables = [("Percentage of pupils achieving 5+ GCSEs including English",) + SEED_TABLES[0][1:]]
    result = _load(store, trend_workbook(tmp_path, tables=tables))
    assert not result.ok
    (problem,) = result.problems
    assert problem.where == "'Section F'!A1"
    assert "not a known indicator" in problem.message and "Did you mean" in problem.message
    assert "KS4-5AC-EM" in problem.message or "5+ GCSEs" in problem.message


def test_bad_cells_are_each_reported_and_nothing_is_written(store, tmp_path):
    version = store.data_version()

    def edit(title, label, values):
        if title.startswith("Percentage of pupils achieving 5+") and label == "Actual":
            return values + ["sixty"]
        if title.startswith("Percentage of pupils achieving level 4") and label == "Target":
            return ["173%"] + values[1:]
        return values

    result = _load(store, trend_workbook(tmp_path, edit=edit))
    messages = {p.where: p.message for p in result.problems}
    assert any('"sixty" is not a number' in m for m in messages.values())
    assert any("outside 0–100" in m for m in messages.values())
    assert all(w.startswith("'Section F'!") and w[-1].isdigit() for w in messages)
    about = {p.message: p.about for p in result.problems}
    target = next(a for m, a in about.items() if "outside 0–100" in m)
    assert target.startswith("KS2-L4-EM ") and target.endswith(" target"), target  # indicator, period, measure
    assert store.data_version() == version


def test_the_same_value_given_twice_differently_is_a_problem(store, tmp_path):
    first = SEED_TABLES[0]
    clash = (first[0], [], first[2], [("Actual", ["50.0%", "52.0%", "56.8%", "59.4%", "61.0%"])], [])
    result = _load(store, trend_workbook(tmp_path, tables=[first, clash]))
    assert any("given twice" in p.message for p in result.problems)


def test_unreadable_period_names_its_cell(store, tmp_path):
    periods = [2008, 2009, "20l0", 2011]
    table = (SEED_TABLES[0][0], [], periods, [("Actual", ["50%", "52%", "56.8%", "59.4%"])], [])
    result = _load(store, trend_workbook(tmp_path, tables=[table]))
    assert [p.where for p in result.problems] == ["'Section F'!D3"]
    assert "not a period" in result.problems[0].message


@pytest.mark.parametrize(
    "label,measure",
    [
        ("Actual", "actual"),
        ("Target", "target"),
        ("RAG Rating", "rag_reported"),
        ("Stat. N.", "sn_average"),
        ("Statistical neighbours", "sn_average"),
        ("Nat. Ave.", "national"),
        ("England", "national"),
        ("National", "national"),
        ("Region", "region"),
        ("Floor", "floor"),
        ("SM", None),
        ("Notes", None),
        ("National curriculum assessments at key stage one", None),
    ],
)
def test_row_labels_match_loosely(label, measure):
    assert measure_of(label) == measure


def test_headline_rating_typed_after_a_title_is_not_part_of_it():
    assert (
        clean_title("Number of schools in Ofsted category (special measures) **RED** ↔")
        == "Number of schools in Ofsted category (special measures)"
    )
