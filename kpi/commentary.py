"""Commentary, actions and milestones: what officers say about the figures and what they are doing.

Boards read figures beside the words: why an indicator is where it is and what is being done.
Every change goes through Store.transaction with one audit_log row (old -> new), so a board can
see who changed a commentary or an action and when. Returns may carry a "Commentary" and an
"Actions" sheet: kpi.returns.commentary_sheets reads them into the rows defined here, with
Sheet!Cell problems like the rest of a return, and `apply_commentary` writes them in one transaction.
This module reads no cells, so the returns package may depend on it and never the other way round.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

import pandas as pd

from kpi import audit, limits
from kpi.store import Store
from kpi.upload_items import ItemHistory

ACTION_STATUSES = ("not started", "in progress", "complete", "cancelled")
MILESTONE_STATUSES = ("not reported", "not started", "on track", "at risk", "off track", "achieved", "missed")
FINISHED_ACTIONS = ("complete", "cancelled")
FLAG_RAGS = ("red", "amber")


# -- rows read from a sheet --------------------------------------------------
@dataclass(frozen=True)
class CommentaryRow:
    indicator_code: str
    period_key: str
    period_label: str
    text: str
    author: str | None
    where: str
    period_start: date | None = None
    period_end: date | None = None
    period_type: str | None = None


@dataclass(frozen=True)
class ActionRow:
    plan_code: str | None
    priority_code: str | None
    indicator_code: str | None
    description: str
    owner: str | None
    start_date: date | None
    due_date: date | None
    status: str
    where: str
    action_id: int | None = None


@dataclass(frozen=True)
class MilestoneRow:
    plan_code: str
    priority_code: str | None
    title: str
    due_date: date | None
    target_text: str | None
    status: str
    achieved_date: date | None
    where: str


# -- writing -----------------------------------------------------------------
def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def write_commentary(
    cur,
    code: str,
    period_key: str,
    text: str | None,
    *,
    user: str,
    author: str | None = None,
    source: str = "dashboard",
    history: ItemHistory | None = None,
) -> bool:
    """Set (or with blank text, remove) one commentary on an open transaction cursor; True if it changed.

    `history` (an upload's) keeps what it replaced, for the upload's undo."""
    text = (text or "").strip() or None
    limits.check("commentary", text)
    row = cur.execute(
        "SELECT text FROM commentary WHERE indicator_code = ? AND period_key = ?", [code, period_key]
    ).fetchone()
    old = row[0] if row else None
    if old == text:
        return False
    key = {"indicator_code": code, "period_key": period_key}
    before = history.before("commentary", key) if history else None
    if text is None:
        cur.execute("DELETE FROM commentary WHERE indicator_code = ? AND period_key = ?", [code, period_key])
    else:
        cur.execute(
            "INSERT INTO commentary VALUES (?, ?, ?, ?, ?) ON CONFLICT (indicator_code, period_key) DO UPDATE "
            "SET text = excluded.text, author = excluded.author, updated_at = excluded.updated_at",
            [code, period_key, text, author or user, _now()],
        )
    audit.record(
        cur, user, "commentary", {"indicator": code, "period": period_key, "old": old, "new": text, "source": source}
    )
    if history:
        history.written("commentary", key, before)
    return True


def record_commentary(
    store: Store, code: str, period_key: str, text: str | None, *, user: str, author: str | None = None
) -> bool:
    """An officer's commentary on one indicator and period; blank text removes it. True if anything changed."""
    with store.transaction() as cur:
        return write_commentary(cur, code, period_key, text, user=user, author=author)


_ACTION_FIELDS = (
    "plan_code",
    "priority_code",
    "indicator_code",
    "description",
    "owner",
    "start_date",
    "due_date",
    "status",
)


def _action_dict(values) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in zip(_ACTION_FIELDS, values)}


def _plan_of(cur, row: ActionRow) -> str | None:
    if row.plan_code:
        return row.plan_code
    found = cur.execute(
        "SELECT coalesce(i.plan_code, pr.plan_code) FROM indicators AS i LEFT JOIN priorities AS pr "
        "ON pr.priority_code = i.priority_code WHERE i.code = ?",
        [row.indicator_code],
    ).fetchone()
    return found[0] if found else None


def write_action(
    cur, row: ActionRow, *, user: str, source: str = "dashboard", history: ItemHistory | None = None
) -> tuple[int, str]:
    """Add or update one action on an open transaction cursor -> (action_id, 'new' | 'changed' | 'unchanged').

    An action is updated when row.action_id names it, or when its plan already has an action with the
    same description (so a resubmitted action plan updates statuses instead of duplicating actions).
    `history` (an upload's) keeps what it replaced, for the upload's undo.
    """
    limits.check("action", row.description)
    limits.check("owner", row.owner)
    plan = _plan_of(cur, row)
    if not plan:
        raise ValueError(f"{row.where}: the action's plan cannot be found; fill in the Plan column.")
    new = (
        plan,
        row.priority_code,
        row.indicator_code,
        row.description.strip(),
        row.owner,
        row.start_date,
        row.due_date,
        row.status,
    )
    if row.action_id is not None:
        old = cur.execute(
            f"SELECT action_id, {', '.join(_ACTION_FIELDS)} FROM actions WHERE action_id = ?", [row.action_id]
        ).fetchone()
        if old is None:
            raise ValueError(
                f"{row.where}: there is no action number {row.action_id}; leave ID blank for a new action."
            )
    else:
        old = cur.execute(
            f"SELECT action_id, {', '.join(_ACTION_FIELDS)} FROM actions WHERE plan_code = ? AND "
            "lower(trim(description)) = lower(trim(?)) ORDER BY action_id LIMIT 1",
            [plan, row.description],
        ).fetchone()
    if old is None:
        action_id = cur.execute(
            f"INSERT INTO actions ({', '.join(_ACTION_FIELDS)}, source) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING action_id",
            [*new, source],
        ).fetchone()[0]
        audit.record(
            cur, user, "action", {"action_id": action_id, "old": None, "new": _action_dict(new), "source": source}
        )
        if history:
            history.written("action", {"action_id": action_id}, None)
        return action_id, "new"
    action_id, before = old[0], tuple(old[1:])
    if before == new:
        return action_id, "unchanged"
    held = history.before("action", {"action_id": action_id}) if history else None
    cur.execute(
        "UPDATE actions SET " + ", ".join(f"{f} = ?" for f in _ACTION_FIELDS) + " WHERE action_id = ?",
        [*new, action_id],
    )
    audit.record(
        cur,
        user,
        "action",
        {"action_id": action_id, "old": _action_dict(before), "new": _action_dict(new), "source": source},
    )
    if history:
        history.written("action", {"action_id": action_id}, held)
    return action_id, "changed"


