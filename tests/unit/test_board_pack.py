"""Board pack: every priority, indicator title and RAG word is real text in the PDF and the PowerPoint;
charts carry alt text; the command line picks by extension. (Its speed: scripts/bench_board_pack.py.)"""

import re
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from kpi.commands import main
from kpi.model import RAG_WORDS
from kpi.reports import PackError, build_pack, write_pack
from kpi.store import Store
from tests.unit.conftest import DEMO_COMMENTARY
from tests.unit.pdf_structure import read, structure, words

RAGS_CYCLE = ["green", "amber", "red", "no_target"]


def pdf_text(path: Path) -> str:
    return words(" ".join(page.extract_text() for page in PdfReader(path).pages))


def pptx_slides(path: Path) -> list[str]:
    slides = []
    for slide in Presentation(path).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append(words(" ".join(parts)))
    return slides


def title_near_rag(text: str, title: str, rag: str, window: int = 400) -> bool:
    """Somewhere the title is followed closely by its RAG word (a tile), not just both present anywhere."""
    word = RAG_WORDS[rag]
    return any(word in text[m.end() : m.end() + window] for m in re.finditer(re.escape(words(title)), text))


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """40 indicators in 5 priorities, 6 years each, ratings spread across green, amber, red and no target."""
    store = Store(tmp_path_factory.mktemp("big") / "big.duckdb")
    with store.transaction() as cur:
        cur.execute("INSERT INTO areas (area_code, name, kind) VALUES ('886', 'Kent', 'la') ON CONFLICT DO NOTHING")
        cur.execute("INSERT INTO meta VALUES ('home_area', '886') ON CONFLICT (key) DO UPDATE SET value = '886'")
        cur.execute(
            "INSERT INTO plans (plan_code, title, area_code, organisation) "
            "VALUES ('big-plan', 'Big test plan', '886', 'Test Council')"
        )
        for p in range(1, 6):
            cur.execute(
                "INSERT INTO priorities (priority_code, plan_code, title, sort_order) VALUES (?, 'big-plan', ?, ?)",
                [f"B{p}", f"Priority number {p}", p],
            )
        for year in range(2010, 2016):
            cur.execute(
                "INSERT INTO periods (period_key, label, start_date, end_date, period_type) "
                "VALUES (?, ?, ?, ?, 'academic_year')",
                [f"ay:{year}", str(year), date(year - 1, 9, 1), date(year, 8, 31)],
            )
        for i in range(40):
            code, rag = f"IND-{i:02d}", RAGS_CYCLE[i % 4]
            cur.execute(
                "INSERT INTO indicators (code, title, priority_code, plan_code, polarity, unit, frequency, "
                "decimals, tolerance, sort_order) VALUES (?, ?, ?, 'big-plan', 'higher', '%', 'academic_year', 1, 2, ?)",
                [code, f"Indicator {i:02d} title about pupils", f"B{i % 5 + 1}", i],
            )
            for k, year in enumerate(range(2010, 2016)):
                actual = 50 + k + i % 7
                target = {"green": actual - 1, "amber": actual + 1, "red": actual + 5, "no_target": None}[rag]
                cur.execute(
                    "INSERT INTO observations (indicator_code, period_key, area_code, measure, value) "
                    "VALUES (?, ?, '886', 'actual', ?)",
                    [code, f"ay:{year}", actual],
                )
                if target is not None:
                    cur.execute(
                        "INSERT INTO observations (indicator_code, period_key, area_code, measure, value) "
                        "VALUES (?, ?, '886', 'target', ?)",
                        [code, f"ay:{year}", target],
                    )
                cur.execute(
                    "INSERT INTO observations (indicator_code, period_key, area_code, measure, value) "
                    "VALUES (?, ?, '886', 'national', ?)",
                    [code, f"ay:{year}", actual - 2],
                )
    yield store
    store.close()


