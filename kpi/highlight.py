"""Highlight reports by exception, per priority (work stream), as boards receive them.

Seed 003's board takes "highlight reports ... by exception": so each priority leads with its red and
amber indicators, their commentary and its overdue actions; then the rest; then milestones and their
status. The pages, the presenter view and the board pack all read this one model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from kpi import figures
from kpi.commentary import actions_frame, commentary_frame, milestones_frame, with_commentary
from kpi.errors import UserError
from kpi.risk_register import register as risk_register
from kpi.risks import Matrix, RiskSection, matrix
from kpi.store import Store

RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "no_target": 3, "no_data": 4}
ACROSS_PLAN = "Across the plan"


class UnknownPeriod(UserError, ValueError):
    """A period label the data does not have; the message lists the ones it does."""


def period_choices(series: pd.DataFrame) -> list[str]:
    """Period labels that have an actual, oldest first (what a board can be 'as at')."""
    rows = series[series["actual"].notna() & series["period"].notna()].sort_values("end_date")
    return rows["period"].drop_duplicates().tolist()


def as_at(series: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """Each indicator's latest row with an actual at or before the period (its end date); all rows if None.

    Indicators report on different calendars ("2012", "Sep 12"), so a board "as at 2012" shows each
    indicator's latest figure ending no later than that period.
    """
    return figures.latest(cut(series, period))


def cut(series: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """The series without actuals after the period, keeping later targets (the trajectory still shows)."""
    if not period:
        return series
    match = series[
        (series["period"].astype(str).str.lower() == period.strip().lower()) | (series["period_key"] == period)
    ]
    if match.empty:
        raise UnknownPeriod(
            f'"{period}" is not a period in the data. Use one of: ' + ", ".join(period_choices(series)) + "."
        )
    cutoff = match["end_date"].max()
    out = series.copy()
    later = out["end_date"] > cutoff
    for col in ("actual", "sn_average", "national", "region", "rag_reported"):
        out.loc[later, col] = None
    out.loc[later, "rag"] = "no_data"
    out.loc[later, "direction"] = None
    return out


@dataclass
class PriorityReport:
    plan_code: str
    plan: str | None
    priority_code: str | None  # None: actions that belong to the whole plan
    title: str
    exceptions: list[dict] = field(default_factory=list)  # red then amber, with commentary
    overdue_actions: list[dict] = field(default_factory=list)
    others: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)  # the rest of the actions
    milestones: list[dict] = field(default_factory=list)
    risks: RiskSection | None = None  # its risks and issues (kpi.risks)

    @property
    def indicators(self) -> list[dict]:
        return self.exceptions + self.others

    @property
    def has_exceptions(self) -> bool:
        return bool(
            self.exceptions
            or self.overdue_actions
            or any(m.get("late") for m in self.milestones)
            or (self.risks and self.risks.flagged)
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.indicators
            or self.overdue_actions
            or self.actions
            or self.milestones
            or (self.risks and not self.risks.is_empty)
        )


def _records(frame: pd.DataFrame) -> list[dict]:
    return [
        {k: (None if not isinstance(v, (list, tuple)) and pd.isna(v) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    ]


def build_reports(
    latest: pd.DataFrame,
    priorities: pd.DataFrame,
    actions: pd.DataFrame,
    milestones: pd.DataFrame,
    plan: str | None = None,
    risks: Mapping[tuple[str, str | None], RiskSection] | None = None,
) -> list[PriorityReport]:
    """Pure assembly from frames (tested without a database): one report per priority, in board order.

    risks: kpi.risks.sections, keyed (plan, priority); a priority's risk section rides on its report.
    """
    if plan:
        priorities = priorities[priorities["plan_code"] == plan]
        latest = latest[latest["plan_code"] == plan]
        actions = actions[actions["plan_code"] == plan]
        milestones = milestones[milestones["plan_code"] == plan]
    latest = latest.assign(_rank=latest["rag"].map(RAG_ORDER).fillna(9))
    reports: list[PriorityReport] = []
    plan_codes = list(dict.fromkeys(list(priorities["plan_code"]) + list(actions["plan_code"])))
    for plan_code in plan_codes:
        plan_title = next(iter(priorities.loc[priorities["plan_code"] == plan_code, "plan"].dropna()), None) or next(
            iter(actions.loc[actions["plan_code"] == plan_code, "plan"].dropna()), None
        )
        rows = [(r.priority_code, r.title) for r in priorities[priorities["plan_code"] == plan_code].itertuples()]
        for code, title in rows + [(None, ACROSS_PLAN)]:
            ind = (
                latest[latest["priority_code"] == code]
                if code
                else latest[(latest["plan_code"] == plan_code) & latest["priority_code"].isna()]
            )  # the plan's own
            exc = ind[ind["rag"].isin(["red", "amber"])].sort_values("_rank", kind="stable")
            rest = ind[~ind["rag"].isin(["red", "amber"])]
            if code:
                acts = actions[(actions["plan_code"] == plan_code) & (actions["priority_code"] == code)]
            else:
                acts = actions[(actions["plan_code"] == plan_code) & actions["priority_code"].isna()]
            overdue = acts["overdue"].fillna(False).astype(bool)
            miles = (
                milestones[(milestones["plan_code"] == plan_code) & (milestones["priority_code"] == code)]
                if code
                else milestones[(milestones["plan_code"] == plan_code) & milestones["priority_code"].isna()]
            )
            report = PriorityReport(
                plan_code,
                plan_title,
                code,
                title,
                _records(exc.drop(columns="_rank")),
                _records(acts[overdue]),
                _records(rest.drop(columns="_rank")),
                _records(acts[~overdue]),
                _records(miles),
                (risks or {}).get((plan_code, code)),
            )
            if code or not report.is_empty:
                reports.append(report)
    return reports


def highlight_report(
    store: Store,
    plan: str | None = None,
    period: str | None = None,
    as_of: date | None = None,
    series: pd.DataFrame | None = None,
    since: date | None = None,
    found: dict | None = None,
) -> list[PriorityReport]:
    """Every priority's highlight report as at a period (default: the latest figures) and a date (default today).

    Without a plan: the home authority's plan (a board reads its own plan, not every plan in the file).
    since: the last board's date, for risks whose score rose since (default: each risk's previous review).
    found: period_outlooks for this series and period, when the caller holds them already.
    """
    series = figures.all_series(store) if series is None else series
    plan = plan or default_plan(store)
    latest = with_commentary(as_at(series, period), commentary_frame(store))
    from kpi.outlook import annotate

    latest = annotate(latest, period_outlooks(store, series, period) if found is None else found)
    risks = risk_register(store, plan).sections(as_of=as_of or date.today(), since=since)
    return build_reports(
        latest,
        store.query("board_priorities"),
        actions_frame(store, as_of),
        milestones_frame(store, as_of),
        plan,
        risks,
    )


def period_outlooks(store: Store, series: pd.DataFrame, period: str | None) -> dict:
    """Every indicator's forecast and signal (kpi.outlook) as at a period: the highlight report's words and
    the board pack's charts both show these, so a caller holding them passes them to both (half a second)."""
    from kpi.backtest import calibration_for
    from kpi.outlook import outlooks

    shown = cut(series, period)
    return outlooks(shown, calibration_for(store, shown["dfe_measure"].dropna().unique()))


