"""The built-in demo: five published council plans, written by the project from their own figures.

It goes through the same reader and change set as an uploaded return, so the demo also
proves the load path. Building it twice changes nothing the second time.
"""

from __future__ import annotations

from pathlib import Path

from kpi.errors import UserError
from kpi.national_data import load_snapshot_if_empty
from kpi.returns import apply_changes, plan_changes, read_demo
from kpi.returns.cells import csv_sheet
from kpi.returns.parsed import Problem
from kpi.store import ROOT, Store

DEMO_DIR = ROOT / "data" / "demo"
DEMO_HOME = "886"


DEMO_SOURCES = (
    "Kent County Council's Standards and School Improvement business plan 2013-14 (figures, targets, ratings, "
    "actions and risks); Sandwell's Local Area Agreement implementation plan 2008-11 (outcomes, actions, risks and "
    "its 2008/09 targets); Central Bedfordshire's commissioning brief for school improvement services (2010-13) "
    "and its Partnership Vision for Education 2015-19 (targets and milestones); and the Building Schools for the "
    "Future model Collective Partnership Targets"
)


def demo_notice(short: bool = False) -> str:
    """What the demo is, in a council reader's words (the banner, the board pack's cover)."""
    if short:
        return (
            "Demo data written from published council plans (five of them), not live returns. Where a plan "
            "gives no figure, none is shown."
        )
    return (
        f"You are looking at demo data, written from five published plans: {DEMO_SOURCES}. Where a plan gives "
        "no figure, none is shown. Upload a return to use your own."
    )


class DemoError(UserError):
    pass


def _write_areas(store: Store, folder: Path) -> None:
    sheet = csv_sheet(folder / "areas.csv")
    held = set(store.query("area_codes")["area_code"])
    if {row[0].text for row in sheet.rows[1:]} <= held and store.meta("demo") == "true":
        return  # nothing to add: a second build writes nothing and leaves the data version alone
    with store.transaction() as cur:
        for row in sheet.rows[1:]:
            code, name, kind = (c.text for c in row[:3])
            cur.execute(
                "INSERT INTO areas (area_code, name, kind) VALUES (?, ?, ?) ON CONFLICT (area_code) DO NOTHING",
                [code, name, kind],
            )
        cur.execute("INSERT INTO meta VALUES ('home_area', ?) ON CONFLICT (key) DO NOTHING", [DEMO_HOME])
        cur.execute("INSERT INTO meta VALUES ('demo', 'true') ON CONFLICT (key) DO NOTHING")


def build_demo(store: Store, folder: Path = DEMO_DIR, *, school_links: bool = True) -> str:
    """Load the demo into the store; returns a one-line summary.

    school_links=False leaves every indicator as the published plan typed it (the tests of the plan's own
    figures use that); the school snapshot is loaded either way.
    """
    if store.meta("demo") is None and store.scalar("SELECT count(*) FROM indicators"):
        raise DemoError(
            "This database already holds an authority's own indicators; the demo is only built "
            "into a new or demo database."
        )
    _write_areas(store, folder)
    _write_board_plans(store, folder)
    parsed = read_demo(folder, store)
    if parsed.problems:
        raise DemoError("The demo files have problems:\n" + "\n".join(str(p) for p in parsed.problems))
    changes = plan_changes(store, parsed)
    if changes.problems:
        raise DemoError("The demo files have problems:\n" + "\n".join(str(p) for p in changes.problems))
    upload = apply_changes(store, changes, user="demo", file_name="data/demo", sha256="demo")
    board = load_board_demo(store, folder)
    national = load_snapshot_if_empty(store)  # after the plans, so their own period labels stand
    schools = load_school_demo(store, folder, links=school_links)
    return (
        f"Demo data: {changes.summary()}; {board}"
        + ("; DfE's national data loaded" if national else "")
        + schools
        + ("" if upload else " (already loaded)")
    )


