"""update-data: refresh DfE's national data from the official published files (a folder or a web address)."""

from __future__ import annotations

from kpi.commands import add_db, current_user, open_db
from kpi.national_data import PUBLISHED_URL, update_data


def change_lines(summary: dict) -> list[str]:
    """What a refresh changed, in words: new measures, new years, measures no longer published."""
    changes = summary.get("changes") or {}
    if changes.get("first_load"):
        return ["First national load: nothing to compare with."]
    lines = []
    if changes.get("new_measures"):
        lines.append(f"New measures ({len(changes['new_measures'])}): {', '.join(changes['new_measures'])}")
    for measure, years in (changes.get("new_years") or {}).items():
        lines.append(f"New years for {measure}: {', '.join(years)}")
    if changes.get("removed_measures"):
        lines.append(
            f"No longer in DfE's file ({len(changes['removed_measures'])}): {', '.join(changes['removed_measures'])}"
        )
    return lines or ["No new measures or years: the figures were reloaded as published."]


def cmd_update_data(args) -> int:
    summary = update_data(open_db(args), args.source, user=current_user(args))
    print(
        f"Updated DfE's national data from {args.source}: {summary['values']:,} values for "
        f"{summary['measures']} measures, {summary['las']} LAs; neighbour models: "
        f"{', '.join(summary['models'].values())}; home authority {summary['home']} kept; {summary['seconds']:.1f} s."
    )
    for line in change_lines(summary):
        print(line)
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "update-data",
        help="refresh DfE's national data (LAIT, neighbours, dictionary) from the "
        "official files; keeps the council's own data",
    )
    add_db(p)
    p.add_argument(
        "--from",
        dest="source",
        default=PUBLISHED_URL,
        help="a folder or a base web address holding DfE's files under their published names "
        f"(default: {PUBLISHED_URL})",
    )
    p.add_argument("--user", help="who is updating (default: the operating-system user)")
    p.set_defaults(func=cmd_update_data)
