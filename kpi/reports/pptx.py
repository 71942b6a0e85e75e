"""The board pack as PowerPoint (python-pptx): text in text boxes and tables, alt text on every chart.

Presenters reuse slides in their own decks, so every figure is editable text; every slide's title is
its layout's title placeholder (a screen reader and the outline view find it), every run says it is
en-GB, and each chart picture carries a description (alt text) that a screen reader reads out.

A slide has fixed room, so stored text is cut (kpi.reports.text): a long commentary goes on to a
"continued" slide and then points to the PDF pack, which prints everything; a long cell says the same.
"""

from __future__ import annotations

import io
from functools import partial

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from kpi.demo import demo_notice
from kpi.model import RAG_FILL, RAG_WORDS, RAGS
from kpi.reports import Line, Pack, Section, Tile, risks_pptx
from kpi.reports.text import CONTINUED, clean, clip, pieces, short

NAVY, INK, WHITE = RGBColor(0x1D, 0x3F, 0x6E), RGBColor(0x0B, 0x0C, 0x0C), RGBColor(0xFF, 0xFF, 0xFF)
W, H = Inches(13.333), Inches(7.5)
LANG = "en-GB"
TABLE_ROWS = 9
TILES_PER_SLIDE = 6
TITLE_ONLY, TITLE_SLIDE = 5, 0  # the default template's layouts with a title placeholder
# How much stored text a place on a slide holds (characters); the rest is cut, saying where it is.
TITLE_CHARS, TILE_TITLE_CHARS, CELL_CHARS = 110, 90, 220
CONTINUED_CHARS, CONTINUED_SLIDES, SUMMARY_CHARS = 2000, 2, 400
SIDE_WIDTH, SIDE_HEIGHT = 4.1, 5.5  # the box beside an indicator's chart (inches)
IN_PDF = "the full text is in the PDF board pack"


def _title(
    slide,
    text: str,
    left=Inches(0.5),
    top=Inches(0.3),
    width=W - Inches(1),
    height=Inches(0.8),
    size: int = 28,
    then: str = "",
) -> None:
    """Fill the layout's title placeholder (placed for a wide slide): the stored `text` cut to the room it has,
    then our own words (`then`: ': actions (continued)'), which are never cut."""
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = left, top, width, height
    frame = title.text_frame
    frame.word_wrap = True
    frame.text = short(text, TITLE_CHARS - len(then)) + then
    size = size if len(frame.text) <= 50 or size != 28 else 22  # a long title on two lines, inside its box
    for para in frame.paragraphs:
        para.alignment = PP_ALIGN.LEFT  # as the rest of the slide reads
        for run in para.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, NAVY


def _blank(prs: Presentation, title: str, then: str = ""):
    """A slide of the Title Only layout with its title set: every slide has a real title."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, title, then=then)
    return slide


def _text(slide, text, left, top, width, height, *, size=14, bold=False, color=INK, fill: str | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        content, line_size, line_bold = line if isinstance(line, tuple) else (line, size, bold)
        run = para.add_run()
        run.text = clean(content)
        run.font.size, run.font.bold, run.font.color.rgb = Pt(line_size), line_bold, color
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
    return box


def _cell(text) -> str:
    """A table cell's text, cut to what a row holds."""
    head, rest = clip(text, CELL_CHARS)
    return f"{head} … ({IN_PDF})" if rest else head


