"""axe-core's WCAG 2.2 AA rules on every page, in a real browser: any violation fails, with its rule and nodes.

axe-core comes from the npm registry (scripts/test installs it into .cache/axe, git-ignored); it is
injected into each page after Streamlit has finished running the script and the charts have drawn.
Two databases: the demo as the tests build it, and the demo as shipped (school-based indicators
linked to the built-in school and DfE snapshots) opened at addresses that show DfE's national views.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import wait_drawn, wait_idle

AXE_DIR = ROOT / ".cache" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Every page in app.py's menu, the sign-in page and the accessibility statement, at its plain address
# (the Overview is the default page: its address is the root).
DEMO_PAGES = [
    "",
    "indicator",
    "compare",
    "profile",
    "regional",
    "neighbours",
    "all-las",
    "create",
    "measures",
    "schools",
    "school",
    "concern",
    "board",
    "present",
    "commentary",
    "upload",
    "uploads",
    "admin",
    "import-dfe",
    "import-schools",
    "signin",
    "accessibility",
]
# The same pages where an address opens a view with DfE's or the schools' figures in it.
DFE_PAGES = [
    "",
    "indicator?code=KS2-L4-EM",
    "compare?measure=KS2RWM_Expected_STD&year=2024&la=886",
    "profile?la=840",
    "regional",
    "neighbours?la=840",
    "all-las",
    "create?preset=neighbours&la=840",
    "measures",
    "schools?code=GOOD-PRI",
    "school?urn=118837",
    "concern",
    "board",
    "present?slide=2",
    "present?slide=4",
    "commentary?code=KS2-L4-EM",
    "upload",
    "uploads",
    "admin",
    "import-dfe",
    "import-schools",
    "signin",
    "accessibility",
]

RUN = """async ([tags, exclude]) => {
    const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])} : document;
    const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core 4.x's script; installed from npm here when scripts/test has not already done it."""
    if not AXE_JS.is_file():
        npm = shutil.which("npm")
        if not npm or not shutil.which("node"):
            pytest.skip("node and npm are not installed, so axe-core cannot be installed from the npm registry")
        subprocess.run(
            [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "--silent", "axe-core@4"],
            check=True,
            timeout=300,
        )
    return AXE_JS.read_text(encoding="utf-8")


def violations(page, url: str | None, axe_source: str, exclude: tuple[str, ...] = ()) -> list[dict]:
    """axe's violations on the page at `url` (None: the page as it is now, a menu open say)."""
    if url is not None:
        page.goto(url)
        wait_drawn(page)
        # a "Page not found" dialog would make the page behind it inert, and axe would find nothing there
        assert page.locator("[role='dialog']").count() == 0, (url, page.locator("[role='dialog']").first.inner_text())
        assert page.locator("[data-testid='stException']").count() == 0, url  # nor on an error
        assert page.locator("[data-testid='stMain'] h1").count() >= 1, url
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN, [TAGS, list(exclude)])


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for address, items in found.items():
        for v in items:
            lines.append(f"{address}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
            lines += [f"    {n['target']}: {n['summary'].splitlines()[-1].strip()}" for n in v["nodes"][:12]]
    return "\n".join(lines)


def check(url: str, addresses: list[str], browser, axe_source: str) -> dict[str, list[dict]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "/")  # app.py's menu must have run once before a typed address resolves
    wait_idle(page, timeout=120000)
    found = {}
    try:
        for address in addresses:
            found[address or "overview"] = violations(page, f"{url}/{address}", axe_source)
    finally:
        context.close()
    print(
        "axe-core violations per page (rule: nodes):",
        json.dumps({a: {v["id"]: len(v["nodes"]) for v in items} for a, items in found.items()}),
    )
    return {a: items for a, items in found.items() if items}


def test_every_page_passes_axe_with_the_demo(app_url, browser, axe_source):
    found = check(app_url, DEMO_PAGES, browser, axe_source)
    assert not found, "axe-core WCAG 2.2 AA violations:\n" + report(found)


def test_every_page_passes_axe_with_dfe_and_school_figures(shipped_url, browser, axe_source):
    found = check(shipped_url, DFE_PAGES, browser, axe_source)
    assert not found, "axe-core WCAG 2.2 AA violations:\n" + report(found)


def test_the_menu_passes_axe_with_a_section_open(app_url, page, axe_source):
    page.goto(app_url + "/")
    wait_drawn(page)
    for section in page.get_by_test_id("stTopNavSection").all():
        section.click()
        page.get_by_test_id("stTopNavPopover").wait_for()
        found = violations(page, None, axe_source)
        assert not found, report({f"menu {section.inner_text()}": found})
        page.keyboard.press("Escape")


# Below 768 px wide Streamlit moves the menu into a sidebar whose section labels sit inside its list of links
# (axe: list, listitem). Only Streamlit can change that (README, Accessibility); everything else must pass.
STREAMLIT_NARROW_MENU = "[data-testid='stSidebarNav']"


def test_pages_pass_axe_on_a_phone_apart_from_streamlit_s_own_sidebar_menu(app_url, browser, axe_source):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(app_url + "/")
        wait_drawn(page)
        assert page.locator(STREAMLIT_NARROW_MENU).count() == 1  # the exclusion names what is there
        found = {
            a or "overview": violations(page, f"{app_url}/{a}", axe_source, exclude=(STREAMLIT_NARROW_MENU,))
            for a in ("", "indicator", "compare", "board", "present", "accessibility")
        }
        found = {a: v for a, v in found.items() if v}
        assert not found, "axe-core WCAG 2.2 AA violations at 320 px:\n" + report(found)
    finally:
        context.close()