def risk_matrix(store: Store, plan: str | None = None) -> Matrix:
    """The plan's 5x5 matrix of live risks and issues (default: the home authority's plan)."""
    return matrix(risk_register(store, plan or default_plan(store)).risks)


def plan_as_of(store: Store, plan: str | None, today: date | None = None) -> date:
    """The date a plan's actions and milestones are judged at by default: today, or the plan's last due date
    when the plan has already ended, so a 2013-14 plan read in a later year is not all overdue."""
    today = today or date.today()
    dues = [
        frame.loc[frame["plan_code"] == plan, "due_date"].dropna()
        for frame in (actions_frame(store, today), milestones_frame(store, today))
    ]
    dues = pd.concat(dues) if any(len(d) for d in dues) else pd.Series(dtype="datetime64[ns]")
    if dues.empty:
        return today
    return min(today, pd.Timestamp(dues.max()).date())


def default_plan(store: Store) -> str | None:
    """The home authority's plan with the most indicators; else the first plan; None in an empty database."""
    known = plans(store)
    if known.empty:
        return None
    home = known[known["area_code"] == store.home_area()]
    pool = home if not home.empty else known
    defs = store.query("indicator_definitions")
    plan_of = dict(zip(store.query("board_priorities")["priority_code"], store.query("board_priorities")["plan_code"]))
    sizes = defs["plan_code"].fillna(defs["priority_code"].map(plan_of)).value_counts()
    return max(pool["plan_code"], key=lambda p: sizes.get(p, 0))


def plans(store: Store) -> pd.DataFrame:
    """Plans that have priorities: code, title, authority and organisation, for pickers."""
    columns = ["plan_code", "plan", "area_code", "area_name", "area_kind", "organisation"]
    return store.query("board_priorities")[columns].drop_duplicates("plan_code").reset_index(drop=True)


def plan_label(row) -> str:
    """How a picker names a plan: its authority first (a narrow box still shows it), then its title."""
    title = row.get("plan") or row.get("plan_code")
    if row.get("area_kind") == "la" and isinstance(row.get("area_name"), str):
        return f"{row['area_name']} — {title}"
    return f"No authority named (a national model) — {title}"
