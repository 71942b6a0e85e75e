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
from kpi.model import RAG_FILL, RAG_WORDS, RAGS
from kpi.reports import Line, Pack, Section, Tile, risks_pptx

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
              Inches(2.2), Inches(1.3), fill=RAG_FILL[rag][1:])


def _summary(prs, pack: Pack) -> None:
    rows = [(s.title, t) for s in pack.sections for t in s.tiles]
    for n, chunk in enumerate(_chunks(rows, TABLE_ROWS)):
        slide = _blank(prs, "RAG summary" + (" (continued)" if n else ""))
        if not chunk:
            _text(slide, "No indicators in this pack.", Inches(0.5), Inches(1.3), Inches(8), Inches(1), size=18)
            continue
        fills = {(r, 5): RAG_FILL.get(t.rag, "FFFFFF")[1:] for r, (_, t) in enumerate(chunk, start=1)}
        _table(slide, ["Priority", "Indicator", "Period", "Actual", "Target", "RAG", "Direction"],
               [[p, t.title, t.period, t.value, t.target_cell, t.rag_label, t.direction_label] for p, t in chunk],
               [2.6, 4.1, 0.9, 1.0, 1.4, 1.3, 1.2], fills)


def _tile_lines(t: Tile, big: int) -> list:
    lines = [(t.title, 14, True), (t.value if t.has_figure else "No figures yet", big, True),
             (t.target_line, 13, False), (f"{t.rag_label}   {t.direction_label}", 15, True)]
    lines += [(line, 11, False) for line in (t.band, t.place, t.reported, *t.caveats) if line]
    return lines + [(f"Period: {t.period}", 11, False)]


