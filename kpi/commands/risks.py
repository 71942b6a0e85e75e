"""risks: a plan's risk register (risks and issues) as a table or JSON."""

from __future__ import annotations

from kpi.commands import Refused, add_db, open_db, print_json
from kpi.risk_register import as_json, risks_frame
from kpi.risks import score_words


def cmd_risks(args) -> int:
    store = open_db(args, read_only=True)
    if args.plan and not store.scalar("SELECT count(*) FROM plans WHERE plan_code = ?", [args.plan]):
        known = ", ".join(store.query("board_priorities")["plan_code"].drop_duplicates())
        raise Refused(f'"{args.plan}" is not a plan in this database. Plans: {known}.')
    rows = as_json(risks_frame(store, args.plan))
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No risks recorded" + (f" for {args.plan}." if args.plan else "."))
    for r in rows:
        review = f", review {r['review']}" if r["review"] else ""
        print(f"{r['plan']} {r['code']}: {r['risk']} — {score_words(r['score'])}, {r['status']}{review}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("risks", help="list a plan's risks and issues")
    add_db(p)
    p.add_argument("--plan", help="plan code (default: every plan)")
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON objects: plan, code, risk, mitigation, owner, likelihood, impact, score, status, review, priorities",
    )
    p.set_defaults(func=cmd_risks)
