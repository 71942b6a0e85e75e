"""Text that cannot break a board pack: long commentary flows across PDF pages and is cut with "continued" on a
slide; hostile strings in every text field that reaches the pack (titles, commentary, actions, milestones,
risks) make both packs, printed as text, never as markup."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation
from pypdf import PdfReader

from kpi.commentary import record_commentary
from kpi.limits import most
from kpi.reports import build_pack
from kpi.reports.pdf import write_pdf
from kpi.reports.pptx import CELL_CHARS, IN_PDF, write_pptx
from kpi.reports.text import clean, clip, html, pieces
from kpi.store import Store
from tests.unit.pdf_structure import squeeze, structure

KEY = ("GAP-FSM-KS4", "academic_year:2011-09-01:2012-08-31")  # red in the demo: its commentary is printed

HOSTILE = [
    "Esc \x1b[31m red \x1b]0;owned\x07 VT\x0b FF\x0c NUL\x00 SOH\x01 DEL\x7f CSI\x9b end",
    "مؤشر التحصيل الدراسي \u202eRLO reversed\u202c and עברית mixed",
    "Emoji 🙂👩🏽‍🏫🏳️‍🌈, a ZWJ\u200d joiner, combining e\u0301 and a \ufeff BOM",
    "W" * 3000,
    "<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)> &amp; &lt; ]]> <!-- c --> {{x}} ${x}",
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A9)",
    "@SUM(1)",
    "-2+3",
    '=HYPERLINK("http://evil","x")',
    "</style></head><body><h1>injected</h1>",
    "\\ backslash \\\\ and \" quotes ' and `ticks`",
    "line one\nline two\r\nline three\rline four\t\ttabbed",
    "\ufffe\uffff non-characters \U0010ffff",
    "99999999999999999999999999999999999999999999999999",
    "   ",
]
# Each text column a user can fill that the pack prints, by table: (table, key column, columns).
FIELDS = (
    ("plans", "plan_code", ("title", "organisation")),
    ("priorities", "priority_code", ("title",)),
    ("indicators", "code", ("title",)),
    ("actions", "action_id", ("description", "owner")),
    ("milestones", "milestone_id", ("title", "target_text")),
    ("risks", "risk_id", ("risk", "mitigation", "owner")),
    ("commentary", "indicator_code", ("text", "author")),
)


def _pdf_text(data: bytes) -> str:
    """The PDF's text as poppler reads it (pypdf misreads the embedded CMaps WeasyPrint writes for big fonts)."""
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return text.replace("\x0c", "\n")  # pdftotext ends each page with a form feed


def _body_text(data: bytes) -> str:
    """The text of every page without its footer (the last two lines: title and page number), pages joined."""
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return "\n".join(
        "\n".join([line for line in page.splitlines() if line.strip()][:-2]) for page in text.split("\x0c")
    )


def _slides(data: bytes) -> list[list[str]]:
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        texts += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        out.append(texts)
    return out


def _commentary(words: int) -> str:
    """A commentary of numbered words, so order and completeness can be checked after line and page breaks."""
    return " ".join(f"w{i:05d}" for i in range(words))


def _stored(store: Store, text: str) -> None:
    """Commentary longer than today's limit (kpi.limits), as a database written before the limit holds it."""
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO commentary VALUES (?, ?, ?, 'ann', now()) ON CONFLICT (indicator_code, period_key) "
            "DO UPDATE SET text = excluded.text",
            [*KEY, text],
        )


