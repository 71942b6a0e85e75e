"""Backup and restore: a checked copy of the whole database, and a new file built only from what checks out.

A backup opens the file like any other operation, so it works while the dashboard runs (the Store
holds the file only for the moment of each operation). DuckDB's EXPORT DATABASE writes every table
as parquet (with schema.sql and load.sql, so plain DuckDB can read it too) in one read transaction,
a consistent snapshot even while writes continue. In that same transaction the backup notes each
sequence's position and the audit log's head (its row count and last hash), and then writes
manifest.json: those, and the SHA-256 of every file. The backup itself is an audit row.

Restore trusts nothing in the folder it has not checked: every file must match the manifest, the
database is built from this version's own schema (the backup's SQL is never run, so a doctored
schema.sql or load.sql cannot execute anything), the tables are filled from the parquet files, and
the audit chain must verify and end where the manifest says. Only then is the new file renamed into
place, with a row saying who restored what; a refused or failed restore leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from kpi import audit
from kpi.store import LATEST_SCHEMA_VERSION, SCHEMA_VERSION_KEY, Store, StoreError, close

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# Who is signed in is not restored: after a restore everyone signs in again.
NOT_RESTORED = frozenset({"sign_in_sessions"})

log = logging.getLogger("kpi.backup")


class BackupError(StoreError):
    """A backup or restore that cannot go ahead; the message says what to do."""


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    manifest_sha256: str
    audit: audit.ChainCheck
    note: str = ""  # what the administrator should know (the live audit log does not verify, ...)


@dataclass(frozen=True)
class RestoreResult:
    target: Path
    tables: int
    audit: audit.ChainCheck
    verified: bool  # False only for a backup made before manifests, restored on request


def _quoted(path: Path) -> str:
    # EXPORT takes a literal path, not a bound parameter: quote it as an SQL string.
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- backup ------------------------------------------------------------------
def backup(store: Store, out_dir: str | os.PathLike, *, user: str) -> BackupResult:
    """Write every table to `out_dir` with manifest.json (checksums, sequences, audit head); audit it."""
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} already exists and is not an empty folder. Choose a new folder for the backup.")
    out.parent.mkdir(parents=True, exist_ok=True)
    cur = store.cursor()
    try:
        cur.begin()
        cur.execute(f"EXPORT DATABASE {_quoted(out)} (FORMAT parquet)")
        sequences = {
            name: value
            for name, value in cur.execute("SELECT sequence_name, last_value FROM duckdb_sequences()").fetchall()
        }
        version = int(cur.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_VERSION_KEY]).fetchone()[0])
        chain = audit.verify_on(cur)
        cur.commit()
    except duckdb.Error as exc:
        cur.rollback()
        log.error("Backup of %s to %s failed: %s", store.path, out, exc)
        raise BackupError(
            f"The backup could not be written to {out}: check that there is space and that the "
            "folder may be written to; the log has the details."
        ) from None
    finally:
        close(cur)
    manifest = {
        "format": MANIFEST_FORMAT,
        "made_at": datetime.now().replace(microsecond=0).isoformat(),
        "schema_version": version,
        "sequences": sequences,
        "audit": {"rows": chain.rows, "last_id": chain.last_id, "head": chain.head, "verified": chain.ok},
        "files": {p.name: sha256_file(p) for p in sorted(out.iterdir()) if p.is_file()},
    }
    text = json.dumps(manifest, indent=2, sort_keys=True)
    (out / MANIFEST).write_text(text + "\n", encoding="utf-8")
    manifest_sha = hashlib.sha256((text + "\n").encode("utf-8")).hexdigest()
    note = (
        ""
        if chain.ok
        else ("The live audit log does not verify, so this backup cannot be restored as it is: " + chain.message())
    )
    try:
        with store.transaction(bump_version=False) as w:
            audit.record(
                w,
                user,
                "backup",
                {"file": out.name, "manifest_sha256": manifest_sha, "audit_rows": chain.rows, "audit_head": chain.head},
            )
    except StoreError as exc:
        note = (note + " " if note else "") + f"The backup was written but the audit log could not record it: {exc}"
    log.info("Backup %s: manifest sha256 %s, audit head %s (%s rows)", out, manifest_sha, chain.head, chain.rows)
    return BackupResult(out, manifest_sha, chain, note)


# -- restore -----------------------------------------------------------------
def _read_manifest(source: Path) -> dict | None:
    path = source / MANIFEST
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(
            f"The manifest in {source} cannot be read: the backup has been changed or damaged. Restore another backup."
        ) from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != MANIFEST_FORMAT
        or not isinstance(manifest.get("files"), dict)
    ):
        raise BackupError(
            f"The manifest in {source} is not one this version writes. Restore it with the version "
            "of the dashboard that made it, or another backup."
        )
    return manifest


def check_files(source: Path, manifest: dict) -> None:
    """Every file the manifest lists is there with its checksum, and nothing else is."""
    listed = manifest["files"]
    present = {p.name for p in source.iterdir() if p.is_file() and p.name != MANIFEST}
    for name in sorted(set(listed) | present):
        if name not in listed:
            raise BackupError(
                f"{name} in {source} is not in the backup's manifest: files have been added since "
                "the backup was made. Restore another backup."
            )
        if name not in present:
            raise BackupError(f"{name} is missing from {source}: the backup is incomplete. Restore another backup.")
        if sha256_file(source / name) != listed[name]:
            raise BackupError(
                f"{name} in {source} does not match the checksum the backup recorded: it has been "
                "changed or damaged since. Restore another backup."
            )


def _old_sequences(source: Path) -> dict[str, int]:
    """A backup made before manifests: each sequence's position, read (never run) from its schema.sql."""
    text = (source / "schema.sql").read_text(encoding="utf-8", errors="replace")
    return {m[1]: int(m[2]) - 1 for m in re.finditer(r"CREATE SEQUENCE (\w+) .*?\bSTART (\d+)", text)}


