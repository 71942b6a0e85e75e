"""The board pack: one content model, two writers (PDF and PowerPoint).

`build_pack` gathers everything once, as cards (kpi.cards) and chart data, from the same figures and highlight
model the dashboard shows, so the paper and the screen cannot disagree; the writers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from kpi import figures
from kpi.cards import Card, card
from kpi.charts import drawn_series
from kpi.demo import is_demo
from kpi.errors import UserError
from kpi.highlight import (
    PriorityReport,
    cut,
    default_plan,
    highlight_report,
    period_outlooks,
    plan_as_of,
    risk_matrix,
)
from kpi.model import RAGS
from kpi.risks import RISKS_SINCE_DEFAULT, Matrix, RiskSection, since_words
from kpi.store import Store, close

WRITERS = {".pdf": "pdf", ".pptx": "pptx"}


class PackError(UserError, ValueError):
    """A board pack that cannot be made as asked (unknown plan, period or file type); says what to do."""


@dataclass
class Tile:
    """An indicator as the pack prints it: its card (every word, decided in kpi.cards) plus commentary and chart."""

    card: Card
    priority: str
    commentary: str | None = None
    commentary_by: str | None = None
    chart_rows: pd.DataFrame | None = None  # the series the chart draws (kpi.charts), None without charts
    chart_alt: str = ""
    outlook: object | None = None  # kpi.outlook: the forecast band and signals the chart draws
    _png: bytes | None = field(default=None, repr=False)
    _svg: str | None = field(default=None, repr=False)
    _spec: str | None = field(default=None, repr=False)

    def __getattr__(self, name):
        """The card's fields read as the tile's own: tile.title, tile.value, tile.target_line, tile.rag_word."""
        if name in ("card", "_png", "_svg", "_spec", "chart_rows", "outlook"):
            raise AttributeError(name)
        return getattr(self.card, name)

    @property
    def chart_spec(self) -> str | None:
        """The chart's Vega-Lite spec (kpi.charts.trend_chart, as the Indicator page draws it), built once for
        both pictures; None without chart rows."""
        if self._spec is None and self.chart_rows is not None:
            from kpi.reports.images import chart_spec

            self._spec = chart_spec(self.chart_rows, outlook=self.outlook)
        return self._spec

    @property
    def chart_png(self) -> bytes | None:
        """The chart as a picture (PowerPoint), rendered the first time it is asked for."""
        if self._png is None and self.chart_spec is not None:
            from kpi.reports.images import chart_png

            self._png = chart_png(self.chart_spec)
        return self._png

    @property
    def chart_svg(self) -> str | None:
        """The chart as SVG (the PDF: vector, so it prints crisp), rendered the first time it is asked for."""
        if self._svg is None and self.chart_spec is not None:
            from kpi.reports.images import chart_svg

            self._svg = chart_svg(self.chart_spec)
        return self._svg

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
    risks: RiskSection | None = None  # risks and issues by exception (kpi.risks)

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
    risk_matrix: Matrix | None = None  # the plan's live risks on the 5x5 grid
    risks_since: str = RISKS_SINCE_DEFAULT  # what "rose" is measured against, in words

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


def _tile(row: dict, priority: str, series: pd.DataFrame, charts: bool, outlooks: dict | None = None) -> Tile:
    t = Tile(
        card=card(row, series),
        priority=priority,
        commentary=row.get("commentary") or None,
        commentary_by=row.get("commentary_author") or None,
        outlook=(outlooks or {}).get(row["code"]),
    )
    if charts:
        rows = series[(series["code"] == row["code"]) & series["period"].notna()]
        if len(rows):
            t.chart_rows = rows
            t.chart_alt = chart_alt(t.card, rows)
    return t


def chart_alt(c: Card, rows: pd.DataFrame) -> str:
    """What the chart shows, for a screen reader: the series it draws, the card's summary sentence and its forecast."""
    drawn = drawn_series(rows)
    series = ", ".join(drawn[:-1]) + f" and {drawn[-1]}" if len(drawn) > 1 else "".join(drawn)
    text = f"Trend chart of {c.title} by period: {series}. {c.summary}"
    return f"{text} {c.forecast}." if c.forecast else text


