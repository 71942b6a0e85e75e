"""The board pack's risks in PDF: the 5x5 matrix page and each section's risks by exception.

Kept apart from pdf.py's indicator layout; it uses pdf.py's styles and grid so the pages look alike.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from kpi.reports import Pack, Section
from kpi.risks import EXCEPTIONS_HEADING, LEGEND, MATRIX_HEADING, flagged_line, impact_label, likelihood_label

BAND_FILL = {"high": "#F4CCCC", "medium": "#FCE5C0", "low": "#E8F1EA"}


def matrix_story(pack: Pack, s) -> list:
    """A page with the plan's matrix, its legend, its words and the unscored risks."""
    from kpi.reports.pdf import _grid, _header, _p

    grid = pack.risk_matrix
    if grid is None or not (grid.scored or grid.not_scored):
        return []
    rows = [_header(["Likelihood \\ impact"] + [impact_label(n) for n in range(1, 6)], s)]
    fills = {}
    for r, line in enumerate(grid.rows, start=1):
        row = [_p(likelihood_label(line[0].likelihood), s["cell_bold"])]
        for c, cell in enumerate(line, start=1):
            fills[(r, c)] = BAND_FILL[cell.band]
            row.append(_p(cell.label, s["cell_bold"] if cell.codes else s["cell"]))
        rows.append(row)
    story = [_p(MATRIX_HEADING, s["h1"]), _grid(rows, [40 * mm] + [45 * mm] * 5, fills=fills), Spacer(1, 3 * mm),
             _p(LEGEND, s["small"]), _p(grid.text_alternative(), s["small"]), _p(pack.risks_since, s["small"])]
    if grid.not_scored:
        story.append(_p(grid.not_scored_words(), s["small"]))
    return story + [PageBreak()]


def section_story(section: Section, s) -> list:
    """A section's risks and issues by exception, then a line saying how many others are live."""
    from kpi.reports.pdf import _grid, _header, _p

    risks = section.risks
    if risks is None or risks.is_empty:
        return []
    story = [CondPageBreak(30 * mm), _p(EXCEPTIONS_HEADING, s["h2"])]
    if risks.flagged:
        rows = [_header(["Code", "Risk or issue", "Owner", "Score", "Why it is here; mitigation"], s)]
        fills = {}
        for f in risks.flagged:
            code, what, owner, score, why = flagged_line(f)
            if f.risk.band in BAND_FILL:
                fills[(len(rows), 3)] = BAND_FILL[f.risk.band]
            rows.append([_p(code, s["cell_bold"]), _p(what, s["cell"]), _p(owner, s["cell"]),
                         _p(score, s["cell_bold"]), _p(why, s["cell"])])
        story.append(_grid(rows, [15 * mm, 85 * mm, 35 * mm, 28 * mm, 102 * mm], fills=fills))
    else:
        story.append(_p("No open issues, high or rising risks, or reviews past due.", s["body"]))
    if risks.others_words():
        story.append(_p(risks.others_words() + ".", s["small"]))
    return story + [Spacer(1, 3 * mm)]
