"""template, uploads, undo: the returns workflow on the command line (the Upload pages call the same functions)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from kpi.commands import Refused, add_db, current_user, open_db, print_json
from kpi.returns import build_template, plan_undo, undo_upload

UPLOAD_KEYS = (
    "id",
    "user",
    "file",
    "loaded_at",
    "layout",
    "added",
    "changed",
    "unchanged",
    "warnings",
    "undone_at",
    "undone_by",
    "sha256",
)


def cmd_template(args) -> int:
    data = build_template(open_db(args, read_only=True), priority=args.priority, period=args.period, plan=args.plan)
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise Refused(f"{out}: cannot write the template ({exc.strerror}). Is it open in Excel?") from None
    print(f"Wrote {out}.")
    return 0


def _plain(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "isoformat"):
        return None if str(value) == "NaT" else value.isoformat(sep=" ")
    return value.item() if hasattr(value, "item") else value


def upload_records(store) -> list[dict]:
    frame = store.query("uploads")
    return [{key: _plain(row[key]) for key in UPLOAD_KEYS} for row in frame.to_dict("records")]


def cmd_uploads(args) -> int:
    store = open_db(args, read_only=True)
    rows = upload_records(store)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        undone = f"  undone {r['undone_at']} by {r['undone_by']}" if r["undone_at"] else ""
        print(
            f"{r['id']:>4}  {r['loaded_at']}  {r['user']:<12} {r['file']:<30} "
            f"{r['added']} new, {r['changed']} changed{undone}"
        )
    return 0


def _yes(question: str) -> bool:
    answer = input(f"{question} [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def cmd_undo(args) -> int:
    """Say what the undo will remove, ask (twice when others stand on it) unless --yes, then undo."""
    store = open_db(args, existing=True)
    plan = plan_undo(store, args.id)
    print(plan.summary())
    if plan.indicators:
        print("Indicators: " + "; ".join(plan.indicators))
    for note in plan.notes():
        print(note)
    for caution in plan.cautions():
        print(caution)
    if not args.yes:
        if not sys.stdin.isatty():
            raise Refused(
                f"Nothing was undone: undo asks before it removes anything. Run it at a terminal, "
                f"or add --yes to undo upload {args.id} without asking."
            )
        if not _yes(f"Undo upload {args.id}?") or (plan.needs_second_confirmation and not _yes("Undo it anyway?")):
            print("Nothing was undone.")
            return 1
    undo_upload(store, args.id, user=current_user(args), expected_version=plan.data_version)
    print(f"Upload {args.id} undone: the values it replaced are back.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("template", help="write an .xlsx return for officers to fill in")
    add_db(p)
    p.add_argument("--out", required=True, help="the .xlsx file to write")
    p.add_argument("--plan", help="only this plan's indicators (its code); by default the main plan's authority's")
    p.add_argument("--priority", help="only this priority's indicators (code such as P3, or its title)")
    p.add_argument("--period", help="the period to collect, e.g. 2013, 2013/14, Sep 13, Q2 2013-14")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("uploads", help="list uploads: who, when, file, counts")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_uploads)

    p = sub.add_parser("undo", help="undo an upload, restoring exactly the values it replaced")
    p.add_argument("id", type=int)
    add_db(p)
    p.add_argument("--user", help="who is undoing (default: the operating-system user)")
    p.add_argument("--yes", action="store_true", help="undo without asking (it still says what it removed)")
    p.set_defaults(func=cmd_undo)
