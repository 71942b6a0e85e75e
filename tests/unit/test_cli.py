"""The command line's public interface: names, flags, exit codes and JSON keys."""

import json
import subprocess
import sys

from kpi.commands import main
from kpi.store import Store
from tests.conftest import ROOT, tidy_workbook

KEYS = [
    "code",
    "title",
    "priority",
    "polarity",
    "unit",
    "period",
    "actual",
    "target",
    "gap_to_target",
    "rag",
    "rag_reported",
    "direction",
    "sn_average",
    "gap_to_sn",
    "national",
    "gap_to_national",
]


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def tidy_return(path, rows, indicators=None):
    path.write_bytes(tidy_workbook(rows, indicators))
    return path


def test_init_demo_twice_gives_the_same_result(tmp_path, capsys):
    db = str(tmp_path / "d.duckdb")
    assert run(capsys, "init-demo", "--db", db)[0] == 0
    first = run(capsys, "status", "--db", db, "--json")[1]
    version = Store(db).data_version()  # each Store is closed when collected, releasing the file
    code, out, _ = run(capsys, "init-demo", "--db", db)
    assert code == 0 and "already loaded" in out
    assert run(capsys, "status", "--db", db, "--json")[1] == first
    store = Store(db)
    assert store.data_version() == version  # the second build wrote nothing at all
    store.close()


