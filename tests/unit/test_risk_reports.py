"""Risks in the highlight report and both board packs: exceptions per priority, and a matrix in words."""

import io
import subprocess
from datetime import date

from pptx import Presentation

from kpi.highlight import highlight_report
from kpi.reports import build_pack
from kpi.reports.pdf import write_pdf
from kpi.reports.pptx import write_pptx
from kpi.risk_register import RiskRow, record_risk

PLAN = "kent-2013-14"
BOARD = date(2013, 9, 30)


def _scenario(store):
    record_risk(
        store,
        RiskRow(
            PLAN,
            "R2",
            "Floor standards rise",
            owner="Director",
            likelihood=3,
            impact=3,
            priorities=("P4",),
            assessed_on=date(2013, 6, 1),
        ),
        user="t",
    )
    record_risk(
        store,
        RiskRow(
            PLAN,
            "R2",
            "Floor standards rise",
            owner="Director",
            likelihood=3,
            impact=4,
            priorities=("P4",),
            assessed_on=date(2013, 11, 1),
        ),
        user="t",
    )
    record_risk(
        store,
        RiskRow(
            PLAN,
            None,
            "Two schools in special measures",
            kind="issue",
            status="managed",
            indicators=("OFSTED-CAT",),
            assessed_on=date(2013, 11, 1),
        ),
        user="t",
    )


def test_highlight_report_carries_each_priority_s_exceptions(store):
    _scenario(store)
    reports = {r.priority_code: r for r in highlight_report(store, PLAN, as_of=date(2013, 12, 1), since=BOARD)}
    [rising] = reports["P4"].risks.flagged
    assert rising.risk.code == "R2" and rising.reasons == ("rising",) and reports["P4"].has_exceptions
    assert [f.risk.code for f in reports["P6"].risks.flagged] == ["I1"]  # reached through its indicator
    assert reports[None].risks.others_words().startswith("10 other live risks and issues")  # Kent's unscored ones
    no_board = {r.priority_code: r for r in highlight_report(store, PLAN, as_of=date(2013, 12, 1))}
    assert no_board["P4"].risks.flagged[0].reason_words() == ["Score rose from 9 to 12 since its last review"]


def test_pdf_pack_has_the_matrix_in_words_and_the_exceptions(store, tmp_path):
    _scenario(store)
    pack = build_pack(store, PLAN, as_of=date(2013, 12, 1), since=BOARD, charts=False)
    assert pack.risk_matrix.band_counts()["medium"] == 1 and pack.risks_since.endswith("30 Sep 2013.")
    path = tmp_path / "pack.pdf"
    path.write_bytes(write_pdf(pack))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "Risk matrix: live risks and issues by likelihood and impact" in text
    assert "Medium · 1 (R2)" in text and "High · none" in text  # words in every cell, not only colour
    assert "Score rose from 9 to 12 since the board on 30 Sep 2013" in text
    assert "Issue: Two schools in special measures" in text


def test_pptx_pack_has_a_matrix_slide_with_a_text_alternative(store):
    _scenario(store)
    prs = Presentation(
        io.BytesIO(write_pptx(build_pack(store, PLAN, as_of=date(2013, 12, 1), since=BOARD, charts=False)))
    )
    slides = {}
    for slide in prs.slides:
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        texts += [c.text for sh in slide.shapes if sh.has_table for row in sh.table.rows for c in row.cells]
        slides[texts[0] if texts else ""] = (texts, slide)
    texts, slide = slides["Risk matrix: live risks and issues by likelihood and impact"]
    assert "◆ Medium · 1 (R2)" in texts and "5 Almost certain" in texts
    assert "R2 at likelihood 3 and impact 4" in slide.notes_slide.notes_text_frame.text
    exceptions = slides["Schools above floor standards: risks and issues by exception"][0]
    assert any("Score rose from 9 to 12" in t for t in exceptions)
