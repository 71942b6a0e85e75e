"""A plan's risk register in the store: read it back as kpi.risks.Risk, write it with an audit row.

Every write goes through Store.transaction with one audit_log row (old -> new), as actions do; a change of
likelihood, impact or status also adds an assessment to the score history, which is what "rose since the
last board" is measured against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from kpi import audit, limits
from kpi.model import is_missing
from kpi.risks import KINDS, STATUSES, Risk, score, sections
from kpi.store import Store
from kpi.upload_items import ItemHistory

_FIELDS = ("kind", "risk", "mitigation", "owner", "likelihood", "impact", "score", "status", "review_date")


@dataclass(frozen=True)
class RiskRow:
    """A risk as a return's Risks sheet or the Commentary page gives it (links are the ones it names)."""

    plan_code: str
    code: str | None
    risk: str
    kind: str = "risk"
    mitigation: str | None = None
    owner: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    status: str = "open"
    review_date: date | None = None
    priorities: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    where: str = "dashboard"
    assessed_on: date | None = None  # when these scores were judged (default: the day written)
    risk_id: int | None = None


@dataclass
class Register:
    """A plan's risks and their score history, as the board's rules need them."""

    risks: list[Risk] = field(default_factory=list)
    history: dict[int, list[tuple[date, int | None]]] = field(default_factory=dict)

    def sections(self, *, as_of: date, since: date | None = None):
        return sections(self.risks, self.history, as_of=as_of, since=since)


def _value(v):
    return None if is_missing(v) else v


def _day(v) -> date | None:
    v = _value(v)
    return pd.Timestamp(v).date() if v is not None else None


def _int(v) -> int | None:
    v = _value(v)
    return int(v) if v is not None else None


def _codes(v) -> tuple[str, ...]:
    return tuple(str(x) for x in (v if v is not None and not isinstance(v, float) else ()))


def risks_frame(store: Store, plan: str | None = None) -> pd.DataFrame:
    """The register as one frame (one query): links as lists, priorities including those reached through links."""
    return store.query("risk_register", plan=plan)


def to_risks(frame: pd.DataFrame) -> list[Risk]:
    return [
        Risk(
            plan_code=r["plan_code"],
            code=r["code"],
            risk=r["risk"],
            kind=r["kind"],
            mitigation=_value(r["mitigation"]),
            owner=_value(r["owner"]),
            likelihood=_int(r["likelihood"]),
            impact=_int(r["impact"]),
            status=r["status"],
            review_date=_day(r["review_date"]),
            priorities=_codes(r["priorities"]),
            indicators=_codes(r["linked_indicators"]),
            actions=_codes(r["linked_actions"]),
            risk_id=int(r["risk_id"]),
            linked_priorities=_codes(r["linked_priorities"]),
        )
        for r in frame.to_dict("records")
    ]


def register(store: Store, plan: str | None = None) -> Register:
    """A plan's (or every plan's) risks with their score history: two queries."""
    history: dict[int, list[tuple[date, int | None]]] = {}
    for r in store.query("risk_scores", plan=plan).itertuples():
        history.setdefault(int(r.risk_id), []).append((_day(r.assessed_on), _int(r.score)))
    return Register(to_risks(risks_frame(store, plan)), history)


def as_json(frame: pd.DataFrame) -> list[dict]:
    """The command line's objects: plan, code, risk, mitigation, owner, likelihood, impact, score, status,
    review (ISO date or null), priorities (codes it threatens)."""
    return [
        {
            "plan": r.plan_code,
            "code": r.code,
            "risk": r.risk,
            "mitigation": r.mitigation,
            "owner": r.owner,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "score": r.score,
            "status": r.status,
            "review": r.review_date.isoformat() if r.review_date else None,
            "priorities": list(r.priorities),
        }
        for r in to_risks(frame)
    ]


