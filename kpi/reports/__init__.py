"""The board pack: one content model, two writers (PDF and PowerPoint).

`build_pack` gathers everything once, as text and PNG charts, from the same figures and highlight
model the dashboard shows, so the paper and the screen cannot disagree; the writers only lay it out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from kpi import figures
from kpi.demo import is_demo
from kpi.errors import UserError
from kpi.formatting import format_target, format_value, target_gap_words
from kpi.highlight import PriorityReport, cut, default_plan, highlight_report, risk_matrix
from kpi.model import DIRECTION_WORDS, RAG_ICONS, RAG_WORDS, RAGS
from kpi.risks import RISKS_SINCE_DEFAULT, Matrix, RiskSection, since_words
from kpi.store import Store
from kpi.summary import sentence

ARROWS = {("improving", "higher"): "↑", ("declining", "higher"): "↓", ("improving", "lower"): "↓",
          ("declining", "lower"): "↑", ("stable", "higher"): "↔", ("stable", "lower"): "↔",
          ("improving", "none"): "↑", ("declining", "none"): "↓", ("stable", "none"): "↔"}
WRITERS = {".pdf": "pdf", ".pptx": "pptx"}


class PackError(UserError, ValueError):
    """A board pack that cannot be made as asked (unknown plan, period or file type); says what to do."""


@dataclass
class Tile:
    code: str
    title: str
    priority: str
    period: str
    value: str
    target: str
    gap: str
    rag: str
    direction: str
    arrow: str
    sentence: str
    commentary: str | None = None
    commentary_by: str | None = None
    chart_png: bytes | None = None
    chart_alt: str = ""

    @property
    def rag_word(self) -> str:
        return RAG_WORDS.get(self.rag, self.rag)

    @property
    def rag_icon(self) -> str:
        return RAG_ICONS.get(self.rag, "")

    @property
    def flagged(self) -> bool:
        """Red or amber with no commentary: the board will ask why."""
        return self.rag in ("red", "amber") and not self.commentary


@dataclass
class Line:
    """An action or a milestone as the pack prints it."""
    text: str
    owner: str
    due: str
    status: str
    late: bool
    detail: str = ""


@dataclass
class Section:
    plan: str
    title: str
    exceptions: list[Tile] = field(default_factory=list)
    others: list[Tile] = field(default_factory=list)
    overdue_actions: list[Line] = field(default_factory=list)
    actions: list[Line] = field(default_factory=list)
    milestones: list[Line] = field(default_factory=list)
    risks: RiskSection | None = None       # risks and issues by exception (kpi.risks)

    @property
    def tiles(self) -> list[Tile]:
        return self.exceptions + self.others


@dataclass
class Pack:
    title: str
    subtitle: str
    period: str
    as_of: date
    generated: datetime
    demo: bool
    sections: list[Section]
    risk_matrix: Matrix | None = None      # the plan's live risks on the 5x5 grid
    risks_since: str = RISKS_SINCE_DEFAULT   # what "rose" is measured against, in words

    @property
    def tiles(self) -> list[Tile]:
        return [t for s in self.sections for t in s.tiles]

    def rag_counts(self) -> dict[str, int]:
        counts = {r: 0 for r in RAGS}
        for t in self.tiles:
            counts[t.rag] = counts.get(t.rag, 0) + 1
        return counts


def _day(value) -> str:
    if value is None or (not isinstance(value, (date, datetime)) and pd.isna(value)):
        return "—"
    return pd.Timestamp(value).strftime("%-d %b %Y")


def _gap(row: dict, unit: str, dp) -> str:
    """How far from its target, in words that do not depend on knowing the polarity: '1.2 pp short'."""
    gap = row.get("gap_to_target")
    return "—" if gap is None or pd.isna(gap) else target_gap_words(gap, row["polarity"], unit, dp)


def _tile(row: dict, priority: str, series: pd.DataFrame, charts: bool) -> Tile:
    unit, dp = row["unit"], row["decimals"]
    direction = row.get("direction")
    t = Tile(code=row["code"], title=row["title"], priority=priority, period=row.get("period") or "—",
             value=format_value(row.get("actual"), unit, dp), target=format_target(row.get("target"), row.get("target_text"), unit, dp),
             gap=_gap(row, unit, dp), rag=row["rag"],
             direction=DIRECTION_WORDS.get(direction, "No direction yet") if direction else "No direction yet",
             arrow=ARROWS.get((direction, row.get("polarity")), "") if direction else "",
             sentence=sentence(row), commentary=row.get("commentary"), commentary_by=row.get("commentary_author"))
    if charts:
        from kpi.reports.images import chart_png
        rows = series[(series["code"] == row["code"]) & series["period"].notna()]
        if len(rows):
            t.chart_png = chart_png(rows)
            t.chart_alt = (f"Trend chart of {t.title}: actual, target, statistical neighbours and England by period. "
                           f"{t.sentence}")
    return t


def _line(row: dict, milestone: bool = False) -> Line:
    if milestone:
        status = row["status"] + (f" ({_day(row.get('achieved_date'))})" if row.get("achieved_date") else "")
        return Line(row["title"], "", _day(row.get("due_date")), status, bool(row.get("late")),
                    row.get("target_text") or "")
    detail = f"Indicator: {row['indicator']}" if row.get("indicator") else ""
    return Line(row["description"], row.get("owner") or "—", _day(row.get("due_date")), row["status"],
                bool(row.get("overdue")), detail)


def _section(report: PriorityReport, series: pd.DataFrame, charts: bool) -> Section:
    return Section(plan=report.plan or report.plan_code, title=report.title,
                   exceptions=[_tile(r, report.title, series, charts) for r in report.exceptions],
                   others=[_tile(r, report.title, series, charts) for r in report.others],
                   overdue_actions=[_line(a) for a in report.overdue_actions],
                   actions=[_line(a) for a in report.actions],
                   milestones=[_line(m, milestone=True) for m in report.milestones], risks=report.risks)


def build_pack(store: Store, plan: str | None = None, period: str | None = None, *, as_of: date | None = None,
               charts: bool = True, series: pd.DataFrame | None = None, since: date | None = None) -> Pack:
    """Everything a board pack holds, for one plan (default: the home authority's) as at a period (default: latest)."""
    series = figures.all_series(store) if series is None else series
    plan = plan or default_plan(store)
    reports = highlight_report(store, plan=plan, period=period, as_of=as_of, series=series, since=since)
    if plan and not reports:
        known = ", ".join(sorted(store.query("board_priorities")["plan_code"].unique()))
        raise PackError(f'"{plan}" is not a plan in this database. Plans: {known}.')
    shown = cut(series, period)
    sections = [_section(r, shown, charts) for r in reports if not r.is_empty]
    titles = list(dict.fromkeys(s.plan for s in sections))
    orgs = store.query("board_priorities")
    if plan:
        orgs = orgs[orgs["plan_code"] == plan]
    org = ", ".join(dict.fromkeys(orgs["organisation"].dropna())) or "Board pack"
    return Pack(title=titles[0] if len(titles) == 1 else "Performance board pack", subtitle=org,
                period=f"As at {period}" if period else "Latest figures", as_of=as_of or date.today(),
                generated=datetime.now().replace(microsecond=0), demo=is_demo(store), sections=sections,
                risk_matrix=risk_matrix(store, plan), risks_since=since_words(since))


def write_pack(pack: Pack, out: str | Path) -> Path:
    """Write the pack as PDF or PowerPoint, chosen by the file's extension."""
    path = Path(out)
    kind = WRITERS.get(path.suffix.lower())
    if kind is None:
        raise PackError(f'"{path.name}" must end in .pdf or .pptx: the board pack is written as PDF or PowerPoint.')
    if kind == "pdf":
        from kpi.reports.pdf import write_pdf
        data = write_pdf(pack)
    else:
        from kpi.reports.pptx import write_pptx
        data = write_pptx(pack)
    path.write_bytes(data)
    return path