def load_school_demo(store: Store, folder: Path = DEMO_DIR, *, links: bool = True) -> str:
    """The built-in school snapshot (data/schools/) and the demo indicators computed from it (school_links.csv)."""
    from kpi.schools.links import link_many
    from kpi.schools.snapshot import load_snapshot

    loaded = load_snapshot(store, user="demo")
    wanted = {}
    if links:
        specs = {row[0].text: row[1].text for row in csv_sheet(folder / "school_links.csv").rows[1:]}
        held = dict(store.query("indicator_definitions")[["code", "school_measure"]].itertuples(index=False))
        wanted = {code: spec for code, spec in specs.items() if code in held and held[code] != spec}
    if wanted:
        with store.transaction() as cur:
            link_many(cur, wanted)
    return f"; school data loaded, {len(wanted)} indicators computed from schools" if loaded or wanted else ""


def _write_board_plans(store: Store, folder: Path) -> None:
    """Seed 003's plan and work streams, before any indicator names them."""
    plans = csv_sheet(folder / "board_plans.csv")
    new_rows = []
    for row in plans.rows[1:]:
        plan, title, area, org, code, prio_title, order = (c.text for c in row[:7])
        new_rows.append((plan, title, area, org, code, prio_title, int(order)))
    held = set(store.query("board_priorities")["priority_code"])
    if any(r[4] not in held for r in new_rows):
        with store.transaction() as cur:
            for plan, title, area, org, code, prio_title, order in new_rows:
                cur.execute(
                    "INSERT INTO plans (plan_code, title, area_code, organisation) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (plan_code) DO NOTHING",
                    [plan, title, area, org],
                )
                cur.execute(
                    "INSERT INTO priorities (priority_code, plan_code, title, sort_order) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (priority_code) DO NOTHING",
                    [code, plan, prio_title, order],
                )


def load_board_demo(store: Store, folder: Path = DEMO_DIR) -> str:
    """The boards' material: every plan's actions and seed 003's milestones.

    Only what is not yet held is written (actions match on plan and description, milestones on plan, title
    and due date), so building the demo twice changes nothing the second time.
    """
    from kpi.commentary import add_milestones, apply_commentary
    from kpi.returns.commentary_sheets import read_actions, read_milestones

    priorities = store.query("board_priorities")
    known_priorities = dict(zip(priorities["priority_code"], priorities["plan_code"]))
    codes = store.query("indicator_definitions")["code"].tolist()
    actions, problems = read_actions(
        csv_sheet(folder / "actions.csv"), codes, known_priorities, set(priorities["plan_code"])
    )
    milestones, more = read_milestones(csv_sheet(folder / "milestones.csv"))
    if problems or more:
        raise DemoError("The demo files have problems:\n" + "\n".join(str(p) for p in problems + more))
    counts = apply_commentary(store, [], actions, user="demo", source="data/demo")
    added = add_milestones(store, milestones, user="demo", source="data/demo")
    risks = _write_risks(store, folder)
    return f"{counts['actions_new']} new actions, {added} new milestones, {risks['risks_new']} new risks"


def _write_risks(store: Store, folder: Path) -> dict[str, int]:
    """Kent's Section E and Sandwell's risk analyses, read like a return's Risks sheet."""
    from kpi.returns.risks_sheet import read_risks
    from kpi.risk_register import apply_risks

    priorities = store.query("board_priorities")
    rows, problems = read_risks(
        csv_sheet(folder / "risks.csv"),
        known_plans=store.query("plan_codes")["plan_code"],
        known_priorities=dict(zip(priorities["priority_code"], priorities["plan_code"])),
        known_indicators=store.query("indicator_definitions")["code"],
    )
    if problems:
        raise DemoError("The demo files have problems:\n" + "\n".join(str(p) for p in problems))
    return apply_risks(store, rows, user="demo", source="data/demo")


def build_demo_if_empty(store: Store) -> bool:
    """On first start with no indicators at all, build the demo so a director sees a dashboard.

    Any database without DfE's figures gets the built-in national snapshot, so every authority's
    comparisons work before anyone imports anything.
    """
    if not store.query("indicator_definitions").empty:
        load_snapshot_if_empty(store)
        return False
    build_demo(store)
    return True


def is_demo(store: Store) -> bool:
    return store.meta("demo") == "true"


__all__ = [
    "DEMO_DIR",
    "DEMO_SOURCES",
    "DemoError",
    "demo_notice",
    "Problem",
    "build_demo",
    "build_demo_if_empty",
    "is_demo",
]
