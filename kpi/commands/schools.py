"""import-schools, school-figures, schools, schools-concern, school-targets, school-target, school-category,
school-measure, snapshot-schools: school-level data from the command line."""

from __future__ import annotations

import re
from datetime import date

from kpi.commands import Refused, add_db, current_user, open_db, print_json
from kpi.schools.files import SchoolImportError


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise Refused(f'"{text}" is not a date: write it as YYYY-MM-DD, e.g. 2025-08-31.')
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Refused(f'"{text}" is not a date: write it as YYYY-MM-DD, e.g. 2025-08-31.') from None


def cmd_import_schools(args) -> int:
    from kpi.schools.importer import import_paths

    try:
        s = import_paths(open_db(args), args.files, user=current_user(args))
    except SchoolImportError as exc:
        print(str(exc))
        for line in exc.problems[1:] if exc.problems and exc.problems[0] == str(exc) else exc.problems:
            print(line)
        return 2
    skipped = [f["file"] for f in s["files"] if not f["new"]]
    if len(skipped) == len(s["files"]):
        print(f"No changes: {', '.join(skipped)} {'was' if len(skipped) == 1 else 'were'} imported before.")
        return 0
    print(
        f"Imported {len(s['files']) - len(skipped)} file{'s' if len(s['files']) - len(skipped) != 1 else ''}: "
        f"{s['schools_new']:,} new schools, {s['inspections_new']:,} new inspections, {s['results_new']:,} new results "
        f"(now {s['schools']:,} schools, {s['inspections']:,} inspections); {s['seconds']:.1f} s."
        + (f" Already imported, skipped: {', '.join(skipped)}." if skipped else "")
    )
    return 0


def cmd_school_figures(args) -> int:
    from kpi.schools.measures import area_figures

    rows = area_figures(open_db(args, read_only=True), args.measure, _date(args.as_at), args.phase, args.category)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(
                f"{r['area']}\t{r['name']}\t{'' if r['value'] is None else r['value']}\t{r['numerator']}/{r['denominator']}"
            )
    return 0


def cmd_schools(args) -> int:
    from kpi.schools.measures import schools_json

    rows = schools_json(open_db(args, read_only=True), args.la, _date(args.as_at), args.measure)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(
                f"{r['urn']}\t{r['name']}\t{r['phase']}\t{r['grade'] or ''}\t{r['inspected'] or ''}\t{r['category'] or ''}"
            )
    return 0


def cmd_schools_concern(args) -> int:
    from kpi.schools.concern import concern_json

    rules = None if args.rules is None else [r.strip() for r in args.rules.split(",") if r.strip()]
    rows = concern_json(open_db(args, read_only=True), args.la, _date(args.as_at), rules, args.years)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['urn']}\t{r['name']}\t{r['why']}")
    return 0


def cmd_school_targets(args) -> int:
    from kpi.schools.targets import targets_json

    rows = targets_json(open_db(args, read_only=True), args.la, _date(args.as_at))
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['urn']}\t{r['name']}\t{r['status']}\t{r['reason']}")
    return 0


def cmd_school_target(args) -> int:
    from kpi.schools.targets import set_target, withdraw_target

    store = open_db(args)
    if args.withdraw:
        print(withdraw_target(store, args.urn, args.note or "", user=current_user(args)))
        return 0
    if not (args.rule and args.baseline and args.due):
        raise Refused("Give --rule, --baseline and --due (or --withdraw).")
    print(
        set_target(
            store, args.urn, args.rule, _date(args.baseline), _date(args.due), args.note or "", user=current_user(args)
        )
    )
    return 0


def cmd_school_category(args) -> int:
    from kpi.schools.views import set_la_category

    print(
        set_la_category(
            open_db(args),
            args.urn,
            args.category,
            args.note or "",
            _date(args.effective) or date.today(),
            user=current_user(args),
        )
    )
    return 0


def cmd_school_measure(args) -> int:
    from kpi.schools.links import link_indicator

    print(link_indicator(open_db(args, existing=True), args.code, args.measure, user=current_user(args)))
    return 0


