"""Codes that cannot be told apart are refused, and the template writes stored text as text."""

import io
import zipfile

from openpyxl import load_workbook

from kpi.returns import build_template, load_return
from tests.conftest import tidy_workbook

IND = ["CC-1", "Clash one", "P1", "higher", "%", "annual"]


def test_a_code_defined_twice_in_one_return_is_refused(demo_store):
    data = tidy_workbook(
        [["CC-1", "2013", "actual", 50]], [IND, ["CC-1", "Clash again", "P1", "higher", "count", "annual"]]
    )
    result = load_return(demo_store, data, "r.xlsx", user="o")
    assert not result.ok
    assert any(
        p.where == "Indicators!A3" and "defined twice" in p.message and "Indicators!A2" in p.message
        for p in result.problems
    )
    assert demo_store.scalar("SELECT count(*) FROM indicators WHERE code = 'CC-1'") == 0


def test_codes_differing_only_in_case_or_punctuation_are_refused(demo_store):
    twice = tidy_workbook([["CC-1", "2013", "actual", 50]], [IND, ["cc 1", "Other", "P1", "higher", "%", "annual"]])
    assert any("defined twice" in p.message for p in load_return(demo_store, twice, "r.xlsx", user="o").problems)
    stored = tidy_workbook(
        [["ks2 l4 em", "2013", "actual", 50]], [["ks2 l4 em", "Same?", "P1", "higher", "%", "annual"]]
    )
    result = load_return(demo_store, stored, "r.xlsx", user="o")
    assert not result.ok
    problem = result.problems[0]
    assert problem.where == "Indicators!A2" and "KS2-L4-EM" in problem.message and "only in case" in problem.message
    assert demo_store.scalar("SELECT count(*) FROM indicators WHERE code = 'ks2 l4 em'") == 0


def test_the_template_writes_stored_text_as_text_and_loads_back(demo_store):
    with demo_store.transaction() as cur:
        cur.execute("UPDATE indicators SET title = '=HYPERLINK(\"http://x\",\"click\")' WHERE code = 'KS2-L4-EM'")
    data = build_template(demo_store)
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == '=HYPERLINK("http://x","click")' and c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist())
    result = load_return(demo_store, data, "template.xlsx", user="o", dry_run=True)
    assert result.ok, result.problems[:3]
