"""Risks and issues: the usual 5x5 score, the matrix, and what a board sees by exception.

Pure functions over plain values (no database, no Streamlit), so the rules are tested on their own and the
pages, the board pack and the command line all apply the same ones. kpi.risk_register reads and writes
the register; this module decides what the figures mean.

The rules, in the board's words:
- score = likelihood x impact, each 1-5; blank when the plan gives either as blank ("not scored").
- high: a score of 15 or more (the top band of the matrix); medium 8-12; low 1-6.
- rising: the score is higher now than it was at the last board (the latest assessment on or before that
  date); with no board date, higher than at the risk's previous assessment.
- review overdue: the review date has passed and the risk is not closed.
- open issue: an issue (a risk that has happened) that is not closed.
Closed risks are never exceptions and are not counted in the matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
STATUSES = ("open", "managed", "closed")
KINDS = ("risk", "issue")
HIGH_SCORE = 15
MEDIUM_SCORE = 8
BANDS = ("high", "medium", "low", "not_scored")
BAND_WORDS = {"high": "High", "medium": "Medium", "low": "Low", "not_scored": "Not scored"}
# Shapes as well as colours, as for RAG: the band never relies on colour alone.
BAND_ICONS = {"high": "■", "medium": "◆", "low": "○", "not_scored": "–"}
REASONS = ("open_issue", "high", "rising", "review_overdue")
NOT_SCORED = "Not scored (no likelihood or impact given)"
EXCEPTIONS_HEADING = "Risks and issues by exception"
MATRIX_HEADING = "Risk matrix: live risks and issues by likelihood and impact"
LEGEND = "■ High 15-25 · ◆ Medium 8-12 · ○ Low 1-6. Each cell names its band and the risks in it, so it reads without colour."
RULES = (
    "Score = likelihood x impact (1-5 each): high 15-25, medium 8-12, low 1-6. By exception a board sees open "
    "issues, high scores, scores that rose since its last meeting, and reviews that are past due."
)


def score(likelihood: int | None, impact: int | None) -> int | None:
    """likelihood x impact; None when either is blank (the plan did not score the risk)."""
    if likelihood is None or impact is None:
        return None
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if int(value) != value or not 1 <= value <= 5:
            raise ValueError(f"The {name} must be a whole number from 1 to 5, not {value}.")
    return int(likelihood) * int(impact)


def band(value: int | None) -> str:
    """'high' (15-25), 'medium' (8-12), 'low' (1-6) or 'not_scored'."""
    if value is None:
        return "not_scored"
    return "high" if value >= HIGH_SCORE else "medium" if value >= MEDIUM_SCORE else "low"


def score_words(value: int | None) -> str:
    """'High (16)', 'Low (4)', or 'Not scored'."""
    return BAND_WORDS["not_scored"] if value is None else f"{BAND_WORDS[band(value)]} ({value})"


@dataclass(frozen=True)
class Risk:
    """One entry of a plan's register, as kpi.risk_register reads it."""

    plan_code: str
    code: str
    risk: str
    kind: str = "risk"
    mitigation: str | None = None
    owner: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    status: str = "open"
    review_date: date | None = None
    priorities: tuple[str, ...] = ()  # the priorities it threatens (directly or through indicators/actions)
    indicators: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    risk_id: int | None = None
    linked_priorities: tuple[str, ...] = ()  # the priorities it names itself (priorities adds those reached)

    @property
    def score(self) -> int | None:
        return score(self.likelihood, self.impact)

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def live(self) -> bool:
        return self.status != "closed"


def previous_score(history: Iterable[tuple[date, int | None]], since: date | None) -> int | None:
    """The score at the last board: the latest assessment on or before `since`.

    Without a board date, the assessment before the latest one. Unscored assessments are skipped (they have
    no score to compare); None when there is none to compare with.
    """
    rows = sorted(((d, s) for d, s in history if s is not None), key=lambda r: r[0])
    if since is None:
        return rows[-2][1] if len(rows) >= 2 else None
    before = [s for d, s in rows if d <= since]
    return before[-1] if before else None


def reasons(risk: Risk, *, as_of: date, previous: int | None) -> tuple[str, ...]:
    """Why a board should see this risk by exception (empty: it should not), in REASONS order."""
    if not risk.live:
        return ()
    found = []
    if risk.kind == "issue":
        found.append("open_issue")
    if risk.score is not None and risk.score >= HIGH_SCORE:
        found.append("high")
    if risk.score is not None and previous is not None and risk.score > previous:
        found.append("rising")
    if risk.review_date is not None and risk.review_date < as_of:
        found.append("review_overdue")
    return tuple(found)


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


RISKS_SINCE_DEFAULT = "Rising scores are measured against each risk's previous review."


def since_words(since: date | None) -> str:
    """What 'rose' is measured against, for the board's papers."""
    return f"Rising scores are measured against the board on {_day(since)}." if since else RISKS_SINCE_DEFAULT


@dataclass(frozen=True)
class Flagged:
    """A risk shown by exception, with the reasons in words."""

    risk: Risk
    reasons: tuple[str, ...]
    previous: int | None = None
    since: date | None = None

    def reason_words(self) -> list[str]:
        words = []
        for reason in self.reasons:
            if reason == "open_issue":
                words.append("Open issue" if self.risk.status == "open" else "Issue being managed")
            elif reason == "high":
                words.append(f"High score ({self.risk.score})")
            elif reason == "rising":
                when = f"since the board on {_day(self.since)}" if self.since else "since its last review"
                words.append(f"Score rose from {self.previous} to {self.risk.score} {when}")
            elif reason == "review_overdue":
                words.append(f"Review was due {_day(self.risk.review_date)}")
        return words

    @property
    def summary(self) -> str:
        return "; ".join(self.reason_words())


