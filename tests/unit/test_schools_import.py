"""import-schools: files recognised by their columns, one transaction, idempotent, history accumulates; bad input
named by file, row and column with nothing written."""

from __future__ import annotations

import json

import pytest

from kpi.commands import main
from kpi.schools.files import SchoolFile, SchoolImportError
from kpi.schools.importer import import_schools
from kpi.store import Store
from tests.unit.schools_files import csv_bytes, history, ks2, ofsted, ofsted_row, spine

OFSTED_NAME = "State-funded_schools_inspections_and_outcomes_as_at_31_August_2025.csv"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "kpi.duckdb")
    yield s
    s.close()


def refused(store, files) -> str:
    version = store.data_version()
    with pytest.raises(SchoolImportError) as caught:
        import_schools(store, files)
    assert store.scalar("SELECT count(*) FROM schools") == 0
    assert store.scalar("SELECT count(*) FROM school_inspections") == 0
    assert store.scalar("SELECT count(*) FROM school_imports") == 0
    assert store.data_version() == version
    return "\n".join(caught.value.problems)


def test_a_file_of_no_known_shape_names_the_columns_expected(store):
    text = refused(store, [SchoolFile("returns.csv", csv_bytes(["Code", "Value"], [["A", "1"]]))])
    assert "returns.csv" in text and "none of the school files" in text
    assert "URN, LAESTAB, School name" in text and "URN, Rating, Inspection Date" in text and "KS2 Pupils" in text


def test_a_malformed_urn_names_file_row_and_column(store):
    rows = [ofsted_row("100001"), ofsted_row("10O002", laestab="8862002")]
    text = refused(store, [SchoolFile(OFSTED_NAME, ofsted(rows))])
    assert f'{OFSTED_NAME} row 3, column URN: "10O002" is not a URN' in text


def test_a_malformed_date_names_file_row_and_column(store):
    text = refused(
        store, [SchoolFile("history.csv", history([["100001", "Good", "20150101"], ["100002", "Good", "31/31/2015"]]))]
    )
    assert 'history.csv row 3, column Inspection Date: "31/31/2015" is not a date' in text


def test_a_duplicate_urn_is_refused(store):
    text = refused(store, [SchoolFile(OFSTED_NAME, ofsted([ofsted_row("100001"), ofsted_row("100001")]))])
    assert f"{OFSTED_NAME} row 3, column URN" in text and "already given in row 2" in text


def test_an_la_the_store_does_not_know_is_refused(store):
    text = refused(store, [SchoolFile(OFSTED_NAME, ofsted([ofsted_row("100001", laestab="9992001")]))])
    assert f'{OFSTED_NAME} row 2, column LAESTAB: "999" is not an English local authority' in text


def test_an_inspection_of_a_closed_school_is_refused(store):
    reg = [
        [
            "100005",
            "886",
            "8862005",
            "Elm School",
            "Maintained School",
            "Community school",
            "",
            "31/08/2016",
            "1",
            "0",
            "",
        ]
    ]
    text = refused(
        store,
        [
            SchoolFile("england_spine_2017-18.csv", spine(reg)),
            SchoolFile("history.csv", history([["100005", "Good", "20170301"]])),
        ],
    )
    assert 'history.csv row 2, column Inspection Date: "20170301" is after the school closed (31/08/2016)' in text


@pytest.mark.parametrize("grade", ["5", "0", "Excellent"])
def test_a_grade_outside_1_to_4_is_refused(store, grade):
    text = refused(store, [SchoolFile(OFSTED_NAME, ofsted([ofsted_row("100001", oe=grade)]))])
    assert f'{OFSTED_NAME} row 2, column Overall effectiveness: "{grade}" is not an Ofsted grade' in text


def test_one_bad_file_stops_the_whole_import(store):
    refused(
        store,
        [
            SchoolFile(OFSTED_NAME, ofsted([ofsted_row("100001")])),
            SchoolFile("history.csv", history([["1", "Good", "20150101"]])),
        ],
    )


def test_blank_rows_and_suppressed_results_are_kept_on_purpose(store):
    data = ks2(
        [
            ["100001", "30", "1.2", "-0.5", "0.3", "64%", "2018"],
            ["100002", "SUPP", "", "", "", "SUPP", "2018"],
            ["", "", "", "", "", "", ""],
        ]
    )
    import_schools(store, [SchoolFile("ks2_2018.csv", data)])
    assert store.query("school_import_hashes").shape[0] == 1
    got = dict(store.cursor().execute("SELECT urn, rwm_expected FROM school_results").fetchall())
    assert got == {100001: 64.0, 100002: None}


def test_the_same_file_twice_changes_nothing(store):
    file = SchoolFile(OFSTED_NAME, ofsted([ofsted_row("100001")]))
    first = import_schools(store, [file])
    version = store.data_version()
    again = import_schools(store, [SchoolFile(OFSTED_NAME, file.data)])
    assert first["schools_new"] == 1 and again["files"][0]["new"] is False
    assert store.data_version() == version


