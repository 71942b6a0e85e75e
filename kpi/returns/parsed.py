"""What reading a return produces: rows with their cells, and problems in plain English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kpi.model import MEASURE_WORDS
from kpi.periods import Period


@dataclass(frozen=True)
class Problem:
    """One problem, always tied to a Sheet!Cell and saying how to fix it; `about` names the figure the cell
    is for (indicator, period, measure) where a cell holds one, so an officer need not look the cell up."""

    where: str
    message: str
    fix: str = ""
    about: str = ""

    def __str__(self) -> str:
        about = f" ({self.about})" if self.about else ""
        return f"{self.where}{about}: {self.message}" + (f" {self.fix}" if self.fix else "")


def figure_about(code: str, period: Period, measure: str) -> str:
    """'KS2-L4-EM 2012/13 target': the figure a problem's cell is for."""
    return f"{code} {period.label} {MEASURE_WORDS.get(measure, measure)}"


@dataclass
class IndicatorRow:
    code: str
    title: str
    priority: str | None
    polarity: str
    unit: str
    frequency: str
    tolerance: float | None = None
    floor: float | None = None
    decimals: int = 1
    owner: str | None = None
    plan: str | None = None
    description: str | None = None
    source: str | None = None
    dfe_measure: str | None = None
    where: str = ""
    area: str | None = None  # the authority its figures belong to (its plan's area); None: the home authority


@dataclass
class ObservationRow:
    indicator: str  # indicator code, resolved
    period: Period
    measure: str
    value: float | None
    text: str | None
    area: str
    status: str
    note: str | None
    where: str  # the value's Sheet!Cell


@dataclass
class Parsed:
    """A whole return, read but not yet compared with the store."""

    layout: str
    indicators: list[IndicatorRow] = field(default_factory=list)
    observations: list[ObservationRow] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    priorities: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    commentary: list = field(default_factory=list)  # kpi.commentary.CommentaryRow from a Commentary sheet
    actions: list = field(default_factory=list)  # kpi.commentary.ActionRow from an Actions sheet
    risks: list = field(default_factory=list)  # kpi.risk_register.RiskRow from a Risks sheet

    @property
    def ok(self) -> bool:
        return not self.problems
