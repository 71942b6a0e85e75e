"""The command line: every module in this package adds its subcommands.

Each module defines `register(subparsers)`, adding parsers whose `func(args)` returns the
exit code: 0 done, 2 invalid input or a refusal the user can fix (the message says how).
Every such refusal is a kpi.errors.UserError, whose message is already a plain instruction;
`main` prints it and exits 2, so no command repeats that handling.
Messages go to stderr as plain lines; --json output goes to stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import math
import os
import pkgutil
import re
import sys

from kpi.errors import UserError
from kpi.store import DatabaseMissing, Store


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default: $KPI_DB or data/kpi.duckdb)")


def open_db(args, *, read_only: bool = False, existing: bool = False) -> Store:
    """The --db store. Reads (read_only) and changes to what must already be there (existing: undo, backup)
    never create a database, so a mistyped path is refused instead of leaving an empty file behind."""
    if existing and not read_only:
        Store(args.db, read_only=True)  # DatabaseMissing, in plain words, for a path with no database
    return Store(args.db, read_only=read_only)


def current_user(args) -> str:
    """--user, else the operating-system user: every change is attributable."""
    name = getattr(args, "user", None)
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except Exception:
        return os.environ.get("USER") or "unknown"


def _finite(value):
    """JSON has no Infinity or NaN: such a figure is written as null (no figure)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def print_json(data) -> None:
    json.dump(_finite(data), sys.stdout, indent=2, ensure_ascii=False, default=str, allow_nan=False)
    sys.stdout.write("\n")


_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _TerminalSafe:
    """Wraps stdout/stderr so stored text cannot drive the terminal: control characters (ESC above all)
    are shown as visible escapes such as \\x1b. JSON already escapes them, so it passes unchanged."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_TERMINAL_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


class Refused(UserError):
    """A command stops here; the message tells the user what to do."""


def _modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        yield importlib.import_module(f"{__name__}.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kpi", description="School-improvement KPI dashboard: command line."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for module in _modules():
        module.register(sub)
    return parser


def _log_for_the_administrator() -> None:
    """Details of database faults (paths, DuckDB's own words) go to $KPI_LOG when set, never to the screen."""
    logger = logging.getLogger("kpi")
    if logger.handlers:
        return
    target = os.environ.get("KPI_LOG")
    try:
        handler = logging.FileHandler(target, encoding="utf-8") if target else logging.NullHandler()
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _log_for_the_administrator()
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalSafe(sys.stdout), _TerminalSafe(sys.stderr)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(args) -> int:
    try:
        return int(args.func(args) or 0)
    except DatabaseMissing as exc:  # most often a mistyped --db: name what was typed
        print(f"{getattr(args, 'db', None) or 'database'}: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:  # busy, damaged, full disk, read-only and every refusal: plain words; details in $KPI_LOG
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `status | head`: the reader has gone, which is not an error
        sys.stderr.close()
        return 0
    except Exception as exc:  # a fault nobody foresaw: a plain line here, the traceback in $KPI_LOG
        logging.getLogger("kpi.commands").exception("python -m kpi %s failed", args.command)
        print(
            f"The command stopped on an unexpected problem ({type(exc).__name__}); nothing was changed. "
            "Set KPI_LOG=FILE and run it again to record the details for the administrator.",
            file=sys.stderr,
        )
        return 1
