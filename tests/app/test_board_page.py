"""Highlight report page: reds and ambers with their commentary first, milestones, board-pack downloads."""

from kpi.commentary import record_commentary
from tests.app.conftest import texts


def test_reds_and_ambers_come_first_with_their_commentary(app):
    from pages.ui import store

    app.switch_page("pages/board.py")
    at = app.run()
    assert not at.exception
    record_commentary(
        store(), "GAP-FSM-KS4", at_key(store(), "GAP-FSM-KS4"), "Gap widened in coastal districts.", user="officer1"
    )
    at = app.run()
    shown = texts(at)
    assert "Gap widened in coastal districts." in shown
    lines = [m.value for m in at.markdown]
    red = next(i for i, line in enumerate(lines) if line.startswith("**✖ Red · Achievement gap: free school meals"))
    assert lines[red + 1].startswith("Commentary (officer1): Gap widened")
    # GCSE is amber and has no commentary yet: flagged on the page
    assert any(line.startswith("**▲ Amber · Pupils achieving 5+ GCSEs") for line in lines)
    assert "No commentary for this period." in shown
    # priorities with a red or amber are marked as reported by exception; the others are not
    headings = [h.value for h in at.subheader]
    assert "Narrowing achievement gaps — by exception" in headings
    assert "Key stage 1 attainment" in headings
    assert len(at.get("download_button")) == 2


def test_plan_in_the_url_shows_its_milestones(app):
    app.query_params["plan"] = "central-bedfordshire-2015-19"
    app.switch_page("pages/board.py")
    at = app.run()
    assert not at.exception
    assert at.selectbox[0].value == "central-bedfordshire-2015-19"
    milestone_tables = [t.value for t in at.table if "Milestone" in t.value.columns]
    titles = " ".join(" ".join(t["Milestone"]) for t in milestone_tables)
    assert "top quartile" in titles


def at_key(store, code):
    from kpi import figures

    latest = figures.latest(figures.all_series(store))
    return latest.set_index("code").loc[code, "period_key"]


def test_position_targets_and_distance_read_as_on_the_overview(app):
    app.query_params["plan"] = "central-bedfordshire-2015-19"
    app.switch_page("pages/board.py")
    at = app.run()
    tables = [t.value for t in at.table if "Indicator" in t.value.columns]
    targets = " ".join(" ".join(t["Target"]) for t in tables)
    assert targets and "—" not in targets and "None" not in targets  # a target, a next target or "No target"


def test_actions_are_judged_at_the_plans_own_date_not_today(app):
    app.switch_page("pages/board.py")
    at = app.run()
    assert str(at.date_input[0].value) == "2014-03-31"  # Kent's 2013-14 plan: its actions are due March 2014
    shown = texts(at)
    assert "Overdue actions" not in shown
    assert "Target 10 · 9 over target" in shown
