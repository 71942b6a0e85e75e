"""Risks as the Highlight report and Present show them: the matrix as a table of words, and a priority's
exceptions. A helper for those pages (not a page itself); every word comes from kpi.risks."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kpi.risks import (
    EXCEPTIONS_HEADING,
    LEGEND,
    MATRIX_HEADING,
    Matrix,
    RiskSection,
    flagged_line,
    impact_label,
    likelihood_label,
)
from pages.ui import esc
from pages.ui.text import html_text


def matrix_frame(grid: Matrix) -> pd.DataFrame:
    """The 5x5 grid as a table: a row per likelihood (5 at the top), a column per impact; cells in words."""
    return pd.DataFrame(
        [[cell.label for cell in line] for line in grid.rows],
        index=[likelihood_label(line[0].likelihood) for line in grid.rows],
        columns=[impact_label(n) for n in range(1, 6)],
    ).rename_axis("Likelihood \\ impact")


def show_matrix(grid: Matrix, since_words: str) -> None:
    if not (grid.scored or grid.not_scored):
        return
    with st.expander(f"{MATRIX_HEADING} ({grid.scored} scored, {len(grid.not_scored)} not scored)"):
        st.table(matrix_frame(grid))
        st.caption(f"{LEGEND} {since_words}")
        if grid.not_scored:
            st.caption(grid.not_scored_words())


def show_exceptions(section: RiskSection | None) -> None:
    if section is None or section.is_empty:
        return
    if section.flagged:
        st.markdown(f"**{EXCEPTIONS_HEADING}**")
        for f in section.flagged:
            code, what, owner, score, why = flagged_line(f)
            with st.container(border=True):
                st.markdown(f"**{esc(score)} · {esc(code)} {esc(what)}** — owner: {esc(owner)}  \n{esc(why)}")
    if section.others_words():
        st.caption(section.others_words() + ".")


def since_param(text: str | None) -> date | None:
    """The last board's date from the page address (?since=2013-09-30); None when absent or unreadable."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def present_block(section: RiskSection | None, limit: int = 4) -> str:
    """A slide's risks by exception, as HTML lines for the projector."""
    if section is None or not section.flagged:
        return ""
    items = []
    for f in section.flagged[:limit]:
        code, what, _, score, why = flagged_line(f)
        items.append(f"{html_text(score)} · <b>{html_text(code)}</b> {html_text(what)}: {html_text(f.summary)}")
    if len(section.flagged) > limit:
        items.append(f"… and {len(section.flagged) - limit} more")
    return f"<b>{EXCEPTIONS_HEADING} ({len(section.flagged)})</b><br>" + "<br>".join(items)


MATRIX_CSS = """<style>
.kpi-matrix { border-collapse: collapse; font-size: 1.15rem; margin: 0.4rem 0; }
.kpi-matrix caption { text-align: left; font-weight: 700; font-size: 1.35rem; padding-bottom: 0.3rem; }
.kpi-matrix th, .kpi-matrix td { border: 1px solid #505a5f; padding: 0.3rem 0.6rem; color: #0b0c0c; }
.kpi-matrix th { background: #f3f2f1; text-align: left; }
.kpi-matrix td.b-high { background: #f4cccc; font-weight: 700; }
.kpi-matrix td.b-medium { background: #fce5c0; }
.kpi-matrix td.b-low { background: #e8f1ea; }
</style>"""


def present_matrix_html(grid: Matrix) -> str:
    """The matrix for the projector: a real table with headers, each cell in words and shape."""
    head = "".join(f'<th scope="col">{html_text(impact_label(n))}</th>' for n in range(1, 6))
    body = "".join(
        f'<tr><th scope="row">{html_text(likelihood_label(line[0].likelihood))}</th>'
        + "".join(f'<td class="b-{c.band}">{html_text(c.label)}</td>' for c in line)
        + "</tr>"
        for line in grid.rows
    )
    return (
        MATRIX_CSS + f'<table class="kpi-matrix"><caption>{html_text(MATRIX_HEADING)}</caption><thead><tr>'
        f'<th scope="col">Likelihood \\ impact</th>{head}</tr></thead><tbody>{body}</tbody></table>'
        f'<div class="kpi-line">{html_text(LEGEND)}</div>'
    )
