"""Presenter mode: one priority per screen for the projector, driven from the keyboard.

The URL fixes what is shown (plan, order of priorities, period, slide), so "the March board" is a
bookmark. No sidebar, header or menus: CSS hides Streamlit's chrome on this page only.
"""
from datetime import date
from html import escape

import pandas as pd
import streamlit as st

from kpi.charts import trend_chart
from kpi.formatting import format_value, target_gap_words
from kpi.highlight import cut, default_plan, plans, risk_matrix
from kpi.model import RAG_ICONS, RAG_WORDS
from kpi.reports import ARROWS
from pages.risk_view import present_block, present_matrix_html, since_param
from pages.ui import PAGE_FILES, chart, highlight, series, store, user_errors

CHROME = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stMainMenu"],
#MainMenu, footer, .st-key-present-clicker { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding-top: 1.2rem !important; max-width: 100% !important; }
.kpi-slide-head { font-size: 1.25rem; color: #505a5f; margin: 0; }
.kpi-slide-title { font-size: 2.9rem; font-weight: 700; line-height: 1.1; margin: 0.1rem 0 0.6rem 0; }
.kpi-tile { border: 2px solid #b1b4b6; border-left: 14px solid var(--rag); border-radius: 6px; padding: 0.6rem 1rem;
            background: #fff; color: #0b0c0c; margin-bottom: 0.6rem; }
.kpi-tile .t { font-size: 1.35rem; font-weight: 600; line-height: 1.2; min-height: 3.2rem; }
.kpi-tile .v { font-size: 3.3rem; font-weight: 800; line-height: 1.05; }
.kpi-tile .g { font-size: 1.35rem; }
.kpi-tile .r { display: inline-block; font-size: 1.6rem; font-weight: 800; padding: 0.1rem 0.6rem; border-radius: 4px;
               background: var(--fill); margin: 0.3rem 0.6rem 0.2rem 0; }
.kpi-tile .d { font-size: 1.6rem; font-weight: 700; }
.kpi-line { font-size: 1.5rem; line-height: 1.55; margin-bottom: 0.8rem; }
</style>"""
RAG_BAR = {"green": "#00703c", "amber": "#f47738", "red": "#d4351c", "no_target": "#b1b4b6", "no_data": "#b1b4b6"}
RAG_FILL = {"green": "#cce5d4", "amber": "#fce5c0", "red": "#f4cccc", "no_target": "#eeeeee", "no_data": "#eeeeee"}

st.markdown(CHROME, unsafe_allow_html=True)


def _tile_html(row: dict) -> str:
    unit, dp, rag = row["unit"], row["decimals"], row["rag"]
    has_target = row.get("target") is not None and not pd.isna(row.get("target"))
    target = (f"Target {format_value(row['target'], unit, dp)} "
              f"({target_gap_words(row.get('gap_to_target'), row['polarity'], unit, dp)})"
              if has_target else f"Target {row['target_text']}" if isinstance(row.get("target_text"), str)
              else "No target")
    direction = row.get("direction")
    arrow = f"{ARROWS.get((direction, row.get('polarity')), '')} {direction.capitalize()}" if direction else "No direction yet"
    return (f'<div class="kpi-tile" style="--rag:{RAG_BAR.get(rag)};--fill:{RAG_FILL.get(rag)}">'
            f'<div class="t">{escape(row["title"])}</div>'
            f'<div class="v">{escape(format_value(row.get("actual"), unit, dp))}</div>'
            f'<div class="g">{escape(target)} · {escape(str(row.get("period") or "—"))}</div>'
            f'<span class="r">{RAG_ICONS.get(rag, "")} {RAG_WORDS.get(rag, rag)}</span>'
            f'<span class="d">{escape(arrow)}</span></div>')


s = store()
params = st.query_params
plan = params.get("plan") or default_plan(s)
known_plans = plans(s)
if plan not in set(known_plans["plan_code"]):
    st.error(f'"{escape(plan or "")}" is not a plan here. Plans: ' + ", ".join(known_plans["plan_code"]) + ".")
    st.stop()
period = params.get("period") or None
with user_errors():
    reports = highlight(plan, period, date.today(), since_param(params.get("since")))
reports = [r for r in reports if not r.is_empty and (r.priority_code or r.indicators or r.risks)] \
    or [r for r in reports if not r.is_empty]   # "Across the plan" is a slide when it has figures or risks
by_code = {r.priority_code: r for r in reports}
order = [c.strip() for c in (params.get("order") or "").split(",") if c.strip()]
unknown = [c for c in order if c not in by_code]
if unknown:
    st.warning("Not in this plan (left out): " + ", ".join(escape(c) for c in unknown) +
               ". Priorities: " + ", ".join(str(c) for c in by_code) + ".")
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
    st.markdown(f'<p class="kpi-slide-head">{escape(report.plan or plan)} · {escape(period or "Latest figures")} · '
                f'{current} of {len(slides)}</p><h1 class="kpi-slide-title">{escape(report.title)}</h1>',
                unsafe_allow_html=True)
with nav:
    back, forward = st.columns(2)
    back.button("Back", shortcut="Left", on_click=_go, args=(-1,),
                disabled=current == 1, width="stretch", key="present-back")
    forward.button("Next", shortcut="Right", on_click=_go, args=(1,),
                   disabled=current == len(slides), width="stretch", key="present-next", type="primary")
with st.container(key="present-clicker"):   # hidden: a presentation clicker sends Page Down / Page Up
    st.button("Next slide", shortcut="PageDown", on_click=_go, args=(1,), key="clicker-next")
    st.button("Previous slide", shortcut="PageUp", on_click=_go, args=(-1,), key="clicker-back")

if present_block(report.risks):   # risks by exception lead the slide, above the figures
    st.markdown(f'<div class="kpi-line">{present_block(report.risks, limit=3)}</div>', unsafe_allow_html=True)
if report.priority_code is None and report.risks:   # the plan's risk matrix, on its "Across the plan" slide
    st.markdown(present_matrix_html(risk_matrix(s, plan)), unsafe_allow_html=True)
rows = report.indicators
if rows:
    columns = st.columns(3)
    for i, row in enumerate(rows):
        columns[i % 3].markdown(_tile_html(row), unsafe_allow_html=True)
    key = rows[0]
    shown = cut(series(), period)
    chart_rows = shown[(shown["code"] == key["code"]) & shown["period"].notna()]
    st.markdown(f'<div class="kpi-line"><b>Key chart:</b> {escape(key["title"])}</div>', unsafe_allow_html=True)
    height = 230 if len(rows) > 3 else 320
    chart(("present", key["code"], period, height), lambda: trend_chart(chart_rows, height=height, font_size=18),
          width="stretch")
    if key.get("commentary"):
        st.markdown(f'<div class="kpi-line"><b>Commentary:</b> {escape(key["commentary"])}</div>', unsafe_allow_html=True)
blocks = []
if report.overdue_actions:
    items = [f"{escape(a['description'])} ({escape(a.get('owner') or 'no owner')})" for a in report.overdue_actions[:4]]
    if len(report.overdue_actions) > 4:
        items.append(f"… and {len(report.overdue_actions) - 4} more")
    blocks.append(f"<b>Overdue actions ({len(report.overdue_actions)})</b><br>" + "<br>".join(items))
if report.milestones:
    items = []
    for m in report.milestones:
        due = pd.Timestamp(m["due_date"]).strftime("%b %Y") if m.get("due_date") is not None else "no date"
        items.append(f"◆ {escape(m['title'])}, due {due}: <b>{escape(m['status'])}</b>{' (late)' if m.get('late') else ''}")
    blocks.append("<b>Milestones</b><br>" + "<br>".join(items))
for block in blocks:
    st.markdown(f'<div class="kpi-line">{block}</div>', unsafe_allow_html=True)

st.caption("Keys: → next, ← back. This page's address fixes the plan, order, period and slide: bookmark it.")
st.page_link(PAGE_FILES["overview"], label="Leave presenter mode", icon=":material/close:")
