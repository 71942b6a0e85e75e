"""Presenter mode: one priority per screen for the projector, driven from the keyboard.

The URL fixes what is shown (plan, order of priorities, period, slide), so "the March board" is a
bookmark. No sidebar, header or menus: CSS hides Streamlit's chrome on this page only.
"""

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.cards import Card, card
from kpi.charts import alt_text, chart_table, trend_chart
from kpi.highlight import cut, default_plan, plan_as_of, plans, risk_matrix
from pages.risk_view import present_block, present_matrix_html, since_param
from pages.ui import PAGE_FILES, chart, esc, highlight, outlooks_at, series, store, user_errors
from pages.ui.text import html_text

# Everything is sized from the viewport (vh), so a slide fits 1280x720 and 1920x1080 without scrolling.
CHROME = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stMainMenu"],
#MainMenu, footer, .st-key-present-clicker { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 1.6vh 2.5vw 0 2.5vw !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.9vh; }
.kpi-slide-head { font-size: clamp(0.8rem, 2.1vh, 1.4rem); color: #505a5f; margin: 0; }
.kpi-slide-title { font-size: clamp(1.4rem, 5vh, 3.2rem); font-weight: 700; line-height: 1.1; margin: 0.2vh 0 0.6vh 0;
                   overflow-wrap: anywhere; padding: 0; }
.kpi-tile { border: 2px solid #b1b4b6; border-left: 1.6vh solid var(--rag); border-radius: 6px; padding: 0.8vh 1vw;
            background: #fff; color: #0b0c0c; margin-bottom: 0; }
.kpi-tile .t { font-size: clamp(0.85rem, 2.3vh, 1.5rem); font-weight: 600; line-height: 1.2; overflow-wrap: anywhere; }
.kpi-tile .v { font-size: clamp(1.6rem, 6vh, 4rem); font-weight: 800; line-height: 1.05; }
.kpi-tile.dense .v { font-size: clamp(1.4rem, 4.6vh, 3rem); }
.kpi-tile.dense .t { font-size: clamp(0.85rem, 2.1vh, 1.4rem); }
.kpi-tile.dense .g { font-size: clamp(0.8rem, 1.9vh, 1.3rem); line-height: 1.25; }
.kpi-tile .g { font-size: clamp(0.8rem, 2.1vh, 1.4rem); line-height: 1.3; }
.kpi-tile .r { display: inline-block; font-size: clamp(0.9rem, 2.5vh, 1.7rem); font-weight: 800; padding: 0 0.5vw;
               border-radius: 4px; background: var(--fill); margin: 0.4vh 0.6vw 0 0; white-space: nowrap; }
.kpi-tile .d { display: inline-block; font-size: clamp(0.9rem, 2.5vh, 1.7rem); font-weight: 700; white-space: nowrap; }
.kpi-line { font-size: clamp(0.8rem, 2.1vh, 1.45rem); line-height: 1.4; margin-bottom: 0.6vh; }
.kpi-note { font-size: clamp(0.7rem, 1.7vh, 1.1rem); color: #505a5f; line-height: 1.3; padding-bottom: 0.6vh; }
.kpi-tile .v .p { font-size: clamp(0.8rem, 2.1vh, 1.4rem); font-weight: 400; color: #505a5f; }
/* the slide is exactly the screen's height and the key chart takes what the rest leaves, so it is as large as it
   can be and never pushes the slide past the screen (a slide that still would not fit scrolls, and the tests say) */
[data-testid="stMainBlockContainer"] { height: 100vh; box-sizing: border-box; display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present-chart) { flex: 1 1 0; min-height: 20vh; }
.st-key-present-chart { flex: 1 1 auto; min-height: 0; }
@media (max-width: 767px) {   /* a phone, or 200% zoom: the slide scrolls, and the chart keeps room for its legend */
  [data-testid="stMainBlockContainer"] { height: auto; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-present-chart) { flex: none; height: 26rem; } }
.st-key-present-chart .stElementContainer, .st-key-present-chart .stFullScreenFrame,
.st-key-present-chart .stFullScreenFrame > div, .st-key-present-chart .stVegaLiteChart { height: 100% !important; }
.kpi-tile sup { font-size: 0.45em; vertical-align: super; margin-left: 0.15em; }
.st-key-present-nav button p { font-size: clamp(0.9rem, 2.2vh, 1.3rem); }
/* Streamlit pulls each Markdown block up by 1rem to cancel a paragraph's margin; these blocks have none, so
   without this their last line would sit under the next element (the key chart hid its label's foot) */
[data-testid="stMarkdownContainer"]:has(> .kpi-tile, > .kpi-line, > .kpi-note, > .kpi-slide-title) {
  margin-bottom: 0 !important; }
</style>"""

st.markdown(CHROME, unsafe_allow_html=True)


def _tile_html(card: Card, mark: str, dense: bool = False) -> str:
    """A presenter tile, laid out from the card; `mark` points to a caveat in the slide's footnote; `dense`
    (two rows of tiles or more) sets the figure smaller, so the key chart keeps room for its legend."""
    return (
        f'<div class="kpi-tile{" dense" if dense else ""}" style="--rag:{card.rag_bar};--fill:{card.rag_fill}">'
        f'<div class="t">{html_text(card.title)}</div>'
        f'<div class="v">{html_text(card.value)}{mark} <span class="p">{html_text(card.period)}</span></div>'
        f'<div class="g">{html_text(card.target_line)}</div>'
        + (
            f'<div class="g">{html_text(" · ".join(line for line in (card.forecast, card.signal) if line))}</div>'
            if card.forecast or card.signal
            else ""
        )
        + f'<span class="r">{html_text(card.rag_label)}</span>'
        f'<span class="d">{html_text(card.direction_label)}</span></div>'
    )


s = store()
params = st.query_params
plan = params.get("plan") or default_plan(s)
known_plans = plans(s)
if plan not in set(known_plans["plan_code"]):
    st.error(
        f'"{esc(plan or "")}" is not a plan here. Plans: ' + ", ".join(esc(c) for c in known_plans["plan_code"]) + "."
    )
    st.stop()
period = params.get("period") or None
with user_errors():
    reports = highlight(plan, period, plan_as_of(s, plan), since_param(params.get("since")))
reports = [r for r in reports if not r.is_empty and (r.priority_code or r.indicators or r.risks)] or [
    r for r in reports if not r.is_empty
]  # "Across the plan" is a slide when it has figures or risks
by_code = {r.priority_code: r for r in reports}
order = [c.strip() for c in (params.get("order") or "").split(",") if c.strip()]
unknown = [c for c in order if c not in by_code]
if unknown:
    st.warning(
        "Not in this plan (left out): "
        + ", ".join(esc(c) for c in unknown)
        + ". Priorities: "
        + ", ".join(esc(c) for c in by_code if c)
        + "."
    )
slides = [by_code[c] for c in order if c in by_code] or reports
if not slides:
    st.info("This plan has nothing to present yet: no indicators, actions or milestones.")
    st.stop()

try:
    current = int(params.get("slide") or 1)
except ValueError:
    current = 1
current = min(max(current, 1), len(slides))
st.query_params["plan"] = plan
st.query_params["slide"] = str(current)


def _go(step: int) -> None:
    st.query_params["slide"] = str(min(max(current + step, 1), len(slides)))


report = slides[current - 1]
head, nav = st.columns([5, 2], vertical_alignment="center")
with head:
    st.markdown(
        f'<p class="kpi-slide-head">{html_text(report.plan or plan)} · {html_text(period or "Latest figures")} · '
        f'{current} of {len(slides)}</p><h1 class="kpi-slide-title">{html_text(report.title)}</h1>',
        unsafe_allow_html=True,
    )
with nav:
    back, forward = st.columns(2)
    back.button(
        "Back", shortcut="Left", on_click=_go, args=(-1,), disabled=current == 1, width="stretch", key="present-back"
    )
    forward.button(
        "Next",
        shortcut="Right",
        on_click=_go,
        args=(1,),
        disabled=current == len(slides),
        width="stretch",
        key="present-next",
        type="primary",
    )
with st.container(key="present-clicker"):  # hidden: a presentation clicker sends Page Down / Page Up
    st.button("Next slide", shortcut="PageDown", on_click=_go, args=(1,), key="clicker-next")
    st.button("Previous slide", shortcut="PageUp", on_click=_go, args=(-1,), key="clicker-back")

if present_block(report.risks):  # risks by exception lead the slide, above the figures
    st.markdown(f'<div class="kpi-line">{present_block(report.risks, limit=3)}</div>', unsafe_allow_html=True)
if report.priority_code is None and report.risks:  # the plan's risk matrix, on its "Across the plan" slide
    st.markdown(present_matrix_html(risk_matrix(s, plan)), unsafe_allow_html=True)
rows = report.indicators
footnotes: list[str] = []
chart_words = None  # the key chart's summary sentence and table, offered at the foot of the slide
if rows:
    shown = cut(series(), period)
    slide_cards = [card(row, shown) for row in rows]
    per_row = 3 if len(rows) <= 6 else 4
    for start in range(0, len(slide_cards), per_row):
        for column, c in zip(st.columns(per_row), slide_cards[start : start + per_row]):
            marks = ""
            for caveat in c.caveats:
                if caveat not in footnotes:
                    footnotes.append(caveat)
                marks += "<sup>" + "*" * (footnotes.index(caveat) + 1) + "</sup>"
            column.markdown(_tile_html(c, marks, dense=len(slide_cards) > per_row), unsafe_allow_html=True)
    key = rows[0]
    chart_rows = shown[(shown["code"] == key["code"]) & shown["period"].notna()]
    if chart_rows.empty:
        st.markdown(f'<div class="kpi-line">{html_text(slide_cards[0].no_figures)}</div>', unsafe_allow_html=True)
    else:
        st.markdown(f'<div class="kpi-line"><b>Key chart:</b> {html_text(key["title"])}</div>', unsafe_allow_html=True)
        chart_words = (slide_cards[0].summary, chart_table(chart_rows))
        with st.container(key="present-chart"):
            outlook = outlooks_at(period).get(key["code"])  # the highlight report's and the pack's own
            # the legend below, in as many columns as the width allows: beside the chart it was cut off on a
            # narrow screen or at 200% zoom
            chart(
                ("present", key["code"], period),
                lambda: trend_chart(chart_rows, font_size=16, height="container", outlook=outlook),
                width="stretch",
                height="stretch",
                alt=alt_text(key["title"], chart_rows, slide_cards[0].summary),
            )
    if key.get("commentary"):
        st.markdown(
            f'<div class="kpi-line"><b>Commentary:</b> {html_text(key["commentary"])}</div>', unsafe_allow_html=True
        )
blocks = []
if report.overdue_actions:
    items = [
        f"{html_text(a['description'])} ({html_text(a.get('owner') or 'no owner')})" for a in report.overdue_actions[:4]
    ]
    if len(report.overdue_actions) > 4:
        items.append(f"… and {len(report.overdue_actions) - 4} more")
    blocks.append(f"<b>Overdue actions ({len(report.overdue_actions)})</b><br>" + "<br>".join(items))
if report.milestones:
    items = []
    for m in report.milestones[:4]:
        due = pd.Timestamp(m["due_date"]).strftime("%b %Y") if m.get("due_date") is not None else "no date"
        items.append(
            f"◆ {html_text(m['title'])}, due {due}: <b>{html_text(m['status'])}</b>{' (late)' if m.get('late') else ''}"
        )
    if len(report.milestones) > 4:
        items.append(f"… and {len(report.milestones) - 4} more in the board pack")
    blocks.append(f"<b>Milestones ({len(report.milestones)})</b><br>" + "<br>".join(items))
for block in blocks:
    st.markdown(f'<div class="kpi-line">{block}</div>', unsafe_allow_html=True)
if footnotes:
    st.markdown(
        '<div class="kpi-note">'
        + "<br>".join(f"{'*' * (i + 1)} Demo figure: {html_text(note)}" for i, note in enumerate(footnotes))
        + "</div>",
        unsafe_allow_html=True,
    )
with st.container(horizontal=True, vertical_alignment="center"):
    if chart_words:  # the chart's text alternative and table view, over the slide so the slide keeps its size
        with st.popover(
            "The key chart in words and as a table", icon=":material/table:", type="tertiary", key="present-words"
        ):
            st.markdown(esc(chart_words[0]))
            st.table(chart_words[1].set_index("Period"))  # an HTML table: header cells a screen reader names
    st.page_link(PAGE_FILES["overview"], label="Leave presenter mode", icon=":material/close:")
    # the menu is hidden on this page, so the statement is linked from every slide
    st.page_link(PAGE_FILES["accessibility"], label="Accessibility statement", icon=":material/accessibility_new:")
    st.markdown(
        '<div class="kpi-note">Keys: → next, ← back. This page\'s address fixes the plan, order, period '
        "and slide: bookmark it.</div>",
        unsafe_allow_html=True,
    )
