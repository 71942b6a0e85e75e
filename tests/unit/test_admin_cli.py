"""Admin commands: hash-password reads stdin when not a terminal; audit --json gives at, user, action, detail."""

import json
import subprocess
import sys

from kpi.auth import verify_password
from kpi.returns import load_return
from kpi.store import Store
from tests.conftest import ROOT, tidy_workbook


def kpi(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_hash_password_from_stdin_verifies_and_empty_is_refused():
    out = kpi("hash-password", stdin="s3cret pass\n")
    assert out.returncode == 0 and verify_password("s3cret pass", out.stdout.strip())
    assert "[users.NAME]" in out.stderr
    empty = kpi("hash-password", stdin="\n")
    assert empty.returncode == 2 and "empty" in empty.stderr and "Traceback" not in empty.stderr


def test_audit_json_lists_who_did_what(demo_db):
    store = Store(demo_db)
    assert load_return(store, tidy_workbook([["KS2-L4-EM", "2012", "actual", 78]]), "r.xlsx", user="olivia").ok
    store.close()
    out = kpi("audit", "--db", str(demo_db), "--json", "--user", "olivia")
    rows = json.loads(out.stdout)
    assert out.returncode == 0 and len(rows) == 1
    assert {"at", "user", "action", "detail"} <= set(rows[0])
    assert rows[0]["user"] == "olivia" and rows[0]["action"] == "upload"
    assert rows[0]["detail"]["changes"][0]["old"] == 77.5 and rows[0]["detail"]["changes"][0]["new"] == 78.0
    missing = kpi("audit", "--db", str(demo_db.parent / "none.duckdb"), "--json")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