def _grid(slide, tiles: list[Tile], top: float, bottom: float) -> None:
    """Tiles in rows across the slide: 3 a row up to six, then 4 a row; smaller as they grow."""
    if not tiles:
        return
    cols = min(len(tiles), 3) if len(tiles) <= 6 else 4
    rows = -(-len(tiles) // cols)
    gap = 0.15
    width = (12.33 - gap * (cols - 1)) / cols
    height = (bottom - top - gap * (rows - 1)) / rows
    for i, t in enumerate(tiles):
        left, y = 0.5 + (i % cols) * (width + gap), top + (i // cols) * (height + gap)
        _text(slide, _tile_lines(t, 28 if rows == 1 else 22), Inches(left), Inches(y), Inches(width), Inches(height),
              fill=RAG_FILL.get(t.rag)[1:])


def _tiles(prs, section: Section) -> None:
    for n, chunk in enumerate(_chunks(section.tiles, TILES_PER_SLIDE)):
        slide = _blank(prs, section.title + (" (continued)" if n else ""))
        _text(slide, section.plan, Inches(0.5), Inches(1.0), W - Inches(1), Inches(0.4), size=12)
        if not chunk:
            note = "No indicators: see the actions and milestones that follow."
            _text(slide, note, Inches(0.5), Inches(1.6), Inches(10), Inches(0.6), size=18)
        _grid(slide, chunk, 1.5, 7.1)


def _picture(slide, t: Tile, left, top, width) -> None:
    pic = slide.shapes.add_picture(io.BytesIO(t.chart_png), left, top, width=width)
    pic.name = f"Trend chart: {t.title}"
    pic._element.nvPicPr.cNvPr.set("descr", t.chart_alt)


def _action_lines(section: Section) -> list:
    lines = []
    if section.overdue_actions:
        lines.append((f"Overdue actions ({len(section.overdue_actions)})", 14, True))
        lines += [(f"{a.text} ({a.owner}, due {a.due})", 12, False) for a in section.overdue_actions[:4]]
        if len(section.overdue_actions) > 4:
            lines.append((f"… and {len(section.overdue_actions) - 4} more in the PDF pack", 12, False))
    late = [m for m in section.milestones if m.late]
    if section.milestones:
        lines.append((f"Milestones ({len(section.milestones)}, {len(late)} late)", 14, True))
        lines += [(f"{m.text}: due {m.due}, {m.status}{' (late)' if m.late else ''}", 12, False)
                  for m in section.milestones[:4]]
    if section.actions and not section.overdue_actions:
        lines.append((f"Actions in progress: {len(section.actions)}", 14, True))
    return lines


def _priority_slide(prs, section: Section) -> None:
    """One slide for a priority: its tiles, its first indicator's chart when there is room, its actions."""
    slide = _blank(prs, section.title)
    _text(slide, section.plan, Inches(0.5), Inches(1.0), W - Inches(1), Inches(0.4), size=12)
    actions = _action_lines(section)
    tiles = section.tiles
    if not tiles:
        if section.overdue_actions or section.actions:
            lines = section.overdue_actions + section.actions
            _table(slide, ["Action", "Owner", "Due", "Status"],
                   [[a.text, a.owner, a.due, a.status + (" — overdue" if a.late else "")] for a in lines[:TABLE_ROWS]],
                   [6.4, 3.0, 1.4, 1.5], {(r, 3): RAG_FILL["red"][1:] for r, a in enumerate(lines[:TABLE_ROWS], 1)
                                          if a.late})
            if len(lines) > TABLE_ROWS:
                _text(slide, f"… and {len(lines) - TABLE_ROWS} more in the PDF pack", Inches(0.5), Inches(6.9),
                      Inches(8), Inches(0.4), size=12)
        else:
            _text(slide, actions or "Nothing to report.", Inches(0.5), Inches(1.6), Inches(12), Inches(5), size=14)
        return
    key = tiles[0]
    room_for_chart = len(tiles) <= 3 and key.chart_png
    _grid(slide, tiles, 1.5, 3.9 if room_for_chart or actions else 7.1)
    if room_for_chart:
        _picture(slide, key, Inches(0.5), Inches(4.05), Inches(7.6))
        if actions:
            _text(slide, actions, Inches(8.3), Inches(4.05), Inches(4.5), Inches(3.2))
    elif actions:
        _text(slide, actions, Inches(0.5), Inches(4.05), Inches(12.3), Inches(3.2))


def _chart(prs, section: Section, t: Tile) -> None:
    slide = _blank(prs, t.title)
    _text(slide, f"{section.title} · {t.period}", Inches(0.5), Inches(1.0), Inches(12), Inches(0.4), size=12)
    if t.chart_png:
        _picture(slide, t, Inches(0.4), Inches(1.6), Inches(8.2))
    lines = [(t.rag_label, 24, True), (f"{t.value} · {t.target_line}", 16, True), (t.direction_label, 16, False)]
    lines += [(line, 12, False) for line in (t.band, t.place, t.reported, *t.caveats) if line]
    lines.append((t.summary if t.has_figure else t.no_figures, 13, False))
    if t.commentary:
        lines += [("Commentary", 14, True), (f"{t.commentary}" + (f" ({t.commentary_by})" if t.commentary_by else ""),
                                             13, False)]
    elif t.flagged:
        lines += [("Commentary missing", 14, True)]
    _text(slide, lines, Inches(8.8), Inches(1.6), Inches(4.1), Inches(5.5), fill=RAG_FILL.get(t.rag)[1:])


def _lines(prs, section: Section, title: str, lines: list[Line], milestone: bool = False) -> None:
    for n, chunk in enumerate(_chunks(lines, TABLE_ROWS - 2)):
        if not chunk:
            return
        slide = _blank(prs, f"{section.title}: {title}" + (" (continued)" if n else ""))
        late_word = "late" if milestone else "overdue"
        fills = {(r, 3): RAG_FILL["red"][1:] for r, line in enumerate(chunk, start=1) if line.late}
        head = ["Milestone", "Target", "Due", "Status"] if milestone else ["Action", "Owner", "Due", "Status"]
        _table(slide, head, [[line.text, line.detail if milestone else line.owner, line.due,
                              line.status + (f" — {late_word}" if line.late else "")] for line in chunk],
               [6.4, 3.0, 1.4, 1.5], fills)


SLIDES = ("priority", "indicator")


def write_pptx(pack: Pack, slides: str = "priority") -> bytes:
    """The pack as .pptx bytes: cover, RAG summary, then one slide per priority (the default), or per priority
    its tiles and then one slide per indicator with its chart, followed by its actions and milestones."""
    if slides not in SLIDES:
        raise ValueError(f"slides must be one of {', '.join(SLIDES)}")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    prs.core_properties.title = f"{pack.title}: board pack"
    prs.core_properties.subject = pack.period
    _cover(prs, pack)
    _summary(prs, pack)
    risks_pptx.matrix_slide(prs, pack)
    for section in pack.sections:
        if slides == "priority":
            _priority_slide(prs, section)
            risks_pptx.section_slides(prs, section)     # risks by exception follow their priority
            continue
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
