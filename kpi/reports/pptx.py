"""The board pack as PowerPoint (python-pptx): text in text boxes and tables, alt text on every chart.

Presenters reuse slides in their own decks, so every figure is editable text, and each chart picture
carries a description (alt text) that a screen reader reads out.
"""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from kpi.demo import demo_notice
from kpi.model import RAG_WORDS, RAGS
from kpi.reports import Line, Pack, Section, Tile, risks_pptx

RAG_FILL = {"green": "CCE5D4", "amber": "FCE5C0", "red": "F4CCCC", "no_target": "EEEEEE", "no_data": "EEEEEE"}
NAVY, INK, WHITE = RGBColor(0x1D, 0x3F, 0x6E), RGBColor(0x0B, 0x0C, 0x0C), RGBColor(0xFF, 0xFF, 0xFF)
W, H = Inches(13.333), Inches(7.5)
TABLE_ROWS = 9
TILES_PER_SLIDE = 6


def _blank(prs: Presentation, title: str | None = None):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    if title:
        _text(slide, title, Inches(0.5), Inches(0.3), W - Inches(1), Inches(0.8), size=28, bold=True, color=NAVY)
    return slide


def _text(slide, text, left, top, width, height, *, size=14, bold=False, color=INK, fill: str | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        content, line_size, line_bold = (line if isinstance(line, tuple) else (line, size, bold))
        run = para.add_run()
        run.text = str(content)
        run.font.size, run.font.bold, run.font.color.rgb = Pt(line_size), line_bold, color
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
    return box


def _table(slide, header: list[str], rows: list[list[str]], widths: list[float], fills: dict | None = None):
    top = Inches(1.2)
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(0.5), top, Inches(sum(widths)),
                                   Inches(0.4) * (len(rows) + 1))
    table = shape.table
    for c, w in enumerate(widths):
        table.columns[c].width = Inches(w)
    for r, values in enumerate([header] + rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = str(value)
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(12 if r else 12)
                    run.font.bold = r == 0
                    run.font.color.rgb = WHITE if r == 0 else INK
            cell.fill.solid()
            colour = "1D3F6E" if r == 0 else (fills or {}).get((r, c), "FFFFFF")
            cell.fill.fore_color.rgb = RGBColor.from_string(colour)
    return table


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _cover(prs, pack: Pack) -> None:
    slide = _blank(prs)
    _text(slide, pack.title, Inches(0.8), Inches(1.6), W - Inches(1.6), Inches(1.4), size=36, bold=True, color=NAVY)
    lines = [pack.subtitle, f"{pack.period} · actions and milestones as at {pack.as_of:%-d %B %Y}",
             f"Made {pack.generated:%-d %B %Y, %H:%M}"]
    if pack.demo:
        lines.append(demo_notice(short=True))
    _text(slide, lines, Inches(0.8), Inches(3.1), W - Inches(1.6), Inches(1.6), size=18)
    counts = pack.rag_counts()
    for i, rag in enumerate(RAGS):
        _text(slide, [(f"{counts[rag]}", 32, True), (RAG_WORDS[rag], 16, False)], Inches(0.8 + i * 2.4), Inches(5.0),
              Inches(2.2), Inches(1.3), fill=RAG_FILL[rag])


def _summary(prs, pack: Pack) -> None:
    rows = [(s.title, t) for s in pack.sections for t in s.tiles]
    for n, chunk in enumerate(_chunks(rows, TABLE_ROWS)):
        slide = _blank(prs, "RAG summary" + (" (continued)" if n else ""))
        if not chunk:
            _text(slide, "No indicators in this pack.", Inches(0.5), Inches(1.3), Inches(8), Inches(1), size=18)
            continue
        fills = {(r, 5): RAG_FILL.get(t.rag, "FFFFFF") for r, (_, t) in enumerate(chunk, start=1)}
        _table(slide, ["Priority", "Indicator", "Period", "Actual", "Target", "RAG", "Direction"],
               [[p, t.title, t.period, t.value, t.target, f"{t.rag_icon} {t.rag_word}", f"{t.arrow} {t.direction}"]
                for p, t in chunk], [2.6, 4.3, 0.9, 1.0, 1.0, 1.3, 1.2], fills)


def _tiles(prs, section: Section) -> None:
    for n, chunk in enumerate(_chunks(section.tiles, TILES_PER_SLIDE)):
        slide = _blank(prs, section.title + (" (continued)" if n else ""))
        _text(slide, section.plan, Inches(0.5), Inches(1.0), W - Inches(1), Inches(0.4), size=12)
        if not chunk:
            note = "No indicators: see the actions and milestones that follow."
            _text(slide, note, Inches(0.5), Inches(1.6), Inches(10), Inches(0.6), size=18)
        for i, t in enumerate(chunk):
            left, top = Inches(0.5 + (i % 3) * 4.15), Inches(1.6 + (i // 3) * 2.9)
            lines = [(t.title, 14, True), (t.value, 30, True),
                     (f"Target {t.target}" if t.target != "—" else "No target", 14, False),
                     (f"{t.rag_icon} {t.rag_word}   {t.arrow} {t.direction}", 16, True), (f"Period: {t.period}", 12, False)]
            _text(slide, lines, left, top, Inches(3.95), Inches(2.7), fill=RAG_FILL.get(t.rag))


def _chart(prs, section: Section, t: Tile) -> None:
    slide = _blank(prs, t.title)
    _text(slide, f"{section.title} · {t.period}", Inches(0.5), Inches(1.0), Inches(12), Inches(0.4), size=12)
    if t.chart_png:
        pic = slide.shapes.add_picture(io.BytesIO(t.chart_png), Inches(0.4), Inches(1.6), width=Inches(8.2))
        pic.name = f"Trend chart: {t.title}"
        pic._element.nvPicPr.cNvPr.set("descr", t.chart_alt)
    lines = [(f"{t.rag_icon} {t.rag_word}", 24, True), (f"{t.value} · " + (f"target {t.target}" + (f" ({t.gap})" if t.gap != "—" else "")
                                               if t.target != "—" else "no target"), 16, True),
             (f"{t.arrow} {t.direction}", 16, False), (t.sentence, 13, False)]
    if t.commentary:
        lines += [("Commentary", 14, True), (f"{t.commentary} ({t.commentary_by or ''})", 13, False)]
    elif t.flagged:
        lines += [("Commentary missing", 14, True)]
    _text(slide, lines, Inches(8.8), Inches(1.6), Inches(4.1), Inches(5.5), fill=RAG_FILL.get(t.rag))


def _lines(prs, section: Section, title: str, lines: list[Line], milestone: bool = False) -> None:
    for n, chunk in enumerate(_chunks(lines, TABLE_ROWS - 2)):
        if not chunk:
            return
        slide = _blank(prs, f"{section.title}: {title}" + (" (continued)" if n else ""))
        late_word = "late" if milestone else "overdue"
        fills = {(r, 3): RAG_FILL["red"] for r, line in enumerate(chunk, start=1) if line.late}
        head = ["Milestone", "Target", "Due", "Status"] if milestone else ["Action", "Owner", "Due", "Status"]
        _table(slide, head, [[line.text, line.detail if milestone else line.owner, line.due,
                              line.status + (f" — {late_word}" if line.late else "")] for line in chunk],
               [6.4, 3.0, 1.4, 1.5], fills)


def write_pptx(pack: Pack) -> bytes:
    """The pack as .pptx bytes: cover, RAG summary, then per priority its tiles, charts, actions and milestones."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    prs.core_properties.title = f"{pack.title}: board pack"
    prs.core_properties.subject = pack.period
    _cover(prs, pack)
    _summary(prs, pack)
    risks_pptx.matrix_slide(prs, pack)
    for section in pack.sections:
        _tiles(prs, section)
        risks_pptx.section_slides(prs, section)
        for t in section.tiles:
            _chart(prs, section, t)
        _lines(prs, section, "overdue actions", section.overdue_actions)
        _lines(prs, section, "actions", section.actions)
        _lines(prs, section, "milestones", section.milestones, milestone=True)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