def record_action(store: Store, row: ActionRow, *, user: str, source: str = "dashboard") -> tuple[int, str]:
    """Add or edit one action in its own transaction (the Commentary page's write)."""
    with store.transaction() as cur:
        return write_action(cur, row, user=user, source=source)


def write_commentary_rows(
    cur,
    commentary: list[CommentaryRow],
    actions: list[ActionRow],
    *,
    user: str,
    source: str,
    history: ItemHistory | None = None,
) -> dict[str, int]:
    """Everything read from Commentary and Actions sheets, on an open transaction cursor."""
    counts = {"commentary": 0, "actions_new": 0, "actions_changed": 0}
    for row in commentary:
        if row.period_start is not None:  # a period the return names but no value uses yet
            cur.execute(
                "INSERT INTO periods VALUES (?, ?, ?, ?, ?) ON CONFLICT (period_key) DO NOTHING",
                [row.period_key, row.period_label, row.period_start, row.period_end, row.period_type],
            )
        counts["commentary"] += write_commentary(
            cur,
            row.indicator_code,
            row.period_key,
            row.text,
            user=user,
            author=row.author,
            source=f"{source} {row.where}",
            history=history,
        )
    for row in actions:
        _, outcome = write_action(cur, row, user=user, source=f"{source} {row.where}", history=history)
        if outcome != "unchanged":
            counts[f"actions_{outcome}"] += 1
    return counts


def apply_commentary(
    store: Store, commentary: list[CommentaryRow], actions: list[ActionRow], *, user: str, source: str
) -> dict[str, int]:
    """Write a return's commentary and actions in one transaction; nothing is written when nothing changes."""
    if not commentary and not actions:
        return {"commentary": 0, "actions_new": 0, "actions_changed": 0}
    try:
        with store.transaction() as cur:
            counts = write_commentary_rows(cur, commentary, actions, user=user, source=source)
            if not any(counts.values()):
                raise _NothingChanged(counts)  # roll back, so the data version stays as it was
    except _NothingChanged as unchanged:
        return unchanged.args[0]
    return counts


class _NothingChanged(Exception):
    """Raised inside a transaction to roll it back when it changed nothing."""


def add_milestones(store: Store, rows: list[MilestoneRow], *, user: str, source: str) -> int:
    """Add milestones not already held (same plan, title and due date); returns how many were added."""
    cur = store.cursor()
    try:
        held = {(p, t, d) for p, t, d in cur.execute("SELECT plan_code, title, due_date FROM milestones").fetchall()}
    finally:
        cur.close()
    new = [r for r in rows if (r.plan_code, r.title, r.due_date) not in held]
    if not new:
        return 0
    with store.transaction() as cur:
        for r in new:
            cur.execute(
                "INSERT INTO milestones (plan_code, priority_code, title, due_date, target_text, status, "
                "achieved_date, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    r.plan_code,
                    r.priority_code,
                    r.title,
                    r.due_date,
                    r.target_text,
                    r.status,
                    r.achieved_date,
                    f"{source} {r.where}",
                ],
            )
            audit.record(
                cur,
                user,
                "milestone",
                {"new": {k: v for k, v in asdict(r).items() if k != "where"}, "source": f"{source} {r.where}"},
            )
    return len(new)


# -- reading back ------------------------------------------------------------
def commentary_frame(store: Store) -> pd.DataFrame:
    return store.query("board_commentary")


def actions_frame(store: Store, as_of: date | None = None) -> pd.DataFrame:
    """Every action with titles and an `overdue` flag as at as_of (default today)."""
    return store.query("board_actions", as_of=(as_of or date.today()).isoformat())


def milestones_frame(store: Store, as_of: date | None = None) -> pd.DataFrame:
    return store.query("board_milestones", as_of=(as_of or date.today()).isoformat())


def with_commentary(rows: pd.DataFrame, commentary: pd.DataFrame) -> pd.DataFrame:
    """Indicator rows (code, period_key) with their commentary text, author and date beside them."""
    right = commentary.rename(
        columns={
            "indicator_code": "code",
            "text": "commentary",
            "author": "commentary_author",
            "updated_at": "commentary_updated",
        }
    )[["code", "period_key", "commentary", "commentary_author", "commentary_updated"]]
    return rows.merge(right, on=["code", "period_key"], how="left")


def flag_missing(rows: pd.DataFrame, commentary: pd.DataFrame) -> pd.DataFrame:
    """Red and amber indicator rows whose period has no commentary: the ones a board will ask about."""
    joined = with_commentary(rows, commentary)
    return joined[joined["rag"].isin(FLAG_RAGS) & joined["commentary"].isna()].reset_index(drop=True)
