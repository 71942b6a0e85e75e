"""The store: schema applied and versioned on open, one write path, the file held only during an operation."""

import subprocess
import sys
import textwrap

import pytest

from kpi import store as store_module
from kpi.store import DatabaseBusy, Store
from tests.conftest import ROOT


def test_new_file_gets_the_latest_schema(tmp_path):
    s = Store(tmp_path / "new.duckdb")
    assert s.schema_version() == store_module.LATEST_SCHEMA_VERSION
    tables = {r[0] for r in s.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"indicators", "periods", "observations", "uploads", "areas", "plans", "priorities", "audit_log"} <= tables


def test_a_later_migration_is_applied_to_an_existing_file(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    Store(path).close()
    migrations = tmp_path / "sql" / "migrations"
    migrations.mkdir(parents=True)
    (tmp_path / "sql" / "schema.sql").write_text((ROOT / "sql" / "schema.sql").read_text())
    for existing in (ROOT / "sql" / "migrations").glob("*.sql"):
        (migrations / existing.name).write_text(existing.read_text())
    (migrations / "900_test_column.sql").write_text("ALTER TABLE plans ADD COLUMN extra VARCHAR;")
    monkeypatch.setattr(store_module, "SQL_DIR", tmp_path / "sql")
    s = Store(path)
    assert s.schema_version() == 900
    assert "extra" in {r[0] for r in s.cursor().execute("DESCRIBE plans").fetchall()}


def test_every_committed_write_bumps_the_data_version_and_a_failed_one_does_not(tmp_path):
    s = Store(tmp_path / "v.duckdb")
    v0 = s.data_version()
    with s.transaction() as cur:
        cur.execute("INSERT INTO areas (area_code, name, kind) VALUES ('886', 'Kent', 'la')")
    assert s.data_version() == v0 + 1
    with pytest.raises(RuntimeError):
        with s.transaction() as cur:
            cur.execute("INSERT INTO areas (area_code, name, kind) VALUES ('970', 'England', 'england')")
            raise RuntimeError("boom")
    assert s.data_version() == v0 + 1
    assert s.scalar("SELECT count(*) FROM areas") == 1


def test_a_store_holds_the_file_only_during_an_operation(tmp_path):
    path = tmp_path / "shared.duckdb"
    idle = Store(path)  # made and migrated, but not in the middle of anything
    code = textwrap.dedent(f"""
        from kpi.store import Store, DatabaseBusy
        try:
            print("opened", Store({str(path)!r}, wait=0.5).data_version())
        except DatabaseBusy as exc:
            print(exc)
    """)
    run = lambda: subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)  # noqa: E731
    assert run().stdout.startswith("opened 0")
    cur = idle.cursor()  # now this process is using it
    try:
        out = run()
    finally:
        cur.close()
    assert "The database is in use by another program (PID" in out.stdout
    assert "try again when that one has finished" in out.stdout
    assert "Traceback" not in out.stderr
    assert run().stdout.startswith("opened 0")


def test_reading_a_missing_database_never_creates_one(tmp_path):
    from kpi.store import DatabaseMissing

    with pytest.raises(DatabaseMissing, match="typing mistake"):
        Store(tmp_path / "typo.duckdb", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_busy_message_is_parsed_from_duckdb_lock_error():
    busy = store_module._busy_from(
        Exception(
            'IO Error: Could not set lock on file "x": Conflicting lock is held '
            "in /usr/bin/python3.11 (PID 4242). See also"
        )
    )
    assert isinstance(busy, DatabaseBusy) and busy.pid == "4242" and busy.program == "python3.11"


def test_statements_are_split_by_duckdbs_parser_not_by_text():
    from kpi.store import split_statements

    script = "-- a comment; with a semicolon\nSELECT ';\n' AS a;\nSELECT $x AS b; -- trailing\n"
    parts = split_statements(script)
    assert len(parts) == 2
    assert "';\n'" in parts[0][0] and parts[0][1] == frozenset()
    assert parts[1][1] == frozenset({"x"})


def test_every_query_file_parses_and_run_binds_only_what_each_statement_names(tmp_path, monkeypatch):
    from kpi import store as store_module
    from kpi.store import SQL_DIR, Store, run, statements

    for path in sorted((SQL_DIR / "queries").glob("*.sql")):
        assert statements(path.stem), f"{path.name} has no statement"
    s = Store(tmp_path / "run.duckdb")
    script = "CREATE TEMP TABLE t AS SELECT $a AS a;\nSELECT a + $b AS total, ';' AS s FROM t"
    monkeypatch.setattr(store_module, "sql_text", lambda name: script)
    store_module.statements.cache_clear()
    try:
        cur = s.cursor()
        assert run(cur, "two_statements", a=1, b=2).fetchall() == [(3, ";")]
        with pytest.raises(TypeError, match=r"\$b"):
            run(s.cursor(), "two_statements", a=1)
    finally:
        store_module.statements.cache_clear()
