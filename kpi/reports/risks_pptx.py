"""The board pack's risks in PowerPoint: a matrix slide and each section's risks by exception, as editable tables."""

from __future__ import annotations

from pptx.util import Inches

from kpi.reports import Pack, Section
from kpi.reports.text import clean
from kpi.risks import EXCEPTIONS_HEADING, LEGEND, MATRIX_HEADING, flagged_line, impact_label, likelihood_label

BAND_FILL = {"high": "F4CCCC", "medium": "FCE5C0", "low": "E8F1EA"}
ROWS_PER_SLIDE = 5


def matrix_slide(prs, pack: Pack) -> None:
    from kpi.reports.pptx import W, _blank, _table, _text

    grid = pack.risk_matrix
    if grid is None or not (grid.scored or grid.not_scored):
        return
    slide = _blank(prs, MATRIX_HEADING)
    fills = {
        (r, c): BAND_FILL[cell.band]
        for r, line in enumerate(grid.rows, start=1)
        for c, cell in enumerate(line, start=1)
    }
    _table(
        slide,
        ["Likelihood \\ impact"] + [impact_label(n) for n in range(1, 6)],
        [[likelihood_label(line[0].likelihood)] + [cell.label for cell in line] for line in grid.rows],
        [2.0] + [2.05] * 5,
        fills,
    )
    notes = [LEGEND, pack.risks_since] + ([grid.not_scored_words()] if grid.not_scored else [])
    _text(slide, notes, Inches(0.5), Inches(5.9), W - Inches(1), Inches(1.4), size=12)
    slide.notes_slide.notes_text_frame.text = clean(grid.text_alternative())


def _cells(f) -> list[str]:
    return list(flagged_line(f))


def section_slides(prs, section: Section) -> None:
    from kpi.reports.pptx import CONTINUED, W, _blank, _fitting, _table, _text

    risks = section.risks
    if risks is None or not risks.flagged:
        return
    widths = [0.8, 3.6, 1.7, 1.4, 4.8]
    for n, chunk in enumerate(_fitting(risks.flagged, _cells, widths, room=5.2, most=ROWS_PER_SLIDE)):
        slide = _blank(prs, section.title, f": {EXCEPTIONS_HEADING.lower()}" + (f" ({CONTINUED})" if n else ""))
        fills = {(r, 3): BAND_FILL[f.risk.band] for r, f in enumerate(chunk, start=1) if f.risk.band in BAND_FILL}
        _table(
            slide,
            ["Code", "Risk or issue", "Owner", "Score", "Why it is here; mitigation"],
            [_cells(f) for f in chunk],
            widths,
            fills,
        )
        if risks.others_words():
            _text(slide, risks.others_words() + ".", Inches(0.5), Inches(6.8), W - Inches(1), Inches(0.5), size=12)