def _line(row: dict, milestone: bool = False) -> Line:
    if milestone:
        status = row["status"] + (f" ({_day(row.get('achieved_date'))})" if row.get("achieved_date") else "")
        return Line(
            row["title"], "", _day(row.get("due_date")), status, bool(row.get("late")), row.get("target_text") or ""
        )
    detail = f"Indicator: {row['indicator']}" if row.get("indicator") else ""
    return Line(
        row["description"],
        row.get("owner") or "—",
        _day(row.get("due_date")),
        row["status"],
        bool(row.get("overdue")),
        detail,
    )


def _section(report: PriorityReport, series: pd.DataFrame, charts: bool, outlooks: dict | None = None) -> Section:
    return Section(
        plan=report.plan or report.plan_code,
        title=report.title,
        exceptions=[_tile(r, report.title, series, charts, outlooks) for r in report.exceptions],
        others=[_tile(r, report.title, series, charts, outlooks) for r in report.others],
        overdue_actions=[_line(a) for a in report.overdue_actions],
        actions=[_line(a) for a in report.actions],
        milestones=[_line(m, milestone=True) for m in report.milestones],
        risks=report.risks,
    )


def build_pack(
    store: Store,
    plan: str | None = None,
    period: str | None = None,
    *,
    as_of: date | None = None,
    charts: bool = True,
    series: pd.DataFrame | None = None,
    since: date | None = None,
    reports: list[PriorityReport] | None = None,
    found: dict | None = None,
) -> Pack:
    """Everything a board pack holds, for one plan (default: the home authority's) as at a period (default: latest).

    Actions and milestones are judged as at `as_of` (default: the plan's own date, kpi.highlight.plan_as_of).
    A page passes the `series`, `reports` and outlooks (`found`, kpi.highlight.period_outlooks) it already
    holds (cached), so the pack recomputes nothing.
    """
    held = store.cursor()  # held while the pack reads, so each of its queries shares this open (ms, not 100 ms)
    try:
        return _build_pack(
            store, plan, period, as_of=as_of, charts=charts, series=series, since=since, reports=reports, found=found
        )
    finally:
        close(held)


def _build_pack(
    store: Store,
    plan: str | None,
    period: str | None,
    *,
    as_of: date | None,
    charts: bool,
    series: pd.DataFrame | None,
    since: date | None,
    reports: list[PriorityReport] | None,
    found: dict | None,
) -> Pack:
    series = figures.all_series(store) if series is None else series
    plan = plan or default_plan(store)
    as_of = as_of or plan_as_of(store, plan)
    if found is None and (charts or reports is None):  # worked out once, for the report's words and the charts
        found = period_outlooks(store, series, period)
    if reports is None:
        reports = highlight_report(
            store, plan=plan, period=period, as_of=as_of, series=series, since=since, found=found
        )
    if plan and not reports:
        known = ", ".join(sorted(store.query("board_priorities")["plan_code"].unique()))
        raise PackError(f'"{plan}" is not a plan in this database. Plans: {known}.')
    shown = cut(series, period)
    sections = [_section(r, shown, charts, found if charts else None) for r in reports if not r.is_empty]
    titles = list(dict.fromkeys(s.plan for s in sections))
    orgs = store.query("board_priorities")
    if plan:
        orgs = orgs[orgs["plan_code"] == plan]
    org = ", ".join(dict.fromkeys(orgs["organisation"].dropna())) or "Board pack"
    return Pack(
        title=titles[0] if len(titles) == 1 else "Performance board pack",
        subtitle=org,
        period=f"As at {period}" if period else "Latest figures",
        as_of=as_of or date.today(),
        generated=datetime.now().replace(microsecond=0),
        demo=is_demo(store),
        sections=sections,
        risk_matrix=risk_matrix(store, plan),
        risks_since=since_words(since),
    )


def write_pack(pack: Pack, out: str | Path, slides: str = "priority") -> Path:
    """Write the pack as PDF or PowerPoint, chosen by the file's extension; `slides` as write_pptx takes it."""
    path = Path(out)
    kind = WRITERS.get(path.suffix.lower())
    if kind is None:
        raise PackError(f'"{path.name}" must end in .pdf or .pptx: the board pack is written as PDF or PowerPoint.')
    if kind == "pdf":
        from kpi.reports.pdf import write_pdf

        data = write_pdf(pack)
    else:
        from kpi.reports.pptx import write_pptx

        data = write_pptx(pack, slides=slides)
    path.write_bytes(data)
    return path