# -- writing -----------------------------------------------------------------
def _next_code(cur, plan: str, kind: str) -> str:
    prefix = "I" if kind == "issue" else "R"
    held = [c for (c,) in cur.execute("SELECT code FROM risks WHERE plan_code = ?", [plan]).fetchall()]
    numbers = [int(m[1]) for c in held if (m := re.fullmatch(rf"{prefix}(\d+)", c, re.IGNORECASE))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _links(cur, risk_id: int) -> dict[str, list[str]]:
    found = {"priorities": [], "indicators": [], "actions": []}
    names = {"priority": "priorities", "indicator": "indicators", "action": "actions"}
    for kind, target in cur.execute(
        "SELECT link_kind, target FROM risk_links WHERE risk_id = ? ORDER BY target", [risk_id]
    ).fetchall():
        found[names[kind]].append(target)
    return found


def _row_dict(values, links) -> dict:
    out = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in zip(_FIELDS, values)}
    return out | links


def write_risk(
    cur, row: RiskRow, *, user: str, source: str = "dashboard", history: ItemHistory | None = None
) -> tuple[int, str, str]:
    """Add or update one risk on an open transaction cursor -> (risk_id, code, 'new' | 'changed' | 'unchanged').

    A risk is updated when row.risk_id names it, when its plan has a risk with the same code, or (with no
    code) one with the same wording; so a resubmitted register updates scores instead of duplicating risks.
    `history` (an upload's) keeps what it replaced, for the upload's undo.
    """
    for kind, text in (("risk", row.risk), ("mitigation", row.mitigation), ("owner", row.owner)):
        limits.check(kind, text)
    if row.kind not in KINDS or row.status not in STATUSES:
        raise ValueError(
            f"{row.where}: kind must be one of {', '.join(KINDS)} and status one of {', '.join(STATUSES)}."
        )
    new = (
        row.kind,
        row.risk.strip(),
        row.mitigation,
        row.owner,
        row.likelihood,
        row.impact,
        score(row.likelihood, row.impact),
        row.status,
        row.review_date,
    )
    links = {
        "priorities": sorted(set(row.priorities)),
        "indicators": sorted(set(row.indicators)),
        "actions": sorted(set(row.actions)),
    }
    select = f"SELECT risk_id, code, {', '.join(_FIELDS)} FROM risks "
    if row.risk_id is not None:
        old = cur.execute(select + "WHERE risk_id = ?", [row.risk_id]).fetchone()
        if old is None:
            raise ValueError(f"{row.where}: there is no risk number {row.risk_id}.")
    elif row.code:
        old = cur.execute(
            select + "WHERE plan_code = ? AND upper(code) = upper(?)", [row.plan_code, row.code]
        ).fetchone()
    else:
        old = cur.execute(
            select + "WHERE plan_code = ? AND lower(trim(risk)) = lower(trim(?)) ORDER BY risk_id LIMIT 1",
            [row.plan_code, row.risk],
        ).fetchone()
    now = datetime.now().replace(microsecond=0)
    where = f"{source} {row.where}".strip() if row.where != source else source
    assessed_on = (row.assessed_on or now.date()).isoformat()
    held = history.before("risk", {"risk_id": old[0], "assessed_on": assessed_on}) if history and old else None
    if old is None:
        code = row.code or _next_code(cur, row.plan_code, row.kind)
        risk_id = cur.execute(
            f"INSERT INTO risks (plan_code, code, {', '.join(_FIELDS)}, source, updated_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING risk_id",
            [row.plan_code, code, *new, where, now],
        ).fetchone()[0]
        before, old_links, outcome = None, None, "new"
    else:
        risk_id, code, before = old[0], old[1], tuple(old[2:])
        old_links = _links(cur, risk_id)
        if before == new and old_links == links:
            return risk_id, code, "unchanged"
        cur.execute(
            "UPDATE risks SET " + ", ".join(f"{f} = ?" for f in _FIELDS) + ", source = ?, updated_at = ? "
            "WHERE risk_id = ?",
            [*new, where, now, risk_id],
        )
        outcome = "changed"
    if old_links != links:
        cur.execute("DELETE FROM risk_links WHERE risk_id = ?", [risk_id])
        for kind, name in (("priority", "priorities"), ("indicator", "indicators"), ("action", "actions")):
            for target in links[name]:
                cur.execute("INSERT INTO risk_links VALUES (?, ?, ?)", [risk_id, kind, target])
    scored_before = (before[4], before[5], before[7]) if before else None
    if scored_before != (row.likelihood, row.impact, row.status):
        cur.execute(
            "INSERT INTO risk_scores VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (risk_id, assessed_on) DO UPDATE "
            "SET likelihood = excluded.likelihood, impact = excluded.impact, score = excluded.score, "
            "status = excluded.status",
            [risk_id, row.assessed_on or now.date(), row.likelihood, row.impact, new[6], row.status],
        )
    audit.record(
        cur,
        user,
        "risk",
        {
            "plan": row.plan_code,
            "code": code,
            "risk_id": risk_id,
            "old": _row_dict(before, old_links) if before else None,
            "new": _row_dict(new, links),
            "source": where,
        },
    )
    if history:
        history.written("risk", {"risk_id": risk_id, "assessed_on": assessed_on}, held)
    return risk_id, code, outcome


