"""Backup and restore with DuckDB's EXPORT DATABASE / IMPORT DATABASE.

A backup opens the file like any other operation, so it works while the dashboard runs
(the Store holds the file only for the moment of each operation). EXPORT runs in one read transaction, so it
is a consistent snapshot even while writes continue. Restore builds a new file beside the
target and renames it into place only when the import has finished, so a failed restore
never leaves a half-written database.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from kpi.store import Store, StoreError


class BackupError(StoreError):
    """A backup or restore that cannot go ahead; the message says what to do."""


def _quoted(path: Path) -> str:
    # EXPORT/IMPORT take a literal path, not a bound parameter: quote it as an SQL string.
    return "'" + str(path).replace("'", "''") + "'"


def backup(store: Store, out_dir: str | os.PathLike) -> Path:
    """Write every table, sequence and view to `out_dir` (parquet files plus schema.sql and load.sql)."""
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} already exists and is not an empty folder. Choose a new folder for the backup.")
    out.parent.mkdir(parents=True, exist_ok=True)
    cur = store.cursor()
    try:
        cur.begin()
        cur.execute(f"EXPORT DATABASE {_quoted(out)} (FORMAT parquet)")
        cur.commit()
    except duckdb.Error as exc:
        cur.rollback()
        raise BackupError(f"The backup could not be written to {out}: {exc}") from None
    finally:
        cur.close()
    return out


def restore(in_dir: str | os.PathLike, db_path: str | os.PathLike) -> Path:
    """Build a new database file at `db_path` from a backup folder. Refuses to overwrite a file."""
    source, target = Path(in_dir), Path(db_path)
    if not (source / "schema.sql").is_file() or not (source / "load.sql").is_file():
        raise BackupError(f"{source} is not a backup folder (it has no schema.sql and load.sql). "
                          "Give the folder that 'python -m kpi backup' wrote.")
    if target.exists():
        raise BackupError(f"{target} already exists. Restore into a new file name, then swap the files "
                          "while the dashboard is stopped.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(partial))
        try:
            con.execute(f"IMPORT DATABASE {_quoted(source)}")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(partial, target)
    except duckdb.Error as exc:
        raise BackupError(f"The backup in {source} could not be restored: {exc}") from None
    finally:
        for leftover in (partial, partial.with_name(partial.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return target
