"""Streamlit helpers the pages share: the store, cached reads, tiles and safe text.

The only other place besides the page files where Streamlit is imported; everything
figures-related comes from kpi/.
"""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from kpi import figures
from kpi.demo import build_demo, is_demo
from kpi.formatting import format_diff, format_value
from kpi.model import DIRECTION_WORDS, RAG_ICONS, RAG_WORDS
from kpi.store import Store, StoreError, default_db_path

PAGE_FILES = {
    "overview": "pages/overview.py",
    "indicator": "pages/indicator.py",
    "upload": "pages/upload.py",
    "uploads": "pages/uploads.py",
}
RAG_BADGE_COLOURS = {"green": "green", "amber": "orange", "red": "red", "no_target": "gray", "no_data": "gray"}
DIRECTION_ARROWS = {("improving", "higher"): "↑", ("declining", "higher"): "↓", ("improving", "lower"): "↓",
                    ("declining", "lower"): "↑", ("stable", "higher"): "↔", ("stable", "lower"): "↔"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~#])")
_MD_LEADING = re.compile(r"^(\s*)([-+]|\d+\.)(\s)", re.MULTILINE)


def esc(text) -> str:
    """User text shown as plain text inside Markdown: no links, HTML, emphasis, colour directives or LaTeX."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return _MD_LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", escaped)


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(path: str) -> Store:
    store = Store(path)
    if store.scalar("SELECT count(*) FROM indicators") == 0:
        build_demo(store)
    return store


def store() -> Store:
    """The process's one Store; builds the demo on first start. Stops the page with a plain message if busy."""
    try:
        return _open_store(str(default_db_path()))
    except StoreError as exc:
        st.error(str(exc), icon="⛔")
        st.stop()


@st.cache_data(show_spinner=False, max_entries=16)
def _series(_store: Store, path: str, version: int) -> pd.DataFrame:
    return figures.all_series(_store)


def series() -> pd.DataFrame:
    """Every indicator's assessed series: one query per data version, shared by every page and user."""
    s = store()
    return _series(s, str(s.path), s.data_version())


def demo_banner() -> None:
    if is_demo(store()):
        st.info("You are looking at **demo data**: Kent's 2013-14 plan, written from the figures in its published "
                "business plan. Upload a return to use your own.", icon="ℹ️")


def rag_label(rag: str) -> str:
    return f"{RAG_ICONS.get(rag, '')} {RAG_WORDS.get(rag, rag)}"


def direction_label(direction, polarity) -> str:
    if not direction or (isinstance(direction, float) and pd.isna(direction)):
        return "No direction yet"
    return f"{DIRECTION_ARROWS.get((direction, polarity), '')} {DIRECTION_WORDS[direction]}"


def tile(row: pd.Series, series_frame: pd.DataFrame) -> None:
    """One indicator's tile: latest value with unit, target, RAG word and icon, direction, period; links to its trend."""
    unit, dp = row["unit"], row["decimals"]
    with st.container(border=True, key=f"tile-{row['code']}"):
        st.markdown(f"**{esc(row['title'])}**")
        st.badge(rag_label(row["rag"]), color=RAG_BADGE_COLOURS.get(row["rag"], "gray"))
        value = format_value(row["actual"], unit, dp)
        period = row["period"] if isinstance(row["period"], str) else "—"
        st.markdown(f"### {esc(value)}")
        target = format_value(row["target"], unit, dp) if pd.notna(row["target"]) else None
        nxt_period, nxt = figures.next_target(series_frame, row["code"], row.get("end_date"))
        lines = [f"Period: {esc(period)}"]
        if target:
            lines.append(f"Target: {esc(target)} ({format_diff(row['gap_to_target'], unit, dp)})")
        elif nxt is not None:
            lines.append(f"Next target: {esc(format_value(nxt, unit, dp))} in {esc(nxt_period)}")
        lines.append(f"Direction: {direction_label(row['direction'], row['polarity'])}")
        if bool(row.get("rag_differs")):
            lines.append(f"Reported RAG: {rag_label(row['rag_reported'])} (differs from the rule)")
        st.markdown("  \n".join(lines))
        st.page_link(PAGE_FILES["indicator"], label="Open trend", icon=":material/show_chart:", query_params={"code": row["code"]})


def current_user() -> str:
    """The signed-in user's name where there is one; else 'dashboard'."""
    try:
        if getattr(st.user, "is_logged_in", False):
            return st.user.get("email") or st.user.get("name") or "signed-in user"
    except Exception:
        pass
    return st.session_state.get("user_name", "dashboard")
