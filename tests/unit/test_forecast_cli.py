"""python -m kpi forecast and backtest: flags, refusals and JSON keys."""

import json
import shutil

import duckdb

from kpi.commands import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_forecast_an_indicator_to_its_targets_as_json(demo_db, capsys):
    code, out, _ = run(capsys, "forecast", "--db", str(demo_db), "--code", "KS2-L4-EM", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["period"] for r in rows] == ["2013", "2014", "2015", "2016"]  # Kent's target years, as labelled
    for r in rows:
        assert set(r) == {"period", "value", "lower", "upper", "target", "probability", "rating"}
        assert r["lower"] < r["value"] < r["upper"] and 0 <= r["probability"] <= 1
        assert r["rating"] in ("on track", "at risk", "off track")
    assert rows[-1]["target"] == 87.0


def test_forecast_in_words_and_to_a_later_year(demo_db, capsys):
    code, out, err = run(capsys, "forecast", "--db", str(demo_db), "--code", "ks2-l4-em", "--to", "2017")
    assert code == 0 and "2016 is forecast at" in out and "short of 87.0%" in out
    assert "2017" in out.splitlines()[-1] and "not itself been tested" in err


def test_too_short_a_history_says_why_and_prints_no_periods(demo_db, capsys):
    code, out, err = run(capsys, "forecast", "--db", str(demo_db), "--code", "KS1-READ", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, err = run(capsys, "forecast", "--db", str(demo_db), "--code", "KS1-READ")
    assert "No forecast: 1 figure so far" in err


def test_refusals_are_plain(demo_db, tmp_path, capsys):
    code, _, err = run(capsys, "forecast", "--db", str(demo_db), "--code", "NOPE")
    assert code == 2 and '"NOPE" is not a known indicator' in err
    code, _, err = run(capsys, "forecast", "--db", str(demo_db), "--measure", "KS2RWM_Expected_STD")
    assert code == 2 and "Give --la" in err
    # The demo carries DfE's national data built in; a database without it refuses the backtest plainly.
    bare = tmp_path / "no_dfe.duckdb"
    shutil.copy(demo_db, bare)
    with duckdb.connect(str(bare)) as con:
        con.execute("DELETE FROM dfe_values")
    code, _, err = run(capsys, "backtest", "--db", str(bare), "--json")
    assert code == 2 and "no DfE national figures" in err
