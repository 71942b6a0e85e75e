"""A tamper-evident audit trail: each row chained to the one before, checked by `audit --verify` and by restore.

The attacks are the issue's: delete, re-attribute or renumber rows in the database or in a backup's
audit file, shorten the log, doctor a backup's SQL; and backups and restores themselves leave a row.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from kpi import audit
from kpi.backup import MANIFEST, BackupError, backup, restore, sha256_file
from kpi.store import Store
from tests.conftest import ROOT


def cli(*args):
    return subprocess.run([sys.executable, "-m", "kpi", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def tamper(db: Path, sql: str) -> None:
    con = duckdb.connect(str(db))
    con.execute(sql)
    con.close()


def test_every_row_is_chained_and_the_untouched_log_verifies(demo_db):
    store = Store(demo_db)
    check = audit.verify(store)
    rows = store.scalar("SELECT count(*) FROM audit_log")
    assert check.ok and check.rows == rows > 10 and check.last_id == store.scalar("SELECT max(audit_id) FROM audit_log")
    assert store.scalar("SELECT count(*) FROM audit_log WHERE row_hash IS NULL OR length(row_hash) <> 64") == 0
    out = cli("audit", "--verify", "--db", str(demo_db))
    assert out.returncode == 0 and f"{rows:,} rows all verify" in out.stdout


@pytest.mark.parametrize(
    "attack, sql",
    [
        ("changed", "UPDATE audit_log SET detail = '{}' WHERE audit_id = 5"),
        ("re-attributed", "UPDATE audit_log SET user_name = 'someone else' WHERE audit_id = 5"),
        ("re-dated", "UPDATE audit_log SET logged_at = logged_at - INTERVAL 1 DAY WHERE audit_id = 5"),
        ("deleted", "DELETE FROM audit_log WHERE audit_id = 4"),
        ("renumbered", "UPDATE audit_log SET audit_id = audit_id + 1000 WHERE audit_id = 5"),
        (
            "inserted",
            "INSERT INTO audit_log SELECT 100000, logged_at, user_name, action, detail, row_hash "
            "FROM audit_log WHERE audit_id = 5",
        ),
    ],
)
def test_a_tampered_file_fails_verify_naming_the_first_broken_row(demo_db, attack, sql):
    tamper(demo_db, sql)
    check = audit.verify(Store(demo_db, read_only=True))
    assert not check.ok, attack
    first = {"deleted": 5, "renumbered": 6, "inserted": 100000}.get(attack, 5)
    assert check.broken_id == first
    out = cli("audit", "--verify", "--db", str(demo_db))
    assert out.returncode == 1 and f"does not verify from row {first} (" in out.stderr
    assert "Traceback" not in out.stderr


def test_the_migration_builds_the_chain_for_a_database_made_before_it(demo_db):
    """An existing database (schema 8, rows with no hash) gets the very hashes the rows would have had."""
    con = duckdb.connect(str(demo_db))
    before = con.execute("SELECT audit_id, row_hash FROM audit_log ORDER BY audit_id").fetchall()
    con.execute("ALTER TABLE audit_log DROP COLUMN row_hash")
    for table in ("sign_in_failures", "sign_in_sessions", "upload_item_history"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    con.close()
    store = Store(demo_db)  # migrates
    assert store.schema_version() >= 10
    after = store.query("audit_log", user=None, action=None, since=None, until=None, text=None)
    rebuilt = (
        duckdb.connect(str(demo_db), read_only=True)
        .execute("SELECT audit_id, row_hash FROM audit_log ORDER BY audit_id")
        .fetchall()
    )
    assert rebuilt == before and len(after) == len(before)  # migration's copy of the definition = the query file's
    assert audit.verify(store).ok


def test_backup_and_restore_are_audited_and_the_restored_log_verifies(demo_db, tmp_path):
    store = Store(demo_db)
    done = backup(store, tmp_path / "bk", user="dana")
    last = audit.read(store).iloc[0]
    assert last["action"] == "backup" and last["user"] == "dana"
    detail = json.loads(last["detail"])
    assert (
        detail["manifest_sha256"]
        == done.manifest_sha256
        == hashlib.sha256((tmp_path / "bk" / MANIFEST).read_bytes()).hexdigest()
    )
    assert detail["audit_head"] == done.audit.head and done.audit.ok

    result = restore(tmp_path / "bk", tmp_path / "r.duckdb", user="ravi")
    restored = Store(result.target)
    top = audit.read(restored).iloc[0]
    assert top["action"] == "restore" and top["user"] == "ravi" and json.loads(top["detail"])["verified"] is True
    assert audit.verify(restored).ok and audit.verify(restored).rows == done.audit.rows + 1


def _rewrite_audit_file(folder: Path, sql_on_rows: str, *, fix_manifest: bool) -> None:
    """An attacker edits the backup's audit_log.parquet (and, if clever, its checksum in the manifest)."""
    path = folder / "audit_log.parquet"
    con = duckdb.connect()
    con.execute(f"CREATE TABLE a AS SELECT * FROM read_parquet('{path}')")
    con.execute(sql_on_rows)
    con.execute(f"COPY a TO '{path}' (FORMAT parquet)")
    con.close()
    if fix_manifest:
        manifest = json.loads((folder / MANIFEST).read_text())
        manifest["files"]["audit_log.parquet"] = sha256_file(path)
        (folder / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM a WHERE audit_id = 7",
        "UPDATE a SET user_name = 'nobody' WHERE audit_id = 7",
        "UPDATE a SET audit_id = audit_id + 500 WHERE audit_id >= 7",
    ],
)
def test_restore_refuses_a_backup_whose_audit_rows_were_edited(demo_db, tmp_path, sql):
    backup(Store(demo_db), tmp_path / "bk", user="dana")
    _rewrite_audit_file(tmp_path / "bk", sql, fix_manifest=False)
    with pytest.raises(BackupError, match="audit_log.parquet .* does not match the checksum"):
        restore(tmp_path / "bk", tmp_path / "r.duckdb", user="ravi")
    _rewrite_audit_file(tmp_path / "bk", "SELECT 1", fix_manifest=True)  # the checksum made to match
    with pytest.raises(BackupError, match="tampered with.*does not verify from row"):
        restore(tmp_path / "bk", tmp_path / "r.duckdb", user="ravi")
    assert not (tmp_path / "r.duckdb").exists() and not list(tmp_path.glob("r.duckdb*"))
    out = cli("restore", str(tmp_path / "bk"), "--db", str(tmp_path / "r.duckdb"))
    assert out.returncode == 2 and "tampered with" in out.stderr and "Traceback" not in out.stderr


