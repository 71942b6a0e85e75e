"""init-demo, load, status, series: the foundation's public commands (names, flags and JSON keys are stable)."""

from __future__ import annotations

import sys
from pathlib import Path

from kpi import figures
from kpi.commands import add_db, current_user, open_db, print_json
from kpi.demo import build_demo
from kpi.returns import MAX_UPLOAD_BYTES, load_return


def cmd_init_demo(args) -> int:
    print(build_demo(open_db(args)))
    return 0


def cmd_load(args) -> int:
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_UPLOAD_BYTES:  # refuse before reading it into memory
            print(
                f"{path.name}: the file is {path.stat().st_size / 1048576:.1f} MB; the limit is "
                f"{MAX_UPLOAD_BYTES // 1048576} MB. Split the return into smaller files."
            )
            return 2
        data = path.read_bytes()
    except OSError:
        print(f"{path.name}: the file cannot be read. Check the name and that you may open it.", file=sys.stderr)
        return 2
    store = open_db(args, read_only=args.dry_run)  # a dry run never creates or changes a database
    result = load_return(store, data, path.name, user=current_user(args), dry_run=args.dry_run)
    if not result.ok:
        for problem in result.problems:
            print(str(problem))
        return 2
    changes = result.changes
    if args.dry_run:
        print_preview(changes)
        print(f"Dry run: {changes.summary()}. Nothing was written.")
    else:
        if result.upload_id is None:
            print(f"No changes: {changes.summary()}.")
        else:
            print(f"Loaded {path.name} as upload {result.upload_id}: {changes.summary()}.")
        for warning in changes.parsed.warnings:  # each one, with its cell: a count alone helps nobody
            print(f"warning  {warning}")
    return 0


def print_preview(changes) -> None:
    labels = changes.period_labels
    for row in changes.new.itertuples():
        print(
            f"new      {row.where}: {row.indicator_code} {labels.get(row.period_key, row.period_key)} "
            f"{row.measure} = {_v(row.value, row.text)}"
        )
    for row in changes.changed.itertuples():
        print(
            f"changed  {row.where}: {row.indicator_code} {labels.get(row.period_key, row.period_key)} {row.measure}: "
            f"{_v(row.old_value, row.old_text)} -> {_v(row.value, row.text)}"
        )
    print(f"unchanged {changes.unchanged_count} values")
    for warning in changes.parsed.warnings:
        print(f"warning  {warning}")


def _v(value, text):
    import math

    if isinstance(text, str):
        return text
    return "(blank)" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:g}"


def cmd_status(args) -> int:
    store = open_db(args, read_only=True)
    rows = figures.status(store)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['code']:<14} {str(r['period'] or ''):<8} {r['rag']:<9} {r['direction'] or '':<10} {r['title']}")
    return 0


def cmd_series(args) -> int:
    store = open_db(args, read_only=True)
    rows = figures.series(store, args.code)
    if not rows and args.code.lower() not in (c.lower() for c in figures.indicator_codes(store)):
        print(f'"{args.code}" is not a known indicator. Run "python -m kpi status" to list them.', file=sys.stderr)
        return 2
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(
                f"{r['period']:<8} actual={r['actual']} target={r['target']} rag={r['rag']} direction={r['direction']}"
            )
    return 0


def register(sub) -> None:
    p = sub.add_parser("init-demo", help="build the demo database from data/demo")
    add_db(p)
    p.set_defaults(func=cmd_init_demo)

    p = sub.add_parser("load", help="validate a return and write it in one transaction")
    p.add_argument("file")
    add_db(p)
    p.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    p.add_argument("--user", help="who is loading (default: the operating-system user)")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("status", help="latest figures per indicator")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("series", help="every period of one indicator")
    p.add_argument("code")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_series)
