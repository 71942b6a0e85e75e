"""Exports: text that Excel would run as a formula is neutralised; real numbers, negative ones too, stay numbers."""

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from kpi.exports import csv_bytes, safe_value, xlsx_bytes

HOSTILE = [
    '=HYPERLINK("http://evil","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\x01=cmd|' /C calc'!A0",
]
FRAME = pd.DataFrame(
    {
        "text": HOSTILE + ["plain", "a = b"],
        "value": [-5.5, -1, 0, 2, 3.25, -0.0, 7, 1e-9, None],
        "count": [-3, 1, 2, 3, 4, 5, 6, 7, 8],
    }
)


def test_formula_like_text_gets_an_apostrophe_and_other_values_do_not():
    assert [safe_value(t) for t in HOSTILE] == ["'" + t for t in HOSTILE[:6]] + ["'=cmd|' /C calc'!A0"]
    assert safe_value("plain") == "plain" and safe_value("a = b") == "a = b"
    assert safe_value(-5.5) == -5.5 and safe_value(-3) == -3 and safe_value(None) is None
    assert safe_value(float("nan")) is None
    assert safe_value({"old": "=1"}) == '{"old": "=1"}'


def test_xlsx_has_no_formulas_and_negative_numbers_stay_numbers():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(FRAME, "Data")))["Data"]
    rows = list(sheet.iter_rows(min_row=2, values_only=False))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert [r[0].value for r in rows][:6] == ["'" + t for t in HOSTILE[:6]]
    assert rows[6][0].value == "'=cmd|' /C calc'!A0"
    assert [r[1].value for r in rows][:5] == [-5.5, -1, 0, 2, 3.25]
    assert all(r[1].data_type == "n" for r in rows[:8]) and rows[8][1].value is None
    assert [r[2].value for r in rows][:2] == [-3, 1] and rows[0][2].data_type == "n"


def test_csv_neutralises_text_and_writes_negative_numbers_bare():
    text = csv_bytes(FRAME).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["text", "value", "count"]
    assert [r[0] for r in rows[1:7]] == ["'" + t for t in HOSTILE[:6]]
    assert [r[1] for r in rows[1:3]] == ["-5.5", "-1.0"] and rows[1][2] == "-3"
    assert "\n-5.5" not in text and ",-5.5," in text  # a number field, not quoted text


def test_headers_and_object_columns_mixing_numbers_and_text():
    frame = pd.DataFrame({"=bad header": [-4, "=2*3", "-x"]}, dtype=object)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    assert sheet["A1"].value == "'=bad header"
    assert sheet["A2"].value == -4 and sheet["A2"].data_type == "n"
    assert sheet["A3"].value == "'=2*3" and sheet["A4"].value == "'-x"
