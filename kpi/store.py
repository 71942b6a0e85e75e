"""The DuckDB store: open and migrate the file, run named queries from sql/, own the one write path.

One Store per process. Reads take a fresh cursor each time (a DuckDB connection shared
between threads raises); writes go through `transaction()`, which holds a process-wide
lock, runs in one DuckDB transaction and bumps the data version in that same
transaction, so caches keyed on the version see every committed write and nothing else.
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from kpi.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = ROOT / "sql"
DEFAULT_DB = ROOT / "data" / "kpi.duckdb"
SCHEMA_VERSION_KEY = "schema_version"
DATA_VERSION_KEY = "data_version"
DEFAULT_HOME_AREA = "886"


class StoreError(UserError):
    """A problem with the database that a user can act on; the message says how."""


class DatabaseBusy(StoreError):
    """Another process holds the database file read-write."""

    def __init__(self, pid: str | None, program: str | None):
        self.pid, self.program = pid, program
        who = f"another program (PID {pid}, {program})" if pid else "another program"
        super().__init__(
            f"The database is open in {who}. Only one program may change it at a time. "
            "If that is the dashboard, make the change from its pages instead, or stop the "
            "dashboard and run this command again."
        )


def default_db_path() -> Path:
    """The database file: $KPI_DB if set, else data/kpi.duckdb beside the code."""
    return Path(os.environ.get("KPI_DB") or DEFAULT_DB)


@cache
def sql_text(name: str) -> str:
    """The text of sql/queries/NAME.sql (cached: the files do not change while running)."""
    return (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def split_statements(script: str) -> list[tuple[str, frozenset[str]]]:
    """A script's statements, split by DuckDB's own parser, each with the $parameters it names.

    Semicolons inside strings and comments are DuckDB's business, not a text search's.
    """
    return [(s.query, frozenset(s.named_parameters)) for s in duckdb.extract_statements(script)]


@cache
def statements(name: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """sql/queries/NAME.sql as parsed statements (cached: parsed once per process)."""
    return tuple(split_statements(sql_text(name)))


def _migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        match = re.match(r"(\d+)_", path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


LATEST_SCHEMA_VERSION = max([1] + [n for n, _ in _migrations()])


def _busy_from(exc: Exception) -> DatabaseBusy | None:
    text = str(exc)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    match = re.search(r"held in (.+?) \(PID (\d+)\)", text)
    if match:
        return DatabaseBusy(match.group(2), _program(match.group(2), Path(match.group(1)).name))
    return DatabaseBusy(None, None)


def _program(pid: str, fallback: str) -> str:
    """What the holding process is, in words ("the dashboard: streamlit run app.py", not "python3.11")."""
    try:
        args = [Path(a).name for a in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0") if a]
    except (OSError, UnicodeDecodeError):
        return fallback
    if "streamlit" in args:
        return "the dashboard: " + " ".join(args[args.index("streamlit"):][:3])
    if len(args) > 2 and args[1] == "-m":
        return " ".join(args[:3])  # e.g. "python3.11 -m kpi"
    return " ".join(args[:2]) if len(args) > 1 and not args[1].startswith("-") else (args[0] if args else fallback)


class Store:
    """One open database file. Safe to share between threads; not between processes."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            busy = _busy_from(exc)
            if busy:
                raise busy from None
            raise StoreError(f"The database file could not be opened: {exc}") from None
        self._write_lock = threading.RLock()
        if not read_only:
            self._migrate()

    # -- reading ---------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor for one operation."""
        return self._con.cursor()

    def query(self, name: str, frames: dict[str, pd.DataFrame] | None = None, **params: Any) -> pd.DataFrame:
        """Run sql/queries/NAME.sql with bound $parameters and return a DataFrame.

        `frames` are registered as views for this cursor only (e.g. rows read from a return).
        """
        cur = self.cursor()
        try:
            return run(cur, name, frames, **params).df()
        finally:
            cur.close()

    def scalar(self, sql: str, params: list | dict | None = None) -> Any:
        cur = self.cursor()
        try:
            row = cur.execute(sql, params).fetchone()
            return row[0] if row else None
        finally:
            cur.close()

    def meta(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", [key])
        return default if value is None else value

    def home_area(self) -> str:
        """The home authority's DfE LA number (set by init-demo and import-dfe --home); Kent's 886 until set."""
        return self.meta("home_area") or DEFAULT_HOME_AREA

    def data_version(self) -> int:
        """Bumped by every committed write; the key for cached reads."""
        return int(self.meta(DATA_VERSION_KEY, "0"))

    def schema_version(self) -> int:
        return int(self.meta(SCHEMA_VERSION_KEY, "0"))

    # -- writing ---------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The single write path: one lock, one transaction, commit or roll back whole."""
        if self.read_only:
            raise StoreError("This database was opened read-only.")
        with self._write_lock:
            cur = self.cursor()
            cur.begin()
            try:
                yield cur
                cur.execute(
                    "INSERT INTO meta VALUES ($k, '1') ON CONFLICT (key) DO UPDATE "
                    "SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS VARCHAR)",
                    {"k": DATA_VERSION_KEY},
                )
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            finally:
                cur.close()

    def close(self) -> None:
        self._con.close()

    # -- schema ----------------------------------------------------------
    def _migrate(self) -> None:
        cur = self.cursor()
        try:
            has_meta = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
            ).fetchone()[0]
            current = 0
            if has_meta:
                row = cur.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_VERSION_KEY]).fetchone()
                current = int(row[0]) if row else 0
            steps: list[tuple[int, str]] = []
            if current < 1:
                steps.append((1, (SQL_DIR / "schema.sql").read_text(encoding="utf-8")))
            steps += [(n, p.read_text(encoding="utf-8")) for n, p in _migrations() if n > max(current, 1)]
            for version, script in steps:
                cur.begin()
                try:
                    for statement, _ in split_statements(script):
                        cur.execute(statement)
                    cur.execute(
                        "INSERT INTO meta VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v",
                        {"k": SCHEMA_VERSION_KEY, "v": str(version)},
                    )
                    cur.commit()
                except BaseException:
                    cur.rollback()
                    raise
        finally:
            cur.close()


def run(cur: duckdb.DuckDBPyConnection, name: str, frames: dict[str, pd.DataFrame] | None = None, **params: Any):
    """Run sql/queries/NAME.sql on a cursor: the one way any file in sql/queries runs.

    Each statement gets the $parameters it names (bound, never pasted in); `frames` are
    registered as views on this cursor first. Returns the cursor after the last statement.
    A parameter a statement names but the caller did not give is an error, not a NULL.
    """
    for view, frame in (frames or {}).items():
        cur.register(view, frame)
    result = None
    for statement, names in statements(name):
        missing = names - params.keys()
        if missing:
            raise TypeError(f"sql/queries/{name}.sql needs ${', $'.join(sorted(missing))}")
        result = cur.execute(statement, {k: params[k] for k in names} or None)
    return result