def cmd_snapshot_schools(args) -> int:
    from kpi.schools.snapshot import write_snapshot

    print(write_snapshot(args.files))
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "import-schools", help="import school files: Ofsted outcomes, inspection history, register, KS2/KS4"
    )
    add_db(p)
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="CSV or XLSX files as published; recognised by their columns"
    )
    p.add_argument("--user", help="who is importing (default: the operating-system user)")
    p.set_defaults(func=cmd_import_schools)

    p = sub.add_parser("school-figures", help="a school-based measure for every LA, region and England at a date")
    add_db(p)
    p.add_argument(
        "--measure",
        required=True,
        help="good_or_outstanding, in_category, below_floor_ks2, "
        "below_p8_threshold, ks2_expected, ks4_attainment8, school_targets_met",
    )
    p.add_argument("--phase", help="primary, secondary, special, pru or nursery (default: all state-funded schools)")
    p.add_argument("--category", help="in_category only: SM or SWK (default: both)")
    p.add_argument("--as-at", required=True, help="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_school_figures)

    p = sub.add_parser("schools", help="an LA's schools at a date, with grade, inspection and category")
    add_db(p)
    p.add_argument("--la", required=True, help="DfE LA number, e.g. 886")
    p.add_argument("--as-at", help="YYYY-MM-DD (default: today)")
    p.add_argument("--measure", help="say for each school whether it is in this measure's numerator (counted)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_schools)

    p = sub.add_parser("schools-concern", help="an LA's schools causing concern by the rules it chooses, and why")
    add_db(p)
    p.add_argument("--la", required=True, help="DfE LA number, e.g. 886")
    p.add_argument("--as-at", help="YYYY-MM-DD (default: today)")
    p.add_argument(
        "--rules",
        help="comma-separated: in_category, ri_or_inadequate, declined, below_floor, "
        "not_inspected, target (default: the LA's saved rules, else all)",
    )
    p.add_argument("--years", type=int, help="N for not_inspected (default: the LA's saved N, else 5)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_schools_concern)

    p = sub.add_parser("school-targets", help="an LA's targets per school at a date, each school's rating and why")
    add_db(p)
    p.add_argument("--la", required=True, help="DfE LA number, e.g. 886")
    p.add_argument("--as-at", help="YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_school_targets)

    p = sub.add_parser("school-target", help="set, change or withdraw one school's target (audited)")
    add_db(p)
    p.add_argument("urn", help="the school's URN")
    p.add_argument("--rule", help="maintain_or_improve (maintain grade 1 or 2, or improve by one grade) or good")
    p.add_argument("--baseline", help="YYYY-MM-DD: the target runs from this date")
    p.add_argument("--due", help="YYYY-MM-DD")
    p.add_argument("--note")
    p.add_argument("--withdraw", action="store_true", help="withdraw the school's target")
    p.add_argument("--user", help="who is changing it (default: the operating-system user)")
    p.set_defaults(func=cmd_school_target)

    p = sub.add_parser("school-category", help="set one school's category in the LA's own programme (audited)")
    add_db(p)
    p.add_argument("urn", help="the school's URN")
    p.add_argument("category", help="e.g. 'Category 3: needs support'")
    p.add_argument("--note")
    p.add_argument("--from", dest="effective", help="YYYY-MM-DD (default: today)")
    p.add_argument("--user", help="who is changing it (default: the operating-system user)")
    p.set_defaults(func=cmd_school_category)

    p = sub.add_parser("school-measure", help="compute an indicator from schools: link it to a catalogue measure")
    add_db(p)
    p.add_argument("code", help="the indicator's code, e.g. GOOD-PRI")
    p.add_argument("measure", help='e.g. good_or_outstanding:primary, in_category:SM; "none" removes the link')
    p.add_argument("--user", help="who is changing it (default: the operating-system user)")
    p.set_defaults(func=cmd_school_measure)

    p = sub.add_parser("snapshot-schools", help="refresh the built-in school data (data/schools/) from official files")
    p.add_argument("files", nargs="+", metavar="FILE", help="the official school files, as for import-schools")
    p.set_defaults(func=cmd_snapshot_schools)