def record_risk(store: Store, row: RiskRow, *, user: str) -> tuple[int, str, str]:
    """Add or edit one risk in its own transaction (the Commentary and actions page's write)."""
    with store.transaction() as cur:
        return write_risk(cur, row, user=user)


def write_risk_rows(
    cur, rows: list[RiskRow], *, user: str, source: str, history: ItemHistory | None = None
) -> dict[str, int]:
    """Everything a return's Risks sheet gave, on an open transaction cursor."""
    counts = {"risks_new": 0, "risks_changed": 0}
    for row in rows:
        _, _, outcome = write_risk(cur, row, user=user, source=source, history=history)
        if outcome != "unchanged":
            counts[f"risks_{outcome}"] += 1
    return counts


class _NothingChanged(Exception):
    pass


def apply_risks(store: Store, rows: list[RiskRow], *, user: str, source: str) -> dict[str, int]:
    """Write risks in one transaction; nothing (not even the data version) changes when nothing differs."""
    if not rows:
        return {"risks_new": 0, "risks_changed": 0}
    try:
        with store.transaction() as cur:
            counts = write_risk_rows(cur, rows, user=user, source=source)
            if not any(counts.values()):
                raise _NothingChanged(counts)
    except _NothingChanged as unchanged:
        return unchanged.args[0]
    return counts


def check_row(row: RiskRow) -> list[str]:
    """What is wrong with a risk typed on the page, in words (empty: it may be saved)."""
    problems = []
    if not row.risk.strip():
        problems.append("Describe the risk or issue before saving.")
    if (row.likelihood is None) != (row.impact is None):
        problems.append("Give both a likelihood and an impact (1 to 5), or neither to leave the risk unscored.")
    return problems


def changes_only(store: Store, rows: list[RiskRow]) -> list[RiskRow]:
    """The rows that would change the register (so an untouched template's Risks sheet changes nothing)."""
    held = {(r.plan_code, r.code.upper()): r for r in register(store).risks}

    def same(row: RiskRow) -> bool:
        r = held.get((row.plan_code, (row.code or "").upper()))
        return (
            r is not None
            and row.assessed_on is None
            and (
                row.kind,
                row.risk.strip(),
                row.mitigation,
                row.owner,
                row.likelihood,
                row.impact,
                row.status,
                row.review_date,
                sorted(set(row.priorities)),
                sorted(set(row.indicators)),
                sorted(set(row.actions)),
            )
            == (
                r.kind,
                r.risk,
                r.mitigation,
                r.owner,
                r.likelihood,
                r.impact,
                r.status,
                r.review_date,
                sorted(r.linked_priorities),
                sorted(r.indicators),
                sorted(r.actions),
            )
        )

    return [row for row in rows if not same(row)]
