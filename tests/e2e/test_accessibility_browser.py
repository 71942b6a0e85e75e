"""What a browser can show about WCAG 2.2 AA beyond axe-core's rules: the keyboard focus ring and its contrast,
Tab order across each row of tiles, link names, the keyboard alone from the Overview to an indicator and back,
chart names, text alternatives, table views and text contrast, and layout and legends at 320 px and 200% zoom.
"""

import re

import pytest

from kpi.accessibility import contrast
from tests.e2e.conftest import open_from_menu, wait_drawn, wait_idle

# The focused element's outline, and the colour of the page behind it.
FOCUS = """() => { const e = document.activeElement, s = getComputedStyle(e);
    let bg = 'rgb(255, 255, 255)';
    for (let n = e.parentElement; n; n = n.parentElement) {
        const c = getComputedStyle(n).backgroundColor;
        if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0')) { bg = c; break; } }
    const tile = e.closest('[class*="st-key-tile-"]'), box = (tile || e).getBoundingClientRect();
    let scrolled = window.scrollY;
    for (let n = e.parentElement; n; n = n.parentElement) scrolled += n.scrollTop || 0;
    return {tag: e.tagName, role: e.getAttribute('role'), name: e.getAttribute('aria-label') || e.innerText.trim().split('\\n').pop(),
            outline: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, background: bg,
            tile: tile ? [...tile.classList].find(c => c.startsWith('st-key-tile-')).slice(12) : null,
            top: Math.round(box.top + scrolled), left: Math.round(box.left), path: location.pathname}; }"""

# Every word drawn in a chart: its colour and opacity.
CHART_TEXT = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')]
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => { const s = getComputedStyle(t);
        return {text: t.textContent, fill: s.fill, opacity: parseFloat(s.fillOpacity) * parseFloat(s.opacity)}; })"""

# Each chart's legend entries, and whether each lies wholly inside the chart's drawn area.
LEGENDS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(c => {
    const svg = c.querySelector('svg'); if (!svg) return null; const area = c.getBoundingClientRect();
    return [...svg.querySelectorAll('.role-legend text')].filter(t => t.textContent.trim()).map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, inside: r.left >= area.left - 1 && r.right <= area.right + 1 &&
                r.top >= area.top - 1 && r.bottom <= area.bottom + 1}; }); })"""

SIDEWAYS = """() => Math.max(document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stMainBlockContainer"]')]
        .map(e => e.scrollWidth - e.clientWidth))"""


def rgb(css: str) -> str:
    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def blend(css: str, opacity: float) -> str:
    """A colour drawn at an opacity over white, as the eye sees it."""
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css)[:3])
    return "#" + "".join(f"{round(c * opacity + 255 * (1 - opacity)):02x}" for c in (r, g, b))