def _old_schema_version(con, source: Path) -> int:
    row = con.execute(
        "SELECT value FROM read_parquet(?) WHERE key = ?", [str(source / "meta.parquet"), SCHEMA_VERSION_KEY]
    ).fetchone()
    return int(row[0]) if row else 1


def _fill(con, source: Path, version: int, sequences: dict[str, int]) -> int:
    """Fill the new file's tables from the backup's parquet files; returns how many tables were filled."""
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        ).fetchall()
    }
    files = {p.stem: p for p in source.glob("*.parquet")}
    unknown = sorted(set(files) - tables)
    if unknown:
        raise BackupError(
            f"The backup holds tables this version does not know ({', '.join(unknown)}): it was made "
            "by a newer version of the dashboard. Restore it with that version."
        )
    filled = 0
    for name in sorted(files):
        if name in NOT_RESTORED:
            continue
        columns = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(files[name])]).fetchall()}
        held = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?",
                [name],
            ).fetchall()
        }
        if not columns <= held:
            raise BackupError(
                f"The backup's {name} table has columns this version does not know "
                f"({', '.join(sorted(columns - held))}): restore it with the version that made it."
            )
        con.execute(f"DELETE FROM {_ident(name)}")  # rows a migration seeded give way to the backup's
        con.execute(f"INSERT INTO {_ident(name)} BY NAME SELECT * FROM read_parquet(?)", [str(files[name])])
        filled += 1
    known = {r[0] for r in con.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall()}
    for name, last in sequences.items():
        if name in known and isinstance(last, int) and last > 0:  # a name of this schema's: safe to write out
            con.execute(f"SELECT max(nextval('{name}')) FROM range(?)", [int(last)])
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION_KEY, str(version)],
    )
    return filled


def restore(
    in_dir: str | os.PathLike, db_path: str | os.PathLike, *, user: str, accept_unverified: bool = False
) -> RestoreResult:
    """Build a new database file at `db_path` from a backup folder, refusing anything that does not check out.

    A backup made before manifests cannot be checked file by file; it is refused unless
    `accept_unverified` (its audit chain, where it has one, must still verify).
    """
    source, target = Path(in_dir), Path(db_path)
    if not source.is_dir() or not (source / "meta.parquet").is_file():
        raise BackupError(f"{source} is not a backup folder. Give the folder that 'python -m kpi backup' wrote.")
    manifest = _read_manifest(source)
    if manifest is None and not accept_unverified:
        raise BackupError(
            f"{source} has no manifest, so its files cannot be checked: it was made by an older "
            "version, or its manifest has been removed. Restore a newer backup, or, if you are sure "
            "of this one, run restore again with --accept-unverified."
        )
    if manifest is not None:
        check_files(source, manifest)
    if target.exists():
        raise BackupError(
            f"{target} already exists. Restore into a new file name, then swap the files "
            "while the dashboard is stopped."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    leftovers = (partial, partial.with_name(partial.name + ".wal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(partial))
        try:
            if manifest is not None:
                version, sequences = int(manifest["schema_version"]), manifest.get("sequences") or {}
            else:
                version, sequences = _old_schema_version(con, source), _old_sequences(source)
            if version > LATEST_SCHEMA_VERSION:
                raise BackupError(
                    "The backup was made by a newer version of the dashboard. Restore it with that version."
                )
            Store._apply_migrations(con, upto=version)
            tables = _fill(con, source, version, sequences)
            Store._apply_migrations(con)  # an older backup comes up to this version
            chain = audit.verify_on(con)
            if not chain.ok:
                raise BackupError(
                    "The backup's audit log has been tampered with, so it was not restored. " + chain.message()
                )
            expected = (manifest or {}).get("audit") or {}
            if manifest is not None and (expected.get("rows") != chain.rows or expected.get("head") != chain.head):
                raise BackupError(
                    f"The backup's audit log has {chain.rows:,} rows ending in {chain.head}, but the "
                    f"backup recorded {expected.get('rows')} rows ending in {expected.get('head')}: "
                    "rows have been removed or replaced. It was not restored."
                )
            con.begin()
            audit.record(
                con,
                user,
                "restore",
                {
                    "file": source.name,
                    "verified": manifest is not None,
                    "audit_rows": chain.rows,
                    "audit_head": chain.head,
                },
            )
            con.commit()
            chain = audit.verify_on(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(partial, target)
    except duckdb.Error as exc:
        log.error("Restore of %s into %s failed: %s", source, target, exc)
        raise BackupError(
            f"The backup in {source} could not be restored: its files cannot be read as this "
            "dashboard's tables. The log has the details."
        ) from None
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    log.info("Restored %s into %s: audit head %s (%s rows)", source, target, chain.head, chain.rows)
    return RestoreResult(target, tables, chain, manifest is not None)