@pytest.fixture(scope="module")
def big_files(big_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("packs")
    pack = build_pack(big_store)
    for kind in ("pdf", "pptx"):
        write_pack(pack, out / f"pack.{kind}")
    write_pack(pack, out / "per-indicator.pptx", slides="indicator")
    return out / "pack.pdf", out / "pack.pptx", pack, out / "per-indicator.pptx"


def test_pdf_text_has_every_priority_indicator_and_its_rag_word(big_files):
    text = pdf_text(big_files[0])
    for p in range(1, 6):
        assert f"Priority number {p}" in text
    for i in range(40):
        assert title_near_rag(text, f"Indicator {i:02d} title about pupils", RAGS_CYCLE[i % 4]), i


def test_pptx_text_has_every_priority_indicator_and_its_rag_word(big_files):
    slides = pptx_slides(big_files[1])
    text = " ".join(slides)
    for p in range(1, 6):
        assert f"Priority number {p}" in text
    for i in range(40):
        title, word = f"Indicator {i:02d} title about pupils", RAG_WORDS[RAGS_CYCLE[i % 4]]
        assert any(title in s and word in s for s in slides), i


def test_pptx_is_one_slide_per_priority_by_default(big_files):
    slides = pptx_slides(big_files[1])
    assert len(slides) == 1 + 5 + 5  # cover, the RAG summary (9 rows a slide), then one per priority
    for p in range(1, 6):
        assert sum(s.startswith(f"Priority number {p} ") for s in slides[6:]) == 1


def test_every_chart_picture_in_the_per_indicator_pptx_has_alt_text_naming_its_indicator(big_files):
    pictures = [
        shape for slide in Presentation(big_files[3]).slides for shape in slide.shapes if shape.shape_type == 13
    ]
    assert len(pictures) == 40
    for pic in pictures:
        alt = pic._element.nvPicPr.cNvPr.get("descr") or ""
        assert re.search(r"Indicator \d\d title about pupils", alt) and len(alt) > 60


def test_demo_pack_has_kent_priorities_indicators_rag_words_and_commentary(demo_pack):
    pack, out = demo_pack
    text, slides = pdf_text(out / "pack.pdf"), pptx_slides(out / "pack.pptx")
    for section in pack.sections:
        assert words(section.title) in text and any(words(section.title) in s for s in slides)
    for tile in pack.tiles:
        assert title_near_rag(text, tile.title, tile.rag), tile.code
        assert any(words(tile.title) in s and tile.rag_word in s for s in slides), tile.code
    assert f"{DEMO_COMMENTARY}" in text and "Commentary missing" in text
    assert "overdue" in text  # the Kent actions were due by March 2014


def test_period_cuts_the_pack(demo_store):
    pack = build_pack(demo_store, period="2011", charts=False)
    ks4 = next(t for t in pack.tiles if t.code == "KS4-5AC-EM")
    assert ks4.period == "2011" and ks4.value == "59.4%"


def test_unknown_plan_and_wrong_extension_are_refused(demo_store, tmp_path):
    with pytest.raises(PackError, match="kent-2013-14"):
        build_pack(demo_store, plan="nowhere", charts=False)
    with pytest.raises(PackError, match=r"\.pdf or \.pptx"):
        write_pack(build_pack(demo_store, charts=False), tmp_path / "pack.docx")


def test_command_line_writes_by_extension_and_exits_2_otherwise(demo_db, tmp_path, capsys):
    assert main(["board-pack", "--db", str(demo_db), "--out", str(tmp_path / "p.pptx")]) == 0
    assert (tmp_path / "p.pptx").read_bytes()[:2] == b"PK"
    assert main(["board-pack", "--db", str(demo_db), "--out", str(tmp_path / "p.pdf"), "--period", "2011"]) == 0
    assert (tmp_path / "p.pdf").read_bytes()[:5] == b"%PDF-"
    assert main(["board-pack", "--db", str(demo_db), "--out", str(tmp_path / "p.docx")]) == 2
    assert ".pdf or .pptx" in capsys.readouterr().err
    assert not (tmp_path / "p.docx").exists()
    assert main(["board-pack", "--db", str(demo_db), "--out", str(tmp_path / "q.pdf"), "--period", "1999"]) == 2
    assert "not a period" in capsys.readouterr().err


def test_cover_says_where_the_demo_comes_from_in_plain_words(demo_store, tmp_path):
    pack = build_pack(demo_store, charts=False)
    write_pack(pack, tmp_path / "demo.pdf")
    write_pack(pack, tmp_path / "demo.pptx")
    cover_pdf = PdfReader(tmp_path / "demo.pdf").pages[0].extract_text()
    cover_pptx = pptx_slides(tmp_path / "demo.pptx")[0]
    for cover in (words(cover_pdf), cover_pptx):
        assert "Demo data written from published council plans" in cover
    for text in (pdf_text(tmp_path / "demo.pdf"), " ".join(pptx_slides(tmp_path / "demo.pptx"))):
        assert "seed" not in text.lower()


def test_pack_says_over_target_and_the_own_band(demo_store, tmp_path):
    pack = build_pack(demo_store, charts=False)
    write_pack(pack, tmp_path / "demo.pdf")
    text = pdf_text(tmp_path / "demo.pdf")
    assert "Target 10 · 9 over target" in text
    assert "Amber band 4 pp (this indicator's own; the default is 2 pp)" in text
    assert "England figure uncertain" in text and "None" not in text


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(big_files):
    """Each page's part of a section is its own structure element, so a heading that ended a page would be the
    last kid of its parent there: every heading has something after it on its own page."""
    tree = structure(read(big_files[0]))
    for parent in tree.walk():
        kids = parent.kids
        for i, kid in enumerate(kids):
            if kid.tag in ("H1", "H2"):
                assert i + 1 < len(kids) and kids[i + 1].page == kid.page, (kid.tag, kid.page)