def tab_until(page, test, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if test(focused):
            return focused
    raise AssertionError("Tab never reached it")


def test_keyboard_focus_is_a_ring_at_3_to_1_on_links_buttons_and_tabs(app_url, page):
    page.goto(app_url + "/")
    wait_drawn(page)
    seen = [
        tab_until(page, lambda f: f["tag"] == "BUTTON" and f["name"] == "Dashboard"),  # the menu
        tab_until(page, lambda f: f["tag"] == "A" and f["tile"] is not None),
    ]  # a tile's link
    page.goto(app_url + "/indicator?code=KS2-L4-EM")
    wait_drawn(page)
    seen.append(tab_until(page, lambda f: f["role"] == "tab"))  # a tab
    for focused in seen:
        assert focused["outline"] == "solid" and focused["width"] >= 2, focused
        assert contrast(rgb(focused["colour"]), rgb(focused["background"])) >= 3, focused


def test_tab_runs_across_each_row_of_tiles_and_every_link_names_its_indicator(app_url, page):
    page.goto(app_url + "/")
    wait_drawn(page)
    first = tab_until(page, lambda f: f["tile"] is not None)
    order = [first]
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused["tile"] and focused["tile"] != order[-1]["tile"]:
            order.append(focused)
    assert len(order) >= 8 and len({t["top"] for t in order}) >= 2
    assert any(a["top"] == b["top"] for a, b in zip(order, order[1:]))  # a row of several tiles ...
    assert order == sorted(order, key=lambda t: (t["top"], t["left"])), [t["tile"] for t in order]  # ... read across

    titles = [t.inner_text() for t in page.locator("[class*='st-key-tile-'] strong").all()]
    links = page.get_by_role("link", name=re.compile("^Open trend")).all()
    assert len(titles) >= 20 and len(links) == len(titles)  # 21 links, ...
    for title in titles:  # ... each named by its indicator
        assert page.get_by_role("link", name=f"Open trend: {title}", exact=True).count() == titles.count(title)
    assert (
        page.locator("[data-testid='stMain'] :is(h1, h2, h3, h4)", has_text=re.compile(r"^\d+(\.\d)?%$")).count() == 0
    )


def test_the_keyboard_alone_goes_from_the_overview_to_an_indicator_and_back(app_url, page):
    page.goto(app_url + "/")
    wait_drawn(page)
    tab_until(page, lambda f: f["name"].startswith("Open trend: Pupils achieving level 4+ in English and maths"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/indicator\?code=KS2-L4-EM"))
    wait_drawn(page)
    page.get_by_role("heading", name=re.compile("English and maths at KS2")).wait_for()
    tab_until(page, lambda f: f["name"] == "Dashboard")
    page.keyboard.press("Enter")  # the Dashboard menu opens on its first link ...
    page.get_by_test_id("stTopNavPopover").wait_for()
    assert page.evaluate(FOCUS)["name"].endswith("Overview")
    page.keyboard.press("Enter")  # ... which leads back
    page.wait_for_url(re.compile(r"/(\?.*)?$"))
    wait_drawn(page)
    page.get_by_role("heading", name="Performance overview").wait_for()


def test_charts_are_named_from_their_summary_and_present_has_its_chart_as_a_table(app_url, page):
    page.goto(app_url + "/indicator?code=KS2-L4-EM")
    wait_drawn(page)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    name = chart.get_attribute("aria-label")
    assert name.startswith("Line chart of Pupils achieving level 4+ in English and maths at KS2: actual, target")
    assert "In 2012, pupils achieving level 4+ in English and maths at KS2 was 77.5% against a target of 74.0%" in name

    page.goto(app_url + "/present?plan=kent-2013-14&order=P3&slide=1")
    wait_drawn(page)
    names = [c.get_attribute("aria-label") for c in page.locator("[data-testid='stVegaLiteChart']").all()]
    assert names and all(n and n != "Vega visualization" and n.startswith("Line chart of") for n in names)
    page.get_by_role("button", name=re.compile("The key chart in words and as a table")).click()
    words = page.locator("[data-testid='stPopoverBody']")
    words.get_by_text(re.compile(r"^In \d{4}, ")).wait_for(timeout=10000)
    table = words.get_by_role("table")  # a real table, header cells and all
    table.get_by_role("columnheader", name="Actual", exact=True).wait_for(timeout=10000)
    assert table.get_by_role("rowheader", name="2012", exact=True).count() == 1


@pytest.mark.parametrize(
    "address",
    [
        "indicator?code=KS2-L4-EM",
        "compare?measure=KS2RWM_Expected_STD&year=2024&la=886",
        "regional",
        "neighbours?la=886",
        "school?urn=118837",
        "present?plan=kent-2013-14&slide=2",
    ],
)
def test_every_word_in_a_chart_is_at_least_4_5_to_1(app_url, page, address):
    page.goto(app_url + "/" + address)
    wait_drawn(page)
    words = page.evaluate(CHART_TEXT)
    assert words, address
    faint = {
        (w["text"], rgb(w["fill"]))
        for w in words
        if w["opacity"] > 0 and contrast(blend(w["fill"], w["opacity"])) < 4.5
    }
    assert not faint, (address, sorted(faint)[:10])


@pytest.mark.parametrize("width, height", [(320, 800), (640, 360)])  # a phone, and 1280x720 at 200% zoom
def test_pages_reflow_and_chart_legends_stay_whole_when_narrow(app_url, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(app_url + "/")
        wait_drawn(page)
        for address in [
            "",
            "indicator?code=KS2-L4-EM",
            "compare?measure=KS2RWM_Expected_STD&year=2024&la=886",
            "neighbours?la=886",
            "present?plan=kent-2013-14&slide=2",
            "accessibility",
        ]:
            page.goto(app_url + "/" + address)
            wait_drawn(page)
            assert page.evaluate(SIDEWAYS) <= 1, (width, address)  # no scrolling sideways
            legends = [entries for entries in page.evaluate(LEGENDS) if entries]
            for entries in legends:
                cut = [e["text"] for e in entries if not e["inside"]]
                assert not cut, (width, address, cut)
            if address.startswith("indicator"):
                assert {"Actual", "Target", "England"} <= {e["text"] for e in legends[0]}
    finally:
        context.close()


def test_the_statement_is_in_the_menu_and_linked_from_present(app_url, page):
    page.goto(app_url + "/")
    wait_drawn(page)
    open_from_menu(page, "About", "Accessibility statement")
    page.get_by_role("heading", name=re.compile("^Accessibility statement")).wait_for()
    assert page.title().startswith("Accessibility statement")
    page.goto(app_url + "/present?plan=kent-2013-14&slide=1")
    wait_drawn(page)
    page.get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url(re.compile(r"/accessibility"))
    wait_idle(page)
    page.get_by_role("heading", name="Enforcement procedure").wait_for()
