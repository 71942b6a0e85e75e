"""RAG and direction labels and the Overview tile, laid out from kpi.cards; no wording of their own."""

from __future__ import annotations

import streamlit as st

from kpi.cards import Card
from kpi.model import ARROWS, DIRECTION_WORDS, NO_DIRECTION, RAG_ICONS, RAG_WORDS, is_missing
from pages.ui.links import PAGE_FILES
from pages.ui.text import esc


def rag_label(rag: str) -> str:
    return f"{RAG_ICONS.get(rag, '')} {RAG_WORDS.get(rag, rag)}"


def direction_label(direction, polarity) -> str:
    if is_missing(direction) or not direction:
        return NO_DIRECTION
    return f"{ARROWS.get((direction, polarity), '')} {DIRECTION_WORDS[direction]}"


def tile(card: Card) -> None:
    """One indicator's tile, laid out from its card: two elements inside a bordered box, few for a fast page.

    The value is large text, not a heading, so the page's headings stay the priorities.
    """
    with st.container(border=True, key=f"tile-{card.code}"):
        head = (
            f"**{esc(card.title)}**  \n:{card.rag_badge}-badge[{esc(card.rag_label)}] "
            f"{esc(card.direction_label)}  \n"
            f'<span style="font-size:2rem;font-weight:700;line-height:1.25">{esc(card.value)}</span> '
            f"{esc(card.period) if card.has_figure else ''}"
        )
        body = card.lines + ([card.no_figures] if card.no_figures else [])
        st.markdown("  \n".join([head] + [esc(line) for line in body]), unsafe_allow_html=True)
        st.page_link(
            PAGE_FILES["indicator"],
            label=card.link_label,
            icon=":material/show_chart:",
            query_params={"code": card.code},
        )
        if card.schools_link:
            st.page_link(
                PAGE_FILES["schools"],
                label=card.schools_link,
                icon=":material/format_list_bulleted:",
                query_params={"code": card.code},
            )