def test_a_newer_ofsted_file_adds_its_inspections_so_history_accumulates(store):
    older = ofsted([ofsted_row("100001", oe="3", start="01/03/2019", published="05/04/2019")])
    newer = ofsted(
        [
            ofsted_row(
                "100001",
                oe="2",
                start="01/03/2023",
                published="05/04/2023",
                prev_oe="3",
                prev_start="01/03/2019",
                prev_published="05/04/2019",
            )
        ]
    )
    import_schools(store, [SchoolFile("outcomes_as_at_31_August_2020.csv", older)])
    summary = import_schools(store, [SchoolFile(OFSTED_NAME, newer)])
    assert summary["inspections_new"] == 1
    events = store.cursor().execute("SELECT start_date, overall FROM school_inspections ORDER BY 1").fetchall()
    assert [g for _, g in events] == [3, 2]


def test_import_writes_provenance_and_an_audit_row(store):
    import_schools(store, [SchoolFile(OFSTED_NAME, ofsted([ofsted_row("100001")]))], user="officer")
    row = (
        store.cursor()
        .execute("SELECT file_name, kind, CAST(edition AS VARCHAR), rows_read, user_name FROM school_imports")
        .fetchall()
    )
    assert row == [(OFSTED_NAME, "ofsted_outcomes", "2025-08-31", 1, "officer")]
    audit = store.cursor().execute("SELECT user_name, action, detail FROM audit_log").fetchall()
    assert audit[0][:2] == ("officer", "import-schools") and OFSTED_NAME in audit[0][2]


def test_command_line_import_and_figures(tmp_path, capsys):
    db = str(tmp_path / "cli.duckdb")
    (tmp_path / OFSTED_NAME).write_bytes(
        ofsted([ofsted_row("100001"), ofsted_row("100002", laestab="8862002", oe="3", category="")])
    )
    assert main(["import-schools", str(tmp_path / OFSTED_NAME), "--db", db, "--user", "cli"]) == 0
    assert "Imported 1 file" in capsys.readouterr().out
    assert main(["import-schools", str(tmp_path / OFSTED_NAME), "--db", db]) == 0
    assert "No changes" in capsys.readouterr().out
    assert (
        main(["school-figures", "--db", db, "--measure", "good_or_outstanding", "--as-at", "2024-01-01", "--json"]) == 0
    )
    rows = json.loads(capsys.readouterr().out)
    kent = next(r for r in rows if r["area"] == "886")
    assert set(kent) == {"area", "name", "value", "numerator", "denominator"}
    assert (kent["name"], kent["value"], kent["numerator"], kent["denominator"]) == ("Kent", 50, 1, 2)
    assert {r["area"] for r in rows} >= {"886", "989", "970"}
    assert (
        main(
            [
                "schools",
                "--db",
                db,
                "--la",
                "886",
                "--as-at",
                "2024-01-01",
                "--measure",
                "good_or_outstanding",
                "--json",
            ]
        )
        == 0
    )
    schools = json.loads(capsys.readouterr().out)
    assert set(schools[0]) == {"urn", "name", "phase", "type", "grade", "inspected", "published", "category", "counted"}
    assert {s["urn"]: s["counted"] for s in schools} == {100001: True, 100002: False}
    assert main(["school-figures", "--db", db, "--measure", "good_or_best", "--as-at", "2024-01-01"]) == 2
    assert "good_or_outstanding" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_bytes(history([["100001", "Good", "2015"]]))
    assert main(["import-schools", str(bad), "--db", db]) == 2
    assert 'bad.csv row 2, column Inspection Date: "2015" is not a date' in capsys.readouterr().out


def test_a_row_with_text_only_outside_the_columns_used_is_refused_not_dropped(store):
    """Blank rows are dropped; a note typed in a column the import does not read is not blank."""
    rows = [["100001", "Good", "20150101", ""], ["", "", "", ""], ["", "", "", "Source: Ofsted"]]
    text = refused(store, [SchoolFile("history.csv", csv_bytes(["URN", "Rating", "Inspection Date", "Notes"], rows))])
    assert text.splitlines() == ["history.csv row 4, column URN: (blank) has no URN: every row needs the school's URN."]


def test_a_workbook_names_the_rows_a_person_sees_and_drops_blank_rows(store):
    import io

    from openpyxl import Workbook

    from tests.unit.schools_files import SPINE_HEADER

    def workbook(rows) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.append(["School information, 2017/18"])  # a title above the header, as DfE's files have
        sheet.append(SPINE_HEADER)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    good = ["100005", "886", "8862005", "Elm School", "Maintained School", "Community school", "", "", "1", "0", ""]
    blank = [None] * len(SPINE_HEADER)
    bad = ["10x005"] + good[1:]
    text = refused(store, [SchoolFile("england_spine_2017-18.xlsx", workbook([good, blank, bad]))])
    assert 'england_spine_2017-18.xlsx row 5, column URN: "10x005" is not a URN' in text
    summary = import_schools(store, [SchoolFile("england_spine_2017-18.xlsx", workbook([good, blank]))])
    assert summary["schools_new"] == 1


def test_a_row_with_text_only_in_columns_the_import_does_not_use_is_refused_not_dropped(store):
    header = ["URN", "Rating", "Inspection Date", "Notes"]
    rows = [["100001", "Good", "20150101", ""], ["   ", "", "", "see the paper file"], ["", "", "", ""]]
    text = refused(store, [SchoolFile("history.csv", csv_bytes(header, rows))])
    assert "history.csv row 3" in text and "URN" in text  # the row with only a note; the blank row 4 is not named
    assert "row 4" not in text
