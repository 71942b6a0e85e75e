"""The return template: pre-filled from the store, protected, validated; loads back unchanged in structure."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kpi.commands import main
from kpi.returns import TemplateError, build_template, load_return
from kpi.returns.template import DATA_COLUMNS


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_untouched_template_loads_and_changes_nothing(store):
    version = store.data_version()
    result = load_return(store, build_template(store), "template.xlsx", user="officer")
    assert result.ok, [str(p) for p in result.problems]
    assert result.changes.parsed.layout == "template"
    assert not result.changes.has_changes and result.upload_id is None
    assert result.changes.unchanged_count > 0  # the pre-filled targets were read and compared
    assert not result.changes.parsed.warnings
    assert store.data_version() == version


def test_filled_in_template_loads_without_changing_its_structure(store):
    book = _book(build_template(store, priority="P3"))
    data = book["Data"]
    header = [c.value for c in data[1]]
    assert header == DATA_COLUMNS
    col = {name: i for i, name in enumerate(header, start=1)}
    rows = {data.cell(r, col["Measure"]).value: r for r in range(2, data.max_row + 1)}
    assert data.cell(rows["actual"], col["Indicator"]).value == "KS4-5AC-EM"
    assert data.cell(rows["actual"], col["Last value"]).value == 60.5
    assert data.cell(rows["target"], col["Value"]).value == 64  # existing target, pre-filled
    data.cell(rows["actual"], col["Value"], 61.2)
    data.cell(rows["actual"], col["Status"], "provisional")
    data.cell(rows["target"], col["Value"], 65)
    out = io.BytesIO()
    book.save(out)
    result = load_return(store, out.getvalue(), "filled.xlsx", user="officer")
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.changes.new) == 1 and len(result.changes.changed) == 1
    stored = (
        store.cursor()
        .execute(
            "SELECT measure, value, status FROM observations JOIN periods USING (period_key) "
            "WHERE indicator_code = 'KS4-5AC-EM' AND label = '2013' ORDER BY measure"
        )
        .fetchall()
    )
    assert stored == [("actual", 61.2, "provisional"), ("target", 65.0, "final")]
    definitions_changed = result.changes.definitions
    assert definitions_changed == {"new indicators": 0, "changed indicators": 0}


def test_template_has_instructions_validation_dropdown_and_protection(store):
    book = _book(build_template(store))
    assert book.sheetnames == ["Instructions", "Data", "Indicators", "Risks"]
    data = book["Data"]
    assert data.protection.sheet and book["Indicators"].protection.sheet
    assert data["A1"].protection.locked and data["F1"].protection.locked  # headers
    assert not data["F2"].protection.locked and not data["G2"].protection.locked  # Value, Status
    assert data["A2"].protection.locked  # the code
    kinds = {dv.type: dv for dv in data.data_validations.dataValidation}
    assert kinds["list"].formula1 == '"provisional,final"'
    assert "F2" in str(kinds["decimal"].sqref) or any(
        "F2" in str(dv.sqref) for dv in data.data_validations.dataValidation if dv.type == "decimal"
    )
    headers = [c.value for c in book["Indicators"][1]]
    assert headers[:6] == ["Code", "Title", "Priority", "Polarity", "Unit", "Frequency"]


def test_period_option_fills_that_periods_values(store):
    book = _book(build_template(store, priority="P7", period="Mar 13"))
    data = book["Data"]
    rows = [[c.value for c in row] for row in data.iter_rows(min_row=2)]
    good_pri = [r for r in rows if r[0] == "GOOD-PRI"]
    assert {r[3] for r in good_pri} == {"Mar 13"}
    assert [r[5] for r in good_pri if r[4] == "target"] == [64]


def test_unknown_priority_is_refused_plainly(store):
    with pytest.raises(TemplateError, match="not a priority"):
        build_template(store, priority="P99")


def test_cli_template_then_load(store, tmp_path, capsys):
    path = store.path
    store.close()
    out = tmp_path / "return.xlsx"
    assert main(["template", "--db", str(path), "--out", str(out), "--priority", "P2"]) == 0
    assert out.exists()
    assert main(["load", str(out), "--db", str(path)]) == 0
    assert "No changes" in capsys.readouterr().out
    assert main(["template", "--db", str(path), "--out", str(out), "--priority", "nope"]) == 2


def test_template_carries_position_targets_and_each_plans_own_authority(store, tmp_path):
    """Central Bedfordshire's targets are by quartile and held for its area (823), not the home authority's."""
    import io

    from openpyxl import load_workbook

    from kpi.returns import build_template, load_return

    data = build_template(store, period="2018", plan="central-bedfordshire-2015-19")
    book = load_workbook(io.BytesIO(data))
    sheet = next(ws for ws in book.worksheets if ws.title not in ("Instructions", "Indicators"))
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    cb = [r for r in rows if r and r[0] == "CB-KS2-RWM" and "target" in r]
    assert cb and "quartile A" in cb[0]
    result = load_return(store, data, "template.xlsx", user="officer1", dry_run=True)
    assert result.ok and not result.changes.may_change  # untouched, it changes nothing


def test_template_by_plan_never_mixes_two_authorities(store):
    """A return holds one authority's figures: by default the main plan's; any plan on request."""
    definitions = store.query("indicator_definitions")
    area_of = dict(zip(definitions["code"], definitions["area_code"]))

    def codes(data):
        sheet = _book(data)["Data"]
        return {r[0].value for r in sheet.iter_rows(min_row=2) if r[0].value}

    default = codes(build_template(store))
    assert default and {area_of[c] for c in default} == {"886"}  # Kent's, the home authority's
    sandwell = codes(build_template(store, plan="sandwell-laa-2008-11"))
    assert sandwell and {area_of[c] for c in sandwell} == {"333"} and not sandwell & default
    with pytest.raises(TemplateError, match='"nowhere" is not a plan'):
        build_template(store, plan="nowhere")


@pytest.mark.parametrize("period", ["next spring", "Q7 2013-14"])
def test_a_period_the_template_cannot_read_is_refused_before_it_is_made_in_the_same_words(store, period):
    from kpi.returns.template import check_template_period

    with pytest.raises(TemplateError) as made:
        build_template(store, period=period)
    with pytest.raises(TemplateError) as checked:
        check_template_period(store, period=period)
    assert str(checked.value) == str(made.value)
    check_template_period(store, period="2013/14")  # a period it reads passes
    check_template_period(store)