def test_restore_refuses_a_backup_whose_log_was_shortened(demo_db, tmp_path):
    """Dropping the last rows leaves a chain that verifies; the manifest's head catches it."""
    backup(Store(demo_db), tmp_path / "bk", user="dana")
    _rewrite_audit_file(
        tmp_path / "bk", "DELETE FROM a WHERE audit_id > (SELECT max(audit_id) - 3 FROM a)", fix_manifest=True
    )
    with pytest.raises(BackupError, match="rows have been removed or replaced"):
        restore(tmp_path / "bk", tmp_path / "r.duckdb", user="ravi")


def test_restore_refuses_files_changed_added_or_missing(demo_db, tmp_path):
    backup(Store(demo_db), tmp_path / "bk", user="dana")
    folder = tmp_path / "bk"
    (folder / "extra.parquet").write_bytes(b"x")
    with pytest.raises(BackupError, match="extra.parquet .* is not in the backup's manifest"):
        restore(folder, tmp_path / "r.duckdb", user="ravi")
    (folder / "extra.parquet").unlink()
    saved = (folder / "observations.parquet").read_bytes()
    (folder / "observations.parquet").unlink()
    with pytest.raises(BackupError, match="observations.parquet is missing"):
        restore(folder, tmp_path / "r.duckdb", user="ravi")
    (folder / "observations.parquet").write_bytes(saved[:-10] + b"0123456789")
    with pytest.raises(BackupError, match="observations.parquet .* does not match the checksum"):
        restore(folder, tmp_path / "r.duckdb", user="ravi")
    (folder / "observations.parquet").write_bytes(saved)
    (folder / MANIFEST).unlink()
    with pytest.raises(BackupError, match="has no manifest.*--accept-unverified"):
        restore(folder, tmp_path / "r.duckdb", user="ravi")
    result = restore(folder, tmp_path / "r.duckdb", user="ravi", accept_unverified=True)
    assert not result.verified and audit.verify(Store(result.target)).ok


def test_restore_never_runs_the_backups_own_sql(demo_db, tmp_path):
    """A doctored schema.sql or load.sql (checksums made to match) cannot execute anything."""
    backup(Store(demo_db), tmp_path / "bk", user="dana")
    folder, marker = tmp_path / "bk", tmp_path / "pwned.csv"
    for name in ("schema.sql", "load.sql"):
        with open(folder / name, "a") as f:
            f.write(
                f"\nCOPY (SELECT 'pwned') TO '{marker}';\nCREATE VIEW status AS SELECT * FROM read_csv('/etc/passwd');\n"
            )
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["files"].update({n: sha256_file(folder / n) for n in ("schema.sql", "load.sql")})
    (folder / MANIFEST).write_text(json.dumps(manifest))
    result = restore(folder, tmp_path / "r.duckdb", user="ravi")
    assert not marker.exists()
    con = duckdb.connect(str(result.target), read_only=True)
    assert con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0] == 0
    assert (
        con.execute("SELECT count(*) FROM observations").fetchone()[0]
        == duckdb.connect(str(demo_db), read_only=True).execute("SELECT count(*) FROM observations").fetchone()[0]
    )


def test_restore_of_a_backup_made_before_the_chain_builds_it(demo_db, tmp_path):
    """A version-9 backup (the last before the chain: no hashes, no manifest) restores on request, and its log
    gets its chain."""
    con = duckdb.connect(str(demo_db))
    con.execute("ALTER TABLE audit_log DROP COLUMN row_hash")
    for table in ("sign_in_failures", "sign_in_sessions", "upload_item_history"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    con.execute(f"EXPORT DATABASE '{tmp_path / 'old'}' (FORMAT parquet)")
    con.close()
    result = restore(tmp_path / "old", tmp_path / "r.duckdb", user="ravi", accept_unverified=True)
    store = Store(result.target)
    assert store.schema_version() >= 10 and audit.verify(store).ok and audit.verify(store).rows == rows + 1
    assert store.scalar("SELECT nextval('audit_ids')") == store.scalar("SELECT max(audit_id) FROM audit_log") + 1
