"""The DuckDB store: open and migrate the file, run named queries from sql/, own the one write path.

The file is open only for the moment of each operation (connect, work, close), so the
dashboard and the command line can both use it: DuckDB lets one process at a time hold a
file, and a process that is not in the middle of an operation holds nothing. Connections
made while another is open in the same process share DuckDB's one instance (a fraction of a
millisecond); the first costs a full open (about 30 ms for the demo file, docs/benchmarks.md).

Writes go through `transaction()`: a lock file beside the database (fcntl.flock, held by one
process and one thread at a time) keeps one writer, DuckDB runs it as one transaction, and
the data version is bumped in that same transaction. A DuckDB lock held by another process is
waited for (KPI_DB_WAIT seconds, 60 by default), then refused plainly. `data_version()` is
cheap: it re-reads the version only when the file's or its WAL's metadata has changed, so a
page can check it on every run, and caches keyed on it see every committed write at once.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import threading
import time
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
DEFAULT_WAIT_SECONDS = 60.0

log = logging.getLogger("kpi.store")

# DuckDB's Python module races when threads connect to (or drop) the same database instance at once
# (a connection may miss the pandas scan function), so connecting and closing take turns in a process.
_CONNECT_LOCK = threading.Lock()
# Plain reads kept per Store until the file changes: only small results (the caches of pages hold the big ones).
QUERY_MEMO_ROWS = 20_000
QUERY_MEMO_ENTRIES = 256


class StoreError(UserError):
    """A problem with the database that a user can act on; the message says how (and names no path)."""


class DatabaseBusy(StoreError):
    """Another process kept the database file for longer than this one would wait."""

    def __init__(self, pid: str | None, program: str | None, waited: float = 0.0):
        self.pid, self.program = pid, program
        who = f"another program (PID {pid}, {program})" if pid else "another program"
        super().__init__(
            f"The database is in use by {who} and stayed busy for {waited:.0f} seconds. Only one program may "
            "change it at a time; try again when that one has finished (a long import can take a minute)."
        )


class DatabaseMissing(StoreError):
    """A read was asked of a database file that does not exist (reads never create one)."""


class DatabaseUnreadable(StoreError):
    """The file exists but is not a readable DuckDB database (damaged, truncated, or another kind of file)."""


class DatabaseNotWritable(StoreError):
    """The database cannot take a change just now: the disk is full, or the file or its folder is read-only."""


MISSING = (
    "There is no database here yet. Check the database setting (KPI_DB or --db) for a typing mistake; "
    "a new database is made only by the dashboard or a command that writes (init-demo, load, import-dfe)."
)
UNREADABLE = (
    "The database file cannot be read: it is damaged or is not a database. Nothing was changed. "
    "An administrator can restore the latest backup (python -m kpi restore); the log has the details."
)
DISK_FULL = (
    "The change could not be saved because the disk is full. Nothing was changed. Ask your administrator "
    "to free some space, then try again; the log has the details."
)
READ_ONLY = (
    "The change could not be saved because the database is read-only here. Nothing was changed. Ask your "
    "administrator to make the database file and its folder writable; the log has the details."
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


def _busy_from(exc: Exception, waited: float = 0.0) -> DatabaseBusy | None:
    text = str(exc)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    match = re.search(r"held in (.+?) \(PID (\d+)\)", text)
    if match:
        return DatabaseBusy(match.group(2), _program(match.group(2), Path(match.group(1)).name), waited)
    return DatabaseBusy(None, None, waited)


def _program(pid: str, fallback: str) -> str:
    """What the holding process is, in words ("the dashboard: streamlit run app.py", not "python3.11")."""
    try:
        args = [Path(a).name for a in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0") if a]
    except (OSError, UnicodeDecodeError):
        return fallback
    if "streamlit" in args:
        return "the dashboard: " + " ".join(args[args.index("streamlit") :][:3])
    if len(args) > 2 and args[1] == "-m":
        return " ".join(args[:3])  # e.g. "python3.11 -m kpi"
    return " ".join(args[:2]) if len(args) > 1 and not args[1].startswith("-") else (args[0] if args else fallback)


def _write_fault(exc: BaseException) -> DatabaseNotWritable | None:
    """A full disk or a read-only file, in DuckDB's words or the operating system's."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DatabaseNotWritable(DISK_FULL)
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseNotWritable(READ_ONLY)
    text = str(exc).lower()
    if "no space left" in text or "disk quota" in text or "could not write" in text and "space" in text:
        return DatabaseNotWritable(DISK_FULL)
    if (
        "read-only file system" in text
        or "permission denied" in text
        or "attempting to write" in text
        and "read-only" in text
    ):
        return DatabaseNotWritable(READ_ONLY)
    return None


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection from `Store.cursor()` (taking turns with connects; see _CONNECT_LOCK)."""
    with _CONNECT_LOCK:
        con.close()


def wait_seconds() -> float:
    """How long to wait for another process's hold on the file: $KPI_DB_WAIT, else 60 seconds."""
    try:
        return max(0.0, float(os.environ.get("KPI_DB_WAIT", DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


class Store:
    """One database file, opened for each operation. Safe to share between threads and beside other processes."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False, wait: float | None = None):
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        self.wait = wait_seconds() if wait is None else wait
        self._thread_write_lock = threading.RLock()
        self._local_commits = 0  # in-process commits, part of the version token
        self._version_memo: tuple[Any, int] | None = None
        self._query_memo: dict[tuple, tuple[Any, pd.DataFrame]] = {}  # (query, params) -> (version token, rows)
        self._memo_lock = threading.Lock()
        if read_only or not self.path.exists():
            if read_only and not self.path.is_file():
                raise DatabaseMissing(MISSING)
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._fault("create the database's folder", exc) from None
        if self._needs_migration():
            self._migrate()

    # -- opening -----------------------------------------------------------
    def _fault(self, doing: str, exc: BaseException) -> StoreError:
        """The plain error for a failed operation; the administrator's details (path, DuckDB's words) go to the log."""
        if isinstance(exc, StoreError):
            return exc
        fault = _write_fault(exc)
        if fault is None and isinstance(exc, duckdb.Error) and "database does not exist" in str(exc):
            fault = DatabaseMissing(MISSING)
        if fault is None:
            fault = DatabaseUnreadable(UNREADABLE)
        log.error("Database %s: could not %s: %s: %s", self.path, doing, type(exc).__name__, exc)
        return fault

    def _open(self, *, for_write: bool = False) -> duckdb.DuckDBPyConnection:
        """A new connection, waiting up to `self.wait` seconds while another process holds the file.

        A read-write store whose file has become read-only (a read-only mount, changed permissions)
        still reads, through a read-only connection; only writes are refused.
        """
        started, pause = time.monotonic(), 0.005
        read_only = self.read_only
        while True:
            try:
                with _CONNECT_LOCK:
                    try:
                        return duckdb.connect(str(self.path), read_only=read_only)
                    except duckdb.ConnectionException:
                        # this process already has the file open the other way (read-write vs read-only): share it
                        return duckdb.connect(str(self.path), read_only=not read_only)
            except duckdb.Error as exc:
                waited = time.monotonic() - started
                busy = _busy_from(exc, waited)
                if busy is None:
                    fault = self._fault("open the database", exc)
                    if isinstance(fault, DatabaseNotWritable) and not read_only and not for_write:
                        read_only = True
                        continue
                    raise fault from None
                if waited >= self.wait:
                    log.warning("Database %s: gave up after %.1f s: %s", self.path, waited, exc)
                    raise busy from None
                time.sleep(pause)
                pause = min(pause * 2, 0.1)

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._open()
        try:
            yield con
        finally:
            close(con)

    # -- reading ---------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection for one operation; close it when done (the file stays held until then)."""
        return self._open()

    def query(self, name: str, frames: dict[str, pd.DataFrame] | None = None, **params: Any) -> pd.DataFrame:
        """Run sql/queries/NAME.sql with bound $parameters and return a DataFrame.

        `frames` are registered as views for this connection only (e.g. rows read from a return).
        Small results of plain reads are kept until the file changes (`version_token`: any commit, by this
        process or another, changes it), so a page that asks for the plans, the actions or the risk register
        on every run opens the file only when there is something new to read.
        """
        key = None
        if frames is None:
            key = (name, repr(sorted(params.items())))
            token = self.version_token()
            with self._memo_lock:
                held = self._query_memo.get(key)
            if held is not None and held[0] == token:
                return held[1].copy()
        try:
            with self._connection() as cur:
                frame = run(cur, name, frames, **params).df()
        except (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException, OSError) as exc:
            raise self._fault(f"run {name}", exc) from None
        if key is not None and len(frame) <= QUERY_MEMO_ROWS:
            with self._memo_lock:
                self._query_memo[key] = (token, frame.copy())
                while len(self._query_memo) > QUERY_MEMO_ENTRIES:
                    self._query_memo.pop(next(iter(self._query_memo)))
        return frame

    def scalar(self, sql: str, params: list | dict | None = None) -> Any:
        try:
            with self._connection() as cur:
                row = cur.execute(sql, params).fetchone()
                return row[0] if row else None
        except (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException, OSError) as exc:
            raise self._fault("read", exc) from None

    def meta(self, key: str, default: str | None = None) -> str | None:
        value = self.query("meta_value", key=key)["value"]
        return default if value.empty or value.iloc[0] is None else value.iloc[0]

    def home_area(self) -> str:
        """The home authority's DfE LA number (set by init-demo and import-dfe --home); Kent's 886 until set."""
        return self.meta("home_area") or DEFAULT_HOME_AREA

    def version_token(self) -> tuple:
        """What changes whenever a commit may have happened: the file's and its WAL's metadata (two stat calls)."""
        parts: list[Any] = [self._local_commits]
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = path.stat()
                parts.append((st.st_ino, st.st_size, st.st_mtime_ns))
            except OSError:
                parts.append(None)
        return tuple(parts)

    def data_version(self) -> int:
        """Bumped by every committed write; the key for cached reads. Re-read only when the file has changed.

        While another process holds the file, the last version read is returned at once, so pages keep
        serving their caches during a long import rather than waiting for it.
        """
        token, memo = self.version_token(), self._version_memo
        if memo is not None and memo[0] == token:
            return memo[1]
        try:
            version = int(self.meta(DATA_VERSION_KEY, "0"))
        except DatabaseBusy:
            if memo is None:
                raise
            return memo[1]
        self._version_memo = (token, version)
        return version

    def schema_version(self) -> int:
        return int(self.meta(SCHEMA_VERSION_KEY, "0"))

    # -- writing ---------------------------------------------------------
    @contextmanager
    def _writer_lock(self) -> Iterator[None]:
        """One writer across threads and processes: flock on `<db>.lock`, waited for like DuckDB's own lock."""
        with self._thread_write_lock:
            lock_path = self.path.with_name(self.path.name + ".lock")
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o664)
            except OSError as exc:
                raise self._fault("open the writer's lock file", exc) from None
            try:
                started, pause = time.monotonic(), 0.005
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        waited = time.monotonic() - started
                        if waited >= self.wait:
                            raise DatabaseBusy(None, None, waited) from None
                        time.sleep(pause)
                        pause = min(pause * 2, 0.1)
                yield
            finally:
                os.close(fd)  # releases the flock

    @contextmanager
    def transaction(self, *, bump_version: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """The single write path: one writer, one transaction, commit or roll back whole.

        bump_version=False is for writes no figure depends on (sign-ins, the audit rows of a backup), so
        that they do not empty every page's cache: a stranger's failed sign-ins must not slow the dashboard.
        """
        if self.read_only:
            raise StoreError("This database was opened read-only.")
        with self._writer_lock():
            cur = self._open(for_write=True)
            try:
                cur.begin()
                try:
                    yield cur
                    if bump_version:
                        cur.execute(
                            "INSERT INTO meta VALUES ($k, '1') ON CONFLICT (key) DO UPDATE "
                            "SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS VARCHAR)",
                            {"k": DATA_VERSION_KEY},
                        )
                    cur.commit()
                except BaseException as exc:
                    try:
                        cur.rollback()
                    except duckdb.Error:
                        pass  # a failed commit has already rolled back
                    fault = _write_fault(exc)
                    if fault is not None:
                        log.error(
                            "Database %s: a change could not be saved: %s: %s", self.path, type(exc).__name__, exc
                        )
                        raise fault from None
                    if isinstance(exc, (duckdb.IOException, duckdb.InternalException)):
                        raise self._fault("save a change", exc) from None  # a damaged file: plain words
                    raise
            finally:
                self._local_commits += 1
                try:
                    close(cur)  # the last connection's close checkpoints; a failure there loses nothing committed
                except duckdb.Error as exc:
                    log.error("Database %s: closing after a change failed: %s", self.path, exc)

    def close(self) -> None:
        """Nothing to release: the file is held only during an operation (kept for callers that tidy up)."""

    # -- schema ----------------------------------------------------------
    def _needs_migration(self) -> bool:
        if not self.path.exists():
            return True
        try:
            with self._connection() as cur:
                has_meta = cur.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
                ).fetchone()[0]
                if not has_meta:
                    return True
                row = cur.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_VERSION_KEY]).fetchone()
        except duckdb.Error as exc:
            raise self._fault("read the schema version", exc) from None
        return (int(row[0]) if row else 0) < max([1] + [n for n, _ in _migrations()])

    def _migrate(self) -> None:
        if self.read_only:
            raise StoreError(
                "This database was made by an older version of the dashboard. Open it once with "
                "the dashboard, or run a command that writes, to bring it up to date."
            )
        try:
            with self._writer_lock(), self._connection() as cur:
                self._apply_migrations(cur)
        except duckdb.Error as exc:
            raise self._fault("create or upgrade the database", exc) from None

    @staticmethod
    def _apply_migrations(cur, upto: int | None = None) -> None:
        """Bring the file's schema up to the latest version (or to `upto`, for a restore that fills an older one)."""
        has_meta = cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
        current = 0
        if has_meta:
            row = cur.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_VERSION_KEY]).fetchone()
            current = int(row[0]) if row else 0
        steps: list[tuple[int, str]] = []
        if current < 1:
            steps.append((1, (SQL_DIR / "schema.sql").read_text(encoding="utf-8")))
        steps += [
            (n, p.read_text(encoding="utf-8"))
            for n, p in _migrations()
            if n > max(current, 1) and (upto is None or n <= upto)
        ]
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
