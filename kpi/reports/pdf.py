"""The board pack as PDF (ReportLab): real text everywhere, charts as pictures beside their words.

DejaVu Sans is embedded because the RAG icons and arrows (✔ ▲ ✖ ↑ ↓) are not in PDF's base fonts.
"""
from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kpi.demo import demo_notice
from kpi.model import RAG_BAR, RAG_FILL, RAG_ICONS, RAG_WORDS, RAGS
from kpi.reports import Line, Pack, Section, Tile, risks_pdf
from kpi.reports.drawing import trend_drawing

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK = colors.HexColor("#0B0C0C")
PAGE = landscape(A4)


def _fonts() -> tuple[str, str]:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.exists():
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


def _styles(font: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "cover": ParagraphStyle("cover", parent=base, fontName=bold, fontSize=26, leading=32, spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=15, leading=20, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=17, leading=22, spaceBefore=4, spaceAfter=8,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4,
                             keepWithNext=1),
        "tile_title": ParagraphStyle("tile_title", parent=base, fontName=bold, fontSize=11, leading=14),
        "big": ParagraphStyle("big", parent=base, fontName=bold, fontSize=20, leading=24),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=bold, fontSize=8.5, leading=10.5),
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER, fontName=bold, fontSize=9),
    }


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text if text is not None else "")).replace("\n", "<br/>"), style)


def _rag_cell(tile_or_rag, s) -> Paragraph:
    rag = tile_or_rag.rag if isinstance(tile_or_rag, Tile) else tile_or_rag
    return _p(f"{RAG_ICONS.get(rag, '')} {RAG_WORDS.get(rag, rag)}", s["cell_bold"])


class _Table(Table):
    """A table that never leaves fewer than MIN_ROWS of its rows alone at the foot or the top of a page."""
    MIN_ROWS = 3

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows
        first, rest = len(parts[0]._cellvalues) - head, len(parts[1]._cellvalues) - head
        if first < self.MIN_ROWS:
            return []                       # move the whole table on: no heading with two rows under it
        if rest >= self.MIN_ROWS:
            return parts
        keep = first - (self.MIN_ROWS - rest)
        if keep < self.MIN_ROWS:
            return []
        return super().split(availWidth, sum(self._rowHeights[:head + keep]) + 0.5)


def _grid(rows, widths, header_fill="#1D3F6E", fills: dict[int, str] | None = None) -> Table:
    table = _Table(rows, colWidths=widths, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#B1B4B6")),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(header_fill)),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for (row, col), fill in (fills or {}).items():
        style.append(("BACKGROUND", (col, row), (col, row), colors.HexColor(fill)))
    table.setStyle(TableStyle(style))
    return table


def _header(texts, s) -> list[Paragraph]:
    white = ParagraphStyle("head", parent=s["cell_bold"], textColor=colors.white)
    return [_p(t, white) for t in texts]


def _cover(pack: Pack, s) -> list:
    counts = pack.rag_counts()
    story = [Spacer(1, 30 * mm), _p(pack.title, s["cover"]), _p(pack.subtitle, s["subtitle"]),
             _p(f"{pack.period} · actions and milestones as at {pack.as_of:%-d %B %Y}", s["subtitle"]),
             _p(f"Made {pack.generated:%-d %B %Y, %H:%M} by the performance dashboard.", s["body"]), Spacer(1, 8 * mm)]
    if pack.demo:
        story.append(_p(demo_notice(short=True), s["body"]))
        story.append(Spacer(1, 4 * mm))
    rows = [_header([RAG_WORDS[r] for r in RAGS], s), [_p(f"{counts[r]} indicators", s["centre"]) for r in RAGS]]
    story.append(_grid(rows, [45 * mm] * len(RAGS), fills={(1, i): RAG_FILL[r] for i, r in enumerate(RAGS)}))
    story.append(Spacer(1, 6 * mm))
    story.append(_p("RAG rule: green when the target is met or beaten; amber when missed by no more than the "
                    "indicator's tolerance; red otherwise. Icons differ in shape (✔ green, ▲ amber, ✖ red) so the "
                    "rating does not rely on colour.", s["small"]))
    return story + [PageBreak()]


def _summary(pack: Pack, s) -> list:
    story = [_p("RAG summary", s["h1"])]
    rows = [_header(["Priority", "Indicator", "Period", "Actual", "Target", "RAG", "Direction", "Comment"], s)]
    fills = {}
    for section in pack.sections:
        for t in section.tiles:
            fills[(len(rows), 5)] = RAG_FILL.get(t.rag, "#FFFFFF")
            rows.append([_p(section.title, s["cell"]), _p(t.title, s["cell"]), _p(t.period, s["cell"]),
                         _p(t.value, s["cell"]), _p(t.target_cell, s["cell"]), _rag_cell(t, s),
                         _p(t.direction_label, s["cell"]),
                         _p("Missing" if t.flagged else ("Yes" if t.commentary else "—"), s["cell"])])
    if len(rows) == 1:
        return story + [_p("No indicators in this pack.", s["body"]), PageBreak()]
    widths = [46 * mm, 80 * mm, 16 * mm, 19 * mm, 30 * mm, 25 * mm, 28 * mm, 23 * mm]
    return story + [_grid(rows, widths, fills=fills), PageBreak()]


def _tile(t: Tile, s, exception: bool) -> KeepTogether:
    value = f"<b>{escape(t.value)}</b> in {escape(t.period)}" if t.has_figure else "No figures yet"
    facts = (f"{value} · {escape(t.target_line)} · "
             f"<b>{escape(t.rag_label)}</b> · {escape(t.direction_label)}")
    left = [_p(t.title, s["tile_title"]), Paragraph(facts, s["body"])]
    left += [_p(line, s["small"]) for line in (t.band, t.place, t.reported, *t.caveats) if line]
    left += [_p(line, s["small"]) for line in (t.forecast_reason, t.signal_reason) if line]
    left += [Spacer(1, 2 * mm), _p(t.summary if t.has_figure else t.no_figures, s["small"])]
    if t.commentary:
        left += [Spacer(1, 2 * mm), Paragraph(f"<b>Commentary</b> ({escape(t.commentary_by or '')}): "
                                              f"{escape(t.commentary)}", s["body"])]
    elif exception:
        left += [Spacer(1, 2 * mm), Paragraph("<b>Commentary missing</b>: this indicator is "
                                              f"{escape(t.rag_word.lower())} and has no commentary.", s["body"])]
    drawing = trend_drawing(t.chart_rows, 120 * mm, 48 * mm, s["body"].fontName) if t.chart_rows is not None else None
    right = drawing or _p("", s["body"])
    table = Table([[left, right]], colWidths=[140 * mm, 125 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBEFORE", (0, 0), (0, 0), 5, colors.HexColor(RAG_BAR.get(t.rag, "#B1B4B6"))),
                               ("BOX", (0, 0), (-1, -1), 0.4, colors.HexColor("#B1B4B6")),
                               ("LEFTPADDING", (0, 0), (0, 0), 8)]))
    return KeepTogether([table, Spacer(1, 3 * mm)])


