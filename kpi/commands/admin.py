"""hash-password, audit, backup, restore: the administrator's commands (exit 2 with a plain message on refusal)."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date

from kpi import audit
from kpi.auth import hash_password
from kpi.backup import backup, restore
from kpi.commands import add_db, current_user, open_db, print_json


def cmd_hash_password(args) -> int:
    """Prompt twice on a terminal; otherwise read the first line of stdin (for scripts)."""
    if sys.stdin.isatty():
        first = getpass.getpass("New password: ")
        if first != getpass.getpass("Same password again: "):
            print("The two passwords differ. Nothing was made; run the command again.", file=sys.stderr)
            return 2
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if not first:
        print("The password is empty. Give a password to hash.", file=sys.stderr)
        return 2
    print(hash_password(first))
    print(
        'Put it in .streamlit/secrets.toml as: [users.NAME] password_hash = "..." and role = "viewer", '
        '"officer" or "admin".',
        file=sys.stderr,
    )
    return 0


def cmd_audit(args) -> int:
    store = open_db(args, read_only=True)
    if args.verify:
        check = audit.verify(store)
        print(check.message(), file=sys.stdout if check.ok else sys.stderr)
        return 0 if check.ok else 1
    rows = audit.as_records(audit.read(store, user=args.user_filter, action=args.action, since=args.since))
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['at']}  {r['user']:<16} {r['action']:<12} {r['detail']}")
    return 0


def cmd_backup(args) -> int:
    store = open_db(args, existing=True)  # read-write: the backup is itself an audit row
    done = backup(store, args.out, user=current_user(args))
    print(
        f"Backed up {store.path} to {done.folder}: manifest SHA-256 {done.manifest_sha256}; audit log "
        f"{done.audit.rows:,} rows, last hash {done.audit.head}. Restore it with: python -m kpi restore "
        f"{done.folder} --db NEW_FILE"
    )
    if done.note:
        print(done.note, file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    done = restore(args.dir, args.db, user=current_user(args), accept_unverified=args.accept_unverified)
    checked = "every file matched its checksum and " if done.verified else "(unverified: no manifest) "
    print(
        f"Restored {args.dir} into {done.target}: {checked}the audit log's {done.audit.rows:,} rows verify "
        f"(last hash {done.audit.head})."
    )
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date: write it as YYYY-MM-DD, e.g. 2026-01-31.') from None


def register(sub) -> None:
    p = sub.add_parser("hash-password", help="make a password hash for [users.NAME] in secrets.toml")
    p.set_defaults(func=cmd_hash_password)

    p = sub.add_parser("audit", help="the audit log: who changed what, when (newest first)")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", dest="user_filter", help="only this user's entries")
    p.add_argument("--action", help="only this action (upload, undo, commentary, ...)")
    p.add_argument("--since", type=_day, help="only entries on or after this date (YYYY-MM-DD)")
    p.add_argument(
        "--verify",
        action="store_true",
        help="check that no row has been changed, removed, inserted or renumbered (exit 1 naming the "
        "first row that does not match)",
    )
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("backup", help="export the whole database to a new folder")
    add_db(p)
    p.add_argument("--out", required=True, help="a new (or empty) folder for the backup")
    p.add_argument("--user", help="who is taking it, for the audit log (default: the operating-system user)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="build a new database file from a backup folder")
    p.add_argument("dir", help="the folder a backup wrote")
    p.add_argument("--db", required=True, help="the new database file (must not exist yet)")
    p.add_argument("--user", help="who is restoring, for the audit log (default: the operating-system user)")
    p.add_argument(
        "--accept-unverified",
        action="store_true",
        help="restore a backup made before manifests (its files cannot be checked)",
    )
    p.set_defaults(func=cmd_restore)