def _row_height(cells: list[str], widths: list[float]) -> float:
    """About how tall (inches) a row of 12 pt cells wraps to: DejaVu Sans averages about 0.55 em a character."""
    per_line = [max(1, int((w - 0.2) * 72 / (12 * 0.55))) for w in widths]
    lines = max(sum(-(-max(len(part), 1) // n) for part in _cell(text).split("\n")) for text, n in zip(cells, per_line))
    return lines * 12 * 1.2 / 72 + 0.12


def _fitting(items: list, cells, widths: list[float], room: float = 5.6, most: int = TABLE_ROWS) -> list[list]:
    """The items in chunks, each as many (up to `most`, at least one) as their rows (`cells(item)`, a list of cell
    texts) fit in `room` inches under the header."""
    chunks, chunk, used = [], [], 0.0
    for row in items:
        height = _row_height(cells(row), widths)
        if chunk and (used + height > room or len(chunk) == most):
            chunks.append(chunk)
            chunk, used = [], 0.0
        chunk.append(row)
        used += height
    return chunks + [chunk] if chunk else chunks or [[]]


def _table(
    slide, header: list[str], rows: list[list[str]], widths: list[float], fills: dict | None = None, top: float = 1.2
):
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), Inches(0.5), Inches(top), Inches(sum(widths)), Inches(0.4) * (len(rows) + 1)
    )
    table = shape.table
    for c, w in enumerate(widths):
        table.columns[c].width = Inches(w)
    for r, values in enumerate([header] + rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = _cell(value)
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(12)
                    run.font.bold = r == 0
                    run.font.color.rgb = WHITE if r == 0 else INK
            cell.fill.solid()
            colour = "1D3F6E" if r == 0 else (fills or {}).get((r, c), "FFFFFF")
            cell.fill.fore_color.rgb = RGBColor.from_string(colour)
    return table


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _cover(prs, pack: Pack) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    _title(slide, pack.title, Inches(0.8), Inches(1.4), W - Inches(1.6), Inches(1.6), size=36)
    lines = [
        short(pack.subtitle, TITLE_CHARS),
        f"{pack.period} · actions and milestones as at {pack.as_of:%-d %B %Y}",
        f"Made {pack.generated:%-d %B %Y, %H:%M}",
    ]
    if pack.demo:
        lines.append(demo_notice(short=True))
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        Inches(0.8),
        Inches(3.1),
        W - Inches(1.6),
        Inches(1.7),
    )
    frame = subtitle.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        run = para.add_run()
        run.text = clean(line)
        run.font.size, run.font.color.rgb = Pt(18), INK
    counts = pack.rag_counts()
    for i, rag in enumerate(RAGS):
        _text(
            slide,
            [(f"{counts[rag]}", 32, True), (RAG_WORDS[rag], 16, False)],
            Inches(0.8 + i * 2.4),
            Inches(5.0),
            Inches(2.2),
            Inches(1.3),
            fill=RAG_FILL[rag][1:],
        )


def _summary(prs, pack: Pack) -> None:
    rows = [
        [s.title, t.title, t.period, t.value, t.target_cell, t.rag_label, t.direction_label, t.rag]
        for s in pack.sections
        for t in s.tiles
    ]
    widths = [2.6, 4.1, 0.9, 1.0, 1.4, 1.3, 1.2]
    for n, chunk in enumerate(_fitting(rows, lambda row: row[:-1], widths)):
        slide = _blank(prs, "RAG summary" + (f" ({CONTINUED})" if n else ""))
        if not chunk:
            _text(slide, "No indicators in this pack.", Inches(0.5), Inches(1.3), Inches(8), Inches(1), size=18)
            continue
        fills = {(r, 5): RAG_FILL.get(row[-1], "#FFFFFF")[1:] for r, row in enumerate(chunk, start=1)}
        _table(
            slide,
            ["Priority", "Indicator", "Period", "Actual", "Target", "RAG", "Direction"],
            [row[:-1] for row in chunk],
            widths,
            fills,
        )


def _tile_lines(t: Tile, big: int) -> list:
    lines = [
        (short(t.title, TILE_TITLE_CHARS), 14, True),
        (t.value if t.has_figure else "No figures yet", big, True),
        (t.target_line, 13, False),
        (f"{t.rag_label}   {t.direction_label}", 15, True),
    ]
    lines += [(line, 11, False) for line in (t.band, t.place, t.forecast, t.reported, *t.caveats) if line]
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
        _text(
            slide,
            _tile_lines(t, 28 if rows == 1 else 22),
            Inches(left),
            Inches(y),
            Inches(width),
            Inches(height),
            fill=RAG_FILL.get(t.rag)[1:],
        )


def _tiles(prs, section: Section) -> None:
    for n, chunk in enumerate(_chunks(section.tiles, TILES_PER_SLIDE)):
        slide = _blank(prs, section.title, f" ({CONTINUED})" if n else "")
        _text(slide, short(section.plan, TITLE_CHARS), Inches(0.5), Inches(1.0), W - Inches(1), Inches(0.4), size=12)
        if not chunk:
            note = "No indicators: see the actions and milestones that follow."
            _text(slide, note, Inches(0.5), Inches(1.6), Inches(10), Inches(0.6), size=18)
        _grid(slide, chunk, 1.5, 7.1)


def _picture(slide, t: Tile, left, top, width) -> None:
    pic = slide.shapes.add_picture(io.BytesIO(t.chart_png), left, top, width=width)
    pic.name = f"Trend chart: {short(t.title, TITLE_CHARS)}"
    pic._element.nvPicPr.cNvPr.set("descr", clean(t.chart_alt))


def _action_lines(section: Section) -> list:
    lines = []
    if section.overdue_actions:
        lines.append((f"Overdue actions ({len(section.overdue_actions)})", 14, True))
        lines += [
            (f"{short(a.text, CELL_CHARS)} ({short(a.owner, 60)}, due {a.due})", 12, False)
            for a in section.overdue_actions[:4]
        ]
        if len(section.overdue_actions) > 4:
            lines.append((f"… and {len(section.overdue_actions) - 4} more in the PDF pack", 12, False))
    late = [m for m in section.milestones if m.late]
    if section.milestones:
        lines.append((f"Milestones ({len(section.milestones)}, {len(late)} late)", 14, True))
        lines += [
            (f"{short(m.text, CELL_CHARS)}: due {m.due}, {m.status}{' (late)' if m.late else ''}", 12, False)
            for m in section.milestones[:4]
        ]
    if section.actions and not section.overdue_actions:
        lines.append((f"Actions in progress: {len(section.actions)}", 14, True))
    return lines


def _priority_slide(prs, section: Section) -> None:
    """One slide for a priority: its tiles, its first indicator's chart when there is room, its actions."""
    slide = _blank(prs, section.title)
    _text(slide, short(section.plan, TITLE_CHARS), Inches(0.5), Inches(1.0), W - Inches(1), Inches(0.4), size=12)
    actions = _action_lines(section)
    tiles = section.tiles
    if not tiles:
        if section.overdue_actions or section.actions:
            lines = section.overdue_actions + section.actions
            shown = _fitting(lines, _line_cells, LINE_WIDTHS, room=5.0)[0]
            _table(
                slide,
                ["Action", "Owner", "Due", "Status"],
                [_line_cells(a) for a in shown],
                LINE_WIDTHS,
                {(r, 3): RAG_FILL["red"][1:] for r, a in enumerate(shown, 1) if a.late},
                top=1.5,
            )
            if len(lines) > len(shown):
                _text(
                    slide,
                    f"… and {len(lines) - len(shown)} more in the PDF pack",
                    Inches(0.5),
                    Inches(6.9),
                    Inches(8),
                    Inches(0.4),
                    size=12,
                )
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


def _height(lines: list, width: float) -> float:
    """About how tall (points) lines of (text, size, bold) wrap to in a box `width` inches wide."""
    return sum(
        -(-max(len(text), 1) // max(1, int((width - 0.2) * 72 / (size * 0.55)))) * size * 1.2 for text, size, _ in lines
    )


def _chart(prs, section: Section, t: Tile) -> None:
    slide = _blank(prs, t.title)
    _text(
        slide,
        f"{short(section.title, TITLE_CHARS)} · {t.period}",
        Inches(0.5),
        Inches(1.0),
        Inches(12),
        Inches(0.4),
        size=12,
    )
    if t.chart_png:
        _picture(slide, t, Inches(0.4), Inches(1.6), Inches(8.2))
    lines = [(t.rag_label, 24, True), (f"{t.value} · {t.target_line}", 16, True), (t.direction_label, 16, False)]
    lines += [
        (line, 12, False) for line in (t.band, t.place, t.schools, t.forecast, t.signal, t.reported, *t.caveats) if line
    ]
    lines.append((short(t.summary if t.has_figure else t.no_figures, SUMMARY_CHARS), 13, False))
    rest = ""
    if t.commentary:
        by = f" ({short(t.commentary_by, 60)})" if t.commentary_by else ""
        lines.append(("Commentary" + by, 14, True))
        room = SIDE_HEIGHT * 72 - _height(lines, SIDE_WIDTH) - 13 * 1.2 * 2  # two lines spare for "continued"
        first, rest = clip(t.commentary, max(0, int(room / (13 * 1.2) * (SIDE_WIDTH - 0.2) * 72 / (13 * 0.55) * 0.85)))
        lines.append(((first + f" … ({CONTINUED} on the next slide)" if rest else first).strip(), 13, False))
    elif t.flagged:
        lines += [("Commentary missing", 14, True)]
    _text(slide, lines, Inches(8.8), Inches(1.6), Inches(SIDE_WIDTH), Inches(SIDE_HEIGHT), fill=RAG_FILL.get(t.rag)[1:])
    if rest:
        _commentary_continued(prs, t, rest)


def _commentary_continued(prs, t: Tile, text: str) -> None:
    """The rest of a long commentary on up to CONTINUED_SLIDES slides; past them, where to read the rest."""
    parts = pieces(text, CONTINUED_CHARS)
    shown = parts[:CONTINUED_SLIDES]
    for n, part in enumerate(shown):
        slide = _blank(prs, t.title, f": commentary ({CONTINUED})")
        more = n + 1 < len(shown)
        tail = f" … ({CONTINUED} on the next slide)" if more else (f" … ({IN_PDF})" if len(parts) > len(shown) else "")
        _text(slide, part + tail, Inches(0.5), Inches(1.3), W - Inches(1), Inches(5.8), size=14)


LINE_WIDTHS = [6.4, 3.0, 1.4, 1.5]


def _line_cells(line: Line, milestone: bool = False) -> list[str]:
    late = (" — late" if milestone else " — overdue") if line.late else ""
    return [line.text, line.detail if milestone else line.owner, line.due, line.status + late]


def _lines(prs, section: Section, title: str, lines: list[Line], milestone: bool = False) -> None:
    if not lines:
        return
    cells = partial(_line_cells, milestone=milestone)
    for n, chunk in enumerate(_fitting(lines, cells, LINE_WIDTHS, most=TABLE_ROWS - 2)):
        slide = _blank(prs, section.title, f": {title}" + (f" ({CONTINUED})" if n else ""))
        fills = {(r, 3): RAG_FILL["red"][1:] for r, line in enumerate(chunk, start=1) if line.late}
        head = ["Milestone", "Target", "Due", "Status"] if milestone else ["Action", "Owner", "Due", "Status"]
        _table(slide, head, [cells(line) for line in chunk], LINE_WIDTHS, fills)


SLIDES = ("priority", "indicator")


def write_pptx(pack: Pack, slides: str = "priority") -> bytes:
    """The pack as .pptx bytes: cover, RAG summary, then one slide per priority (the default), or per priority
    its tiles and then one slide per indicator with its chart, followed by its actions and milestones."""
    if slides not in SLIDES:
        raise ValueError(f"slides must be one of {', '.join(SLIDES)}")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    prs.core_properties.title = f"{short(pack.title, 200)}: board pack"  # the property holds 255 characters
    prs.core_properties.subject = short(pack.period, 200)
    prs.core_properties.language = LANG
    _cover(prs, pack)
    _summary(prs, pack)
    risks_pptx.matrix_slide(prs, pack)
    for section in pack.sections:
        if slides == "priority":
            _priority_slide(prs, section)
            risks_pptx.section_slides(prs, section)  # risks by exception follow their priority
            continue
        _tiles(prs, section)
        risks_pptx.section_slides(prs, section)
        for t in section.tiles:
            _chart(prs, section, t)
        _lines(prs, section, "overdue actions", section.overdue_actions)
        _lines(prs, section, "actions", section.actions)
        _lines(prs, section, "milestones", section.milestones, milestone=True)
    _language(prs)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _language(prs) -> None:
    """Every run, paragraph end and default text style says en-GB (the template says en-US), so a screen reader
    and the spelling checker use British English."""
    parts = [
        prs.part._element,
        *(m._element for m in prs.slide_masters),
        *(layout._element for layout in prs.slide_layouts),
        *(slide._element for slide in prs.slides),
    ]
    parts += [slide.notes_slide._element for slide in prs.slides if slide.has_notes_slide]
    for element in parts:
        for run in list(element.iter(qn("a:r"))):
            run.get_or_add_rPr()
        for props in list(element.iter(qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))):
            props.set("lang", LANG)
