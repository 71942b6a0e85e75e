"""The board pack's risks in the PDF: the 5x5 matrix page and each section's risks by exception, as HTML tables.

Kept apart from pdf.py's indicator layout; it uses pdf.py's table so the pages look alike.
"""

from __future__ import annotations

from kpi.reports import Pack, Section
from kpi.reports.text import html as h
from kpi.risks import EXCEPTIONS_HEADING, LEGEND, MATRIX_HEADING, flagged_line, impact_label, likelihood_label


def matrix_html(pack: Pack) -> str:
    """A page with the plan's matrix (likelihood rows are header cells), its legend, its words and the unscored."""
    from kpi.reports.pdf import bold, table

    grid = pack.risk_matrix
    if grid is None or not (grid.scored or grid.not_scored):
        return ""
    rows, fills = [], {}
    for r, line in enumerate(grid.rows, start=1):
        rows.append(
            [h(likelihood_label(line[0].likelihood))] + [bold(h(c.label)) if c.codes else h(c.label) for c in line]
        )
        fills.update({(r, c): f"band-{cell.band}" for c, cell in enumerate(line, start=1)})
    head = ["Likelihood \\ impact"] + [impact_label(n) for n in range(1, 6)]
    notes = [LEGEND, grid.text_alternative(), pack.risks_since] + ([grid.not_scored_words()] if grid.not_scored else [])
    return (
        f'<section class="page"><h1>{h(MATRIX_HEADING)}</h1>'
        + table(head, rows, row_header=0, cls="matrix", fills=fills)
        + "".join(f'<p class="small">{h(n)}</p>' for n in notes)
        + "</section>"
    )


def section_html(section: Section) -> str:
    """A section's risks and issues by exception, then a line saying how many others are live."""
    from kpi.reports.pdf import bold, table

    risks = section.risks
    if risks is None or risks.is_empty:
        return ""
    parts = [f"<h2>{h(EXCEPTIONS_HEADING)}</h2>"]
    if risks.flagged:
        rows, fills = [], {}
        for f in risks.flagged:
            code, what, owner, score, why = flagged_line(f)
            fills[(len(rows) + 1, 3)] = f"band-{f.risk.band}"
            rows.append([bold(h(code)), h(what), h(owner), bold(h(score)), h(why)])
        parts.append(
            table(
                ["Code", "Risk or issue", "Owner", "Score", "Why it is here; mitigation"],
                rows,
                row_header=0,
                cls="risks",
                fills=fills,
            )
        )
    else:
        parts.append("<p>No open issues, high or rising risks, or reviews past due.</p>")
    if risks.others_words():
        parts.append(f'<p class="small">{h(risks.others_words())}.</p>')
    return "".join(parts)