@dataclass(frozen=True)
class MatrixCell:
    likelihood: int
    impact: int
    codes: tuple[str, ...]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def count(self) -> int:
        return len(self.codes)

    @property
    def words(self) -> str:
        """What the cell says, so it reads without its colour: 'High · 2 (R1, R4)' or 'High · none'."""
        what = f"{self.count} ({', '.join(self.codes)})" if self.codes else "none"
        return f"{BAND_WORDS[self.band]} · {what}"

    @property
    def label(self) -> str:
        """The cell with its band's shape: '■ High · 2 (R1, R4)'."""
        return f"{BAND_ICONS[self.band]} {self.words}"


@dataclass(frozen=True)
class Matrix:
    """The 5x5 grid of live risks: rows by likelihood from 5 (top) to 1, columns by impact 1 to 5."""

    rows: tuple[tuple[MatrixCell, ...], ...]
    not_scored: tuple[str, ...] = ()

    @property
    def scored(self) -> int:
        return sum(c.count for row in self.rows for c in row)

    def band_counts(self) -> dict[str, int]:
        counts = {b: 0 for b in BANDS}
        for row in self.rows:
            for c in row:
                counts[c.band] += c.count
        counts["not_scored"] = len(self.not_scored)
        return counts

    def not_scored_words(self) -> str:
        if not self.not_scored:
            return ""
        return f"{NOT_SCORED} ({len(self.not_scored)}): {', '.join(self.not_scored)}."

    def text_alternative(self) -> str:
        """The matrix in one paragraph, for screen readers and the pack's notes."""
        counts = self.band_counts()
        parts = [f"{counts[b]} {BAND_WORDS[b].lower()}" for b in ("high", "medium", "low")]
        text = f"Risk matrix of {self.scored} scored live risks and issues: " + ", ".join(parts) + "."
        busy = [
            f"{c.codes and ', '.join(c.codes)} at likelihood {c.likelihood} and impact {c.impact}"
            for row in self.rows
            for c in row
            if c.codes
        ]
        if busy:
            text += " " + "; ".join(busy) + "."
        if self.not_scored:
            text += f" {len(self.not_scored)} not scored."
        return text


def flagged_line(f: Flagged) -> tuple[str, str, str, str, str]:
    """One exception as the papers print it: (code, what, owner, score, why and mitigation)."""
    r = f.risk
    what = ("Issue: " if r.kind == "issue" else "") + r.risk
    why = f.summary + (f". Mitigation: {r.mitigation}" if r.mitigation else ". No mitigation recorded")
    return r.code, what, r.owner or "—", f"{BAND_ICONS[r.band]} {score_words(r.score)}", why


def likelihood_label(n: int) -> str:
    return f"{n} {LIKELIHOOD_WORDS[n]}"


def impact_label(n: int) -> str:
    return f"{n} {IMPACT_WORDS[n]}"


def matrix(risks: Iterable[Risk]) -> Matrix:
    """Live risks placed by likelihood and impact; unscored ones listed apart."""
    live = [r for r in risks if r.live]
    at: dict[tuple[int, int], list[str]] = {}
    for r in live:
        if r.score is not None:
            at.setdefault((r.likelihood, r.impact), []).append(r.code)
    rows = tuple(tuple(MatrixCell(lk, im, tuple(at.get((lk, im), ()))) for im in range(1, 6)) for lk in range(5, 0, -1))
    return Matrix(rows, tuple(r.code for r in live if r.score is None))


@dataclass
class RiskSection:
    """One priority's risks for a board: the exceptions first, and how many others are live."""

    priority_code: str | None  # None: risks that threaten the whole plan
    flagged: list[Flagged] = field(default_factory=list)
    others: list[Risk] = field(default_factory=list)  # live, not exceptions

    @property
    def not_scored(self) -> int:
        return sum(1 for r in self.others if r.score is None) + sum(1 for f in self.flagged if f.risk.score is None)

    @property
    def is_empty(self) -> bool:
        return not (self.flagged or self.others)

    def others_words(self) -> str:
        """'3 other live risks (2 not scored)' — what is not shown, so the board knows it exists."""
        if not self.others:
            return ""
        n = len(self.others)
        unscored = sum(1 for r in self.others if r.score is None)
        text = f"{n} other live {'risk or issue' if n == 1 else 'risks and issues'}, not exceptions"
        return text + (f" ({unscored} not scored: no likelihood or impact given)" if unscored else "")


def sections(
    risks: Iterable[Risk],
    history: Mapping[int | str, Iterable[tuple[date, int | None]]],
    *,
    as_of: date,
    since: date | None = None,
) -> dict[tuple[str, str | None], RiskSection]:
    """Each priority's RiskSection, keyed (plan code, priority code); priority None: risks linked to no
    priority, i.e. the whole plan.

    A risk threatening two priorities appears under both. history maps risk_id (or code) to its
    assessments (date, score).
    """
    out: dict[tuple[str, str | None], RiskSection] = {}
    order = {"open_issue": 0, "high": 1, "rising": 2, "review_overdue": 3}
    for r in risks:
        if not r.live:
            continue
        key = r.risk_id if r.risk_id is not None else r.code
        previous = previous_score(history.get(key, ()), since)
        why = reasons(r, as_of=as_of, previous=previous)
        for priority in r.priorities or (None,):
            section = out.setdefault((r.plan_code, priority), RiskSection(priority))
            if why:
                section.flagged.append(Flagged(r, why, previous, since))
            else:
                section.others.append(r)
    for section in out.values():
        section.flagged.sort(key=lambda f: (min(order[x] for x in f.reasons), -(f.risk.score or 0)))
    return out