@pytest.mark.parametrize("length", [3_000, 20_000])
def test_a_long_commentary_flows_across_pages_whole_in_the_pdf(demo_store, length):
    text = _commentary(length // 7)
    assert len(text) >= length - 7
    _stored(demo_store, text)
    data = write_pdf(build_pack(demo_store, charts=False))
    assert re.findall(r"w\d{5}", _pdf_text(data)) == text.split()  # every word, in order, across pages
    if length > 10_000:
        pages = {e.page for e in structure(PdfReader(io.BytesIO(data))).walk() if e.tag == "P" and e.page is not None}
        assert len(pages) > 5


@pytest.mark.parametrize("length", [most("commentary"), 20_000])
def test_a_long_commentary_is_cut_with_continued_on_slides_and_says_where_the_rest_is(demo_store, length):
    """The longest commentary the limit lets anyone enter, and one stored before there was a limit."""
    text = _commentary(length // 7)
    if len(text) <= most("commentary"):
        record_commentary(demo_store, *KEY, text, user="ann")
    else:
        _stored(demo_store, text)
    slides = _slides(write_pptx(build_pack(demo_store, charts=False), slides="indicator"))
    first = next(i for i, s in enumerate(slides) if any("Commentary (ann)" in t for t in s))
    assert any("(continued on the next slide)" in t for t in slides[first])
    continued = [s for s in slides if s[0].endswith("commentary (continued)")]
    shown = re.findall(r"w\d{5}", " ".join(t for s in [slides[first], *continued] for t in s))
    if length > 10_000:
        assert len(continued) == 2 and IN_PDF in " ".join(continued[-1])
        assert shown == text.split()[: len(shown)] and len(shown) > 300  # the start, in order, on the slides
    else:
        assert len(continued) == 1 and IN_PDF not in " ".join(continued[-1])
        assert shown == text.split()  # all of it, in order
    for s in slides:  # nothing overfills its box
        assert all(len(t) < 2_600 for t in s)


def test_a_short_commentary_is_whole_on_its_slide(demo_store):
    record_commentary(demo_store, *KEY, "Gap widened in two districts.", user="ann")
    slides = _slides(write_pptx(build_pack(demo_store, charts=False), slides="indicator"))
    assert not any("continued on the next slide" in t or "commentary (continued)" in t for s in slides for t in s)
    assert any("Gap widened in two districts." in t for s in slides for t in s)


def test_text_helpers_cut_at_words_and_keep_every_character():
    assert clip("one two three", 9) == ("one two", "three")
    assert clip("x" * 30, 10) == ("x" * 10, "x" * 20)  # a word longer than the room
    assert "".join(pieces("x" * 95, 10)) == "x" * 95 and len(pieces("x" * 95, 10)) == 10
    assert clean("a\x1bb\x00c\td\r\ne\ufffe") == "ab" + "c d\ne"
    assert html("<b>&'\"") == "&lt;b&gt;&amp;&#x27;&quot;"
    assert "\u200b" in html("y" * 60) and html("y" * 60).replace("\u200b", "") == "y" * 60


def _fill(store: Store, offset: int) -> None:
    """Every row of every text field that reaches the pack gets a hostile string (rotated by `offset`)."""
    record_commentary(store, *KEY, "placeholder", user="ann")
    n = len(HOSTILE)
    with store.transaction() as cur:
        for table, key, columns in FIELDS:
            keys = [r[0] for r in cur.execute(f"SELECT {key} FROM {table} ORDER BY {key}").fetchall()]
            for i, k in enumerate(keys):
                for j, column in enumerate(columns):
                    cur.execute(
                        f"UPDATE {table} SET {column} = ? WHERE {key} = ?", [HOSTILE[(offset + 3 * i + j) % n], k]
                    )


@pytest.fixture(scope="module")
def hostile_packs(demo_db_template, tmp_path_factory):
    """Two rotations of the corpus over the demo: the first with charts (alt text), both written in both formats."""
    made = []
    for offset, charts in ((0, True), (7, False)):
        path = tmp_path_factory.mktemp("hostile") / "demo.duckdb"
        shutil.copy(demo_db_template, path)
        store = Store(path)
        _fill(store, offset)
        pack = build_pack(store, as_of=date(2014, 4, 1), charts=charts)
        made.append((pack, write_pdf(pack), write_pptx(pack), write_pptx(pack, slides="indicator")))
        store.close()
    return made


def test_hostile_text_in_every_field_makes_both_packs(hostile_packs):
    for pack, pdf, pptx, per_indicator in hostile_packs:
        assert pdf[:5] == b"%PDF-" and len(PdfReader(io.BytesIO(pdf)).pages) > 5
        assert structure(PdfReader(io.BytesIO(pdf))).find("H1")
        for data in (pptx, per_indicator):
            assert len(_slides(data)) > 5
        assert {t.title for t in pack.tiles} & set(HOSTILE)  # the corpus did reach the pack


def test_markup_and_formulas_print_as_the_text_typed(hostile_packs):
    text = squeeze(" ".join(_pdf_text(pdf) for _, pdf, _, _ in hostile_packs))  # a cell may wrap it anywhere
    for typed in (
        "<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>",
        "</style></head><body><h1>injected</h1>",
        "=cmd|' /C calc'!A0",
        '=HYPERLINK("http://evil","x")',
        "\\ backslash \\\\ and \" quotes ' and `ticks`",
    ):
        assert squeeze(typed) in text, typed
    slides = squeeze(" ".join(t for _, _, pptx, _ in hostile_packs for s in _slides(pptx) for t in s))
    assert squeeze("<b>bold</b> <script>alert(1)</script>") in slides and squeeze("=cmd|' /C calc'!A0") in slides


def test_no_control_character_reaches_either_pack(hostile_packs):
    for _, pdf, pptx, _ in hostile_packs:
        text = _pdf_text(pdf) + " ".join(t for s in _slides(pptx) for t in s)
        assert not any(ch in text for ch in "\x1b\x00\x01\x07\x0b\x0c\x7f\x9b")
        assert squeeze("Esc [31m red ]0;owned VT FF NUL SOH DEL CSI end") in squeeze(text)


def test_a_long_word_breaks_in_the_pdf_and_is_cut_in_a_slide_cell(hostile_packs):
    text = _body_text(hostile_packs[0][1])
    assert "W" * 3000 in squeeze(text)
    assert all(len(line) < 200 for line in text.splitlines())  # it broke into lines on the page
    for _, _, pptx, per_indicator in hostile_packs:
        for data in (pptx, per_indicator):
            for slide in Presentation(io.BytesIO(data)).slides:
                for shape in slide.shapes:
                    if shape.has_table:
                        assert all(
                            len(c.text) <= CELL_CHARS + len(IN_PDF) + 5 for row in shape.table.rows for c in row.cells
                        )


def test_huge_numbers_make_both_packs(demo_store):
    with demo_store.transaction() as cur:
        cur.execute("UPDATE observations SET value = 1e300 WHERE indicator_code = 'KS4-5AC-EM' AND measure = 'actual'")
        cur.execute("UPDATE observations SET value = -1e300 WHERE indicator_code = 'KS2-L4-EM' AND measure = 'target'")
        cur.execute("UPDATE observations SET value = 1e-300 WHERE indicator_code = 'GAP-FSM-KS4'")
    pack = build_pack(demo_store, charts=True)
    assert write_pdf(pack)[:5] == b"%PDF-" and write_pptx(pack, slides="indicator")[:2] == b"PK"
