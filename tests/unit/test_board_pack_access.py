"""The board pack as accessible documents: a tagged PDF aiming at PDF/UA-1 and PowerPoint with real titles.

Read back from the files themselves (pypdf, python-pptx): no validator for PDF/UA runs offline from PyPI
or Debian, so these are the checks a validator makes first (the README lists them).
"""

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from kpi.charts import FORECAST
from tests.unit.pdf_structure import fonts, heading_texts, outline, read, structure, words, xmp


def test_pdf_is_tagged_with_language_title_and_pdf_ua_metadata(demo_pack):
    pack, out = demo_pack
    reader = read(out / "pack.pdf")
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # viewers show the title, not the file name
    assert reader.metadata.title == f"{pack.title}: board pack"
    metadata = xmp(reader)
    assert 'pdfuaid:part="1"' in metadata or "<pdfuaid:part>1</pdfuaid:part>" in metadata
    assert f"{pack.title}: board pack" in metadata  # dc:title
    assert structure(reader).kids[0].tag == "Document"


def test_every_font_is_embedded_dejavu(demo_pack):
    used = fonts(read(demo_pack[1] / "pack.pdf"))
    assert used and all("DejaVu" in name for name in used), used
    assert all(files == {"/FontFile2"} for files in used.values()), used  # TrueType, embedded (subset)


def test_headings_are_h1_per_priority_and_h2_per_indicator_with_bookmarks(demo_pack):
    pack, out = demo_pack
    reader = read(out / "pack.pdf")
    headings = {tag: [words(t) for t in texts] for tag, texts in heading_texts(reader).items()}
    titles = [s.title for s in pack.sections]
    assert [h for h in headings["H1"] if h in titles] == titles
    assert headings["H1"][:2] == [pack.title, "RAG summary"]
    for tile in pack.tiles:
        assert tile.title in headings["H2"], tile.title
    marks = dict(outline(reader))
    for section in pack.sections:  # a bookmark per priority, its indicators under it
        assert [t.title for t in section.tiles] == [
            m for m in marks[section.title] if m in {t.title for t in section.tiles}
        ]


def test_every_chart_is_a_figure_whose_alt_is_the_card_summary(demo_pack):
    pack, out = demo_pack
    figures = structure(read(out / "pack.pdf")).find("Figure")
    charted = [t for t in pack.tiles if t.chart_rows is not None]
    assert len(figures) == len(charted) > 10
    alts = [str(f.obj["/Alt"]) for f in figures]
    for tile, alt in zip(charted, alts):
        assert alt == tile.chart_alt and tile.summary in alt
    for tile in charted:
        assert not tile.forecast or tile.forecast in tile.chart_alt


def test_the_pdf_chart_shows_the_forecast_band_as_the_screen_does(demo_pack):
    """The chart is the screen's Altair chart drawn as SVG, so its legend names the shaded 80% range."""
    pack, out = demo_pack
    text = words(" ".join(page.extract_text() for page in read(out / "pack.pdf").pages))
    assert FORECAST in text
    projected = [t for t in pack.tiles if t.outlook is not None and t.outlook.forecast.points]
    assert projected
    for tile in projected:
        assert FORECAST in tile.chart_svg
    shown = {id(t) for t in projected}
    assert not any(FORECAST in t.chart_svg for t in pack.tiles if id(t) not in shown and t.chart_svg)


def test_tables_have_header_cells_and_cells_point_to_them(demo_pack):
    pack, out = demo_pack
    tree = structure(read(out / "pack.pdf"))
    tables = tree.find("Table")
    assert len(tables) >= 4
    for table in tables:
        heads = table.find("TH")
        assert heads, "a table without header cells"
        ids = {str(h.obj["/ID"]) for h in heads}
        for cell in table.find("TD"):
            headers = {str(x) for x in cell.obj["/A"]["/Headers"]}
            assert headers and headers <= ids
    # The RAG summary (a table on each page it spans): each indicator's row is headed by a TH, its title.
    row_heads = [h for t in tables for tr in t.find("TR") for h in tr.kids if h.tag == "TH" and tr.kids[0] is not h]
    assert len(row_heads) >= len(pack.tiles)
    for table in tables:  # and each head says what it heads
        for group in table.kids:
            scope = "/Column" if group.tag == "THead" else "/Row"
            assert all(str(h.obj["/A"]["/Scope"]) == scope for h in group.find("TH")), group.tag


def test_every_slide_has_a_title_placeholder_with_its_title(demo_pack):
    for name in ("pack.pptx", "indicator.pptx"):
        prs = Presentation(demo_pack[1] / name)
        for n, slide in enumerate(prs.slides):
            title = slide.shapes.title
            assert title is not None and title.is_placeholder, (name, n)
            assert title.text_frame.text.strip(), (name, n)
            assert any(
                p.placeholder_format.type == title.placeholder_format.type for p in slide.slide_layout.placeholders
            )


def test_every_run_and_the_presentation_say_en_gb(demo_pack):
    prs = Presentation(demo_pack[1] / "indicator.pptx")
    assert prs.core_properties.language == "en-GB"
    runs = 0
    for slide in prs.slides:
        for run in slide._element.iter(qn("a:r")):
            runs += 1
            assert run.find(qn("a:rPr")).get("lang") == "en-GB"
    assert runs > 100
    langs = {e.get("lang") for e in prs.slide_masters[0]._element.iter() if e.get("lang")}
    assert langs == {"en-GB"}


def test_every_chart_picture_has_a_description(demo_pack):
    pack, out = demo_pack
    alts = {t.chart_alt for t in pack.tiles if t.chart_rows is not None}
    prs = Presentation(out / "indicator.pptx")
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == len(alts)
    assert {p._element.nvPicPr.cNvPr.get("descr") for p in pictures} == alts