def _lines(title: str, lines: list[Line], s, milestone: bool = False) -> list:
    if not lines:
        return []
    head = ["Milestone", "Target", "Due", "Status"] if milestone else ["Action", "Owner", "Due", "Status"]
    rows, fills = [_header(head, s)], {}
    for line in lines:
        status = line.status + (" — late" if milestone and line.late else " — overdue" if line.late else "")
        if line.late:
            fills[(len(rows), 3)] = RAG_FILL["red"]
        text = line.text + (f" ({line.detail})" if line.detail and not milestone else "")
        rows.append([_p(text, s["cell"]), _p(line.detail if milestone else line.owner, s["cell"]),
                     _p(line.due, s["cell"]), _p(status, s["cell"])])
    return [CondPageBreak(30 * mm), _p(title, s["h2"]),
            _grid(rows, [130 * mm, 70 * mm, 25 * mm, 40 * mm], fills=fills), Spacer(1, 3 * mm)]


def _section(section: Section, s) -> list:
    story = [_p(section.title, s["h1"]), _p(section.plan, s["small"]), Spacer(1, 2 * mm)]
    if section.exceptions or section.overdue_actions:
        story.append(_p("By exception: red and amber indicators, and overdue actions", s["h2"]))
        story += [_tile(t, s, True) for t in section.exceptions]
        story += _lines("Overdue actions", section.overdue_actions, s)
    else:
        story.append(_p("No red or amber indicators and no overdue actions.", s["body"]))
    story += risks_pdf.section_story(section, s)
    if section.others:
        story.append(_p("Other indicators", s["h2"]))
        story += [_tile(t, s, False) for t in section.others]
    story += _lines("Actions", section.actions, s)
    story += _lines("Milestones", section.milestones, s, milestone=True)
    return story + [PageBreak()]


def write_pdf(pack: Pack) -> bytes:
    """The pack as PDF bytes: cover, RAG summary, then one section per priority."""
    font, bold = _fonts()
    s = _styles(font, bold)
    buffer = io.BytesIO()

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(15 * mm, 8 * mm, f"{pack.title} · {pack.period}")
        canvas.drawRightString(PAGE[0] - 15 * mm, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"{pack.title}: board pack", author=pack.subtitle,
                            subject=pack.period, lang="en-GB")
    story = _cover(pack, s) + _summary(pack, s) + risks_pdf.matrix_story(pack, s)
    for section in pack.sections:
        story += _section(section, s)
    if story and isinstance(story[-1], PageBreak):
        story.pop()
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
