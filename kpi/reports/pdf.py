"""The board pack as a tagged PDF (PDF/UA-1): the pack is laid out as HTML and WeasyPrint writes the PDF.

Board papers are published documents, so the regulations ask them to be accessible: WeasyPrint tags
what the HTML says (a heading is H1/H2, a table has TH header cells, a chart is a Figure whose /Alt is
the card's summary sentence), embeds DejaVu Sans, sets the title and language (en-GB), writes XMP
metadata and makes a bookmark for every heading (a priority, and under it its indicators).

Every stored string goes through kpi.reports.text.html (escaped: WeasyPrint renders HTML), so a title
or commentary can hold anything; long text flows on to the next page, and long words break.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

from kpi.demo import demo_notice
from kpi.model import RAG_STYLE, RAG_WORDS, RAGS
from kpi.reports import Line, Pack, Section, Tile, risks_pdf
from kpi.reports.text import attr, short
from kpi.reports.text import html as h

STYLESHEET = Path(__file__).with_name("pack.css")
LANG = "en-GB"
LONG_TILE_CHARS = 1500  # a tile with more text than this may break across pages; a shorter one moves on whole
SUMMARY_CHARS = 300  # a title in the RAG summary table; its section prints it whole
RAG_RULE = (
    "RAG rule: green when the target is met or beaten; amber when missed by no more than the indicator's "
    "tolerance; red otherwise. Icons differ in shape (✔ green, ▲ amber, ✖ red) so the rating does not rely on "
    "colour."
)


def _css() -> str:
    """The stylesheet, with a class per RAG rating whose colours come from kpi.model (the screen's own)."""
    rags = "\n".join(
        f".rag-{rag} {{ border-left-color: {s['bar']}; }}\n.fill-{rag} {{ background: {s['fill']}; }}"
        for rag, s in RAG_STYLE.items()
    )
    return STYLESHEET.read_text(encoding="utf-8") + "\n" + rags


def table(
    head: list[str],
    rows: list[list[str]],
    *,
    row_header: int | None = None,
    cls: str = "",
    fills: dict[tuple[int, int], str] | None = None,
) -> str:
    """An HTML table: header cells (TH, scope col), then rows of already-escaped cell HTML; column `row_header`
    is each row's header (TH, scope row); fills maps (row from 1, column) to a RAG or band class."""
    fills = fills or {}
    out = [f'<table class="{cls}"><thead><tr>', *(f'<th scope="col">{h(t)}</th>' for t in head), "</tr></thead><tbody>"]
    for r, cells in enumerate(rows, start=1):
        out.append("<tr>")
        for c, cell in enumerate(cells):
            tag, scope = ("th", ' scope="row"') if c == row_header else ("td", "")
            fill = f' class="{fills[(r, c)]}"' if (r, c) in fills else ""
            out.append(f"<{tag}{scope}{fill}>{cell}</{tag}>")
        out.append("</tr>")
    return "".join(out) + "</tbody></table>"


def bold(inner: str) -> str:
    """Escaped HTML in bold (a Span in the structure tree)."""
    return f'<span class="b">{inner}</span>'


def _cover(pack: Pack) -> str:
    counts = pack.rag_counts()
    parts = [
        f'<section class="cover"><div class="running" data-title="{attr(short(pack.title, 100))} · {attr(short(pack.period, 60))}"></div>',
        f'<h1 class="cover-title">{h(pack.title)}</h1>',
        f'<p class="subtitle">{h(pack.subtitle)}</p>',
        f'<p class="subtitle">{h(pack.period)} · actions and milestones as at {pack.as_of:%-d %B %Y}</p>',
        f"<p>Made {pack.generated:%-d %B %Y, %H:%M} by the performance dashboard.</p>",
    ]
    if pack.demo:
        parts.append(f"<p>{h(demo_notice(short=True))}</p>")
    parts.append(
        table(
            [RAG_WORDS[r] for r in RAGS],
            [[f"{counts[r]} indicators" for r in RAGS]],
            cls="counts",
            fills={(1, i): f"fill-{r}" for i, r in enumerate(RAGS)},
        )
    )
    return "".join(parts) + f'<p class="small">{h(RAG_RULE)}</p></section>'


def _rag(t: Tile) -> str:
    return bold(h(t.rag_label))


def _summary(pack: Pack) -> str:
    rows, fills = [], {}
    for section in pack.sections:
        for t in section.tiles:
            fills[(len(rows) + 1, 5)] = f"fill-{t.rag}"
            rows.append(
                [
                    h(short(section.title, SUMMARY_CHARS)),
                    h(short(t.title, SUMMARY_CHARS)),
                    h(t.period),
                    h(t.value),
                    h(t.target_cell),
                    _rag(t),
                    h(t.direction_label),
                    "Missing" if t.flagged else ("Yes" if t.commentary else "—"),
                ]
            )
    if not rows:
        return '<section class="page"><h1>RAG summary</h1><p>No indicators in this pack.</p></section>'
    head = ["Priority", "Indicator", "Period", "Actual", "Target", "RAG", "Direction", "Comment"]
    return f'<section class="page"><h1>RAG summary</h1>{table(head, rows, row_header=1, cls="summary", fills=fills)}</section>'


def _chart(t: Tile) -> str:
    svg = t.chart_svg if t.chart_rows is not None else None
    if not svg:
        return ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<div class="chart"><img src="data:image/svg+xml;base64,{data}" alt="{attr(t.chart_alt)}"></div>'


def _tile(t: Tile, exception: bool) -> str:
    value = f"{bold(h(t.value))} in {h(t.period)}" if t.has_figure else "No figures yet"
    fits = len(t.commentary or "") + len(t.title) < LONG_TILE_CHARS
    parts = [
        f'<section class="tile rag-{h(t.rag)}{" whole" if fits else ""}"><h2>{h(t.title)}</h2>',
        _chart(t),
        f'<p class="facts">{value} · {h(t.target_line)} · {_rag(t)} · {h(t.direction_label)}</p>',
    ]
    small = (t.band, t.place, t.schools, t.reported, *t.caveats, t.forecast_reason, t.signal_reason)
    parts += [f'<p class="small">{h(line)}</p>' for line in small if line]
    parts.append(f'<p class="small summary">{h(t.summary if t.has_figure else t.no_figures)}</p>')
    if t.commentary:
        by = f" ({h(t.commentary_by)})" if t.commentary_by else ""
        parts.append(f'<div class="commentary"><p>{bold("Commentary")}{by}: {h(t.commentary)}</p></div>')
    elif exception:
        parts.append(
            f'<div class="commentary"><p>{bold("Commentary missing")}: this indicator is '
            f"{h(t.rag_word.lower())} and has no commentary.</p></div>"
        )
    return "".join(parts) + "</section>"


def _lines(title: str, lines: list[Line], milestone: bool = False) -> str:
    if not lines:
        return ""
    head = ["Milestone", "Target", "Due", "Status"] if milestone else ["Action", "Owner", "Due", "Status"]
    rows, fills = [], {}
    for line in lines:
        status = line.status + (" — late" if milestone and line.late else " — overdue" if line.late else "")
        if line.late:
            fills[(len(rows) + 1, 3)] = "fill-red"
        text = line.text + (f" ({line.detail})" if line.detail and not milestone else "")
        rows.append([h(text), h(line.detail if milestone else line.owner), h(line.due), h(status)])
    return f"<h2>{h(title)}</h2>" + table(head, rows, cls="lines", fills=fills)


def _section(section: Section) -> str:
    parts = [f'<section class="page priority"><h1>{h(section.title)}</h1><p class="small">{h(section.plan)}</p>']
    if section.exceptions or section.overdue_actions:
        parts.append('<p class="group">By exception: red and amber indicators, and overdue actions</p>')
        parts += [_tile(t, True) for t in section.exceptions]
        parts.append(_lines("Overdue actions", section.overdue_actions))
    else:
        parts.append("<p>No red or amber indicators and no overdue actions.</p>")
    parts.append(risks_pdf.section_html(section))
    if section.others:
        parts.append('<p class="group">Other indicators</p>')
        parts += [_tile(t, False) for t in section.others]
    parts += [_lines("Actions", section.actions), _lines("Milestones", section.milestones, milestone=True)]
    return "".join(parts) + "</section>"


def pack_html(pack: Pack) -> str:
    """The whole pack as one HTML document: cover, RAG summary, risk matrix, then a section per priority."""
    body = _cover(pack) + _summary(pack) + risks_pdf.matrix_html(pack) + "".join(_section(s) for s in pack.sections)
    return (
        f'<!DOCTYPE html><html lang="{LANG}"><head><meta charset="utf-8"><title>{attr(pack.title)}: board pack</title>'
        f'<meta name="author" content="{attr(pack.subtitle)}"><meta name="description" content="{attr(pack.period)}">'
        f'<meta name="generator" content="Performance dashboard"><style>{_css()}</style></head>'
        f"<body>{body}</body></html>"
    )


def write_pdf(pack: Pack) -> bytes:
    """The pack as PDF/UA-1 bytes."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # layout notes are not the reader's; errors stay
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=pack_html(pack)).write_pdf(pdf_variant="pdf/ua-1", finisher=_header_scopes)


def warm_up() -> None:
    """Load what the first pack needs (WeasyPrint and Pango's fonts, vl-convert's Vega engine) by writing a
    one-line PDF with a one-point chart: the first press after a start then costs what every later one does."""
    import vl_convert as vlc
    from weasyprint import HTML

    from kpi.reports.images import CONFIG

    point = {"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    svg = base64.b64encode(vlc.vegalite_to_svg(point, config=CONFIG).encode("utf-8")).decode("ascii")
    body = f'<h1>Warm</h1><p>up</p><img src="data:image/svg+xml;base64,{svg}" alt="A point">'
    page = f'<html lang="{LANG}"><head><title>Warm up</title><style>{_css()}</style></head><body>{body}</body></html>'
    HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")


def _header_scopes(_document, pdf) -> None:
    """Give every TH its /Scope (Column in the table's head, Row in its body) beside the /Headers WeasyPrint
    gives each TD: either tells a screen reader which heads a cell has, and checkers look for both."""
    objects = pdf.objects

    def parent(obj):
        ref = obj.get("P") if hasattr(obj, "get") else None
        return objects[int(ref.split()[0])] if isinstance(ref, bytes) else None

    for obj in objects:
        if hasattr(obj, "get") and obj.get("S") == "/TH" and hasattr(obj.get("A"), "get"):
            row = parent(obj)
            group = parent(row) if row is not None else None
            obj["A"]["Scope"] = "/Column" if group is not None and group.get("S") == "/THead" else "/Row"