def test_status_json_keys_and_units(demo_db, capsys):
    code, out, _ = run(capsys, "status", "--db", str(demo_db), "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 55  # every indicator of the five published plans
    assert all(list(r) == KEYS for r in rows)
    gcse = next(r for r in rows if r["code"] == "KS4-5AC-EM")
    assert gcse["actual"] == 60.5 and gcse["rag"] == "amber" and gcse["direction"] == "improving"


def test_series_oldest_first(demo_db, capsys):
    code, out, _ = run(capsys, "series", "GOOD-PRI", "--db", str(demo_db), "--json")
    periods = [r["period"] for r in json.loads(out)]
    assert code == 0
    assert periods[:6] == ["Sep 11", "Dec 11", "Mar 12", "Jun 12", "Sep 12", "Dec 12"]
    assert periods[-1] == "Mar 16"


def test_series_of_unknown_indicator_exits_2(demo_db, capsys):
    code, _, err = run(capsys, "series", "NOPE", "--db", str(demo_db), "--json")
    assert code == 2 and "not a known indicator" in err


def test_load_reports_each_problem_with_its_cell_and_writes_nothing(demo_db, tmp_path, capsys):
    before = run(capsys, "status", "--db", str(demo_db), "--json")[1]
    path = tidy_return(
        tmp_path / "bad.xlsx",
        [
            ["KS2-L4-EM", "2013", "actual", "seventy"],
            ["KS2-L4-EM", "2013", "target", 81],
            ["KS2-L4-EMM", "2013", "actual", 80],
            ["KS2-L4-EM", "Sept twenty", "actual", 80],
            ["GCSE", "2013", "actual", 120],
        ],
        indicators=[["GCSE", "GCSE", "P3", "higher", "%", "annual"]],
    )
    code, out, _ = run(capsys, "load", str(path), "--db", str(demo_db))
    lines = out.strip().splitlines()
    assert code == 2
    assert lines[0].startswith('Data!D2 (KS2-L4-EM 2013 actual): "seventy" is not a number')
    assert any(line.startswith("Data!A4:") and 'Did you mean "KS2-L4-EM"' in line for line in lines)
    assert any(line.startswith("Data!B5:") for line in lines)
    assert any(line.startswith("Data!D6 (GCSE 2013 actual):") and "outside 0–100" in line for line in lines)
    assert run(capsys, "status", "--db", str(demo_db), "--json")[1] == before


def test_dry_run_previews_and_writes_nothing(demo_db, tmp_path, capsys):
    path = tidy_return(
        tmp_path / "ok.xlsx", [["KS2-L4-EM", "2013", "actual", 80.1], ["KS2-L4-EM", "2012", "actual", 78]]
    )
    code, out, _ = run(capsys, "load", str(path), "--db", str(demo_db), "--dry-run")
    assert code == 0
    assert "changed  Data!D3: KS2-L4-EM" in out and "77.5 -> 78" in out
    assert "Dry run: 1 new, 1 changed" in out
    series = json.loads(run(capsys, "series", "KS2-L4-EM", "--db", str(demo_db), "--json")[1])
    assert [r["actual"] for r in series if r["period"] == "2012"] == [77.5]


def test_load_writes_in_one_go_and_a_second_load_changes_nothing(demo_db, tmp_path, capsys):
    path = tidy_return(tmp_path / "ok.xlsx", [["KS2-L4-EM", "2013", "actual", 80.1]])
    code, out, _ = run(capsys, "load", str(path), "--db", str(demo_db), "--user", "officer1")
    assert code == 0 and out.startswith("Loaded ok.xlsx as upload") and "1 new" in out
    latest = {r["code"]: r for r in json.loads(run(capsys, "status", "--db", str(demo_db), "--json")[1])}
    assert latest["KS2-L4-EM"]["period"] == "2013" and latest["KS2-L4-EM"]["actual"] == 80.1
    assert latest["KS2-L4-EM"]["target"] == 81.0 and latest["KS2-L4-EM"]["rag"] == "amber"
    code, out, _ = run(capsys, "load", str(path), "--db", str(demo_db))
    assert code == 0 and out.startswith("No changes")


def test_python_dash_m_kpi_runs(demo_db):
    result = subprocess.run(
        [sys.executable, "-m", "kpi", "status", "--db", str(demo_db), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and json.loads(result.stdout)[0]["code"] == "KS1-READ"


def test_every_refusal_is_a_user_error_printed_once_by_main(capsys, monkeypatch):
    from kpi import commands
    from kpi.auth import SignInRefused
    from kpi.benchmark import BenchmarkError
    from kpi.demo import DemoError
    from kpi.dfe import DfeImportError
    from kpi.errors import UserError
    from kpi.highlight import UnknownPeriod
    from kpi.reports import PackError
    from kpi.returns import ReturnRejected, TemplateError, UndoRefused
    from kpi.store import DatabaseBusy, StoreError

    for refusal in (
        SignInRefused,
        BenchmarkError,
        DemoError,
        DfeImportError,
        UnknownPeriod,
        PackError,
        ReturnRejected,
        TemplateError,
        UndoRefused,
        StoreError,
        DatabaseBusy,
        commands.Refused,
    ):
        assert issubclass(refusal, UserError), refusal

    def refuse(args):
        raise UnknownPeriod("There are no figures for 2031/32. Choose a period the plan has.")

    parser = commands.build_parser()
    monkeypatch.setattr(commands, "build_parser", lambda: parser)
    parser.set_defaults(func=refuse)
    sub = next(a for a in parser._actions if a.dest == "command")
    sub.choices["status"].set_defaults(func=refuse)
    assert commands.main(["status"]) == 2
    assert capsys.readouterr().err.strip() == "There are no figures for 2031/32. Choose a period the plan has."


def test_a_real_load_prints_each_warning_with_its_cell(demo_db, tmp_path, capsys):
    from tests.fixtures.build_fixtures import SEED_TABLES, trend_workbook

    tables = [
        (t, h, p, [("Comments" if label == "SM" else label, v) for label, v in rows], after)
        for t, h, p, rows, after in SEED_TABLES
    ]
    path = trend_workbook(tmp_path, tables=tables)
    code, out, _ = run(capsys, "load", str(path), "--db", str(demo_db))
    assert code == 0
    assert any(line.startswith("warning  'Section F'!A") and '"Comments"' in line for line in out.splitlines())
