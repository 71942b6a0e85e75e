"""The audit log: who changed what, when (old -> new). Append-only by construction, and tamper-evident.

This module can add a row (`record`, inside the caller's transaction, so the row commits or
rolls back with the change it describes) and read rows. Nothing here, or anywhere in the
app, updates or deletes them. Each row carries a hash chaining it to the row before
(sql/queries/audit_hash_macro.sql); `verify` makes every hash again, so a row changed, removed,
inserted or renumbered in the file or in a backup is found, and named, by `audit --verify`
and by `restore`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import duckdb
import pandas as pd

from kpi.store import Store, close, run

COLUMNS = ["id", "at", "user", "action", "detail"]
# What an audit row is about, named first and in this order ("indicator KS2-L4-EM, period 2013").
_SUBJECT = (
    "upload_id",
    "file",
    "plan",
    "code",
    "indicator",
    "period",
    "measure",
    "area",
    "urn",
    "action_id",
    "risk_id",
    "setting",
    "lait",
    "snapshot",
)
_LISTED = 12  # changes spelt out per row; the rest are counted


def record(cur, user: str, action: str, detail: Any) -> None:
    """Add one audit row on the write path's cursor. `detail` (usually a dict with old/new) is stored as JSON."""
    text = detail if isinstance(detail, str) else json.dumps(detail, default=str, ensure_ascii=False)
    run(cur, "audit_hash_macro")
    run(
        cur,
        "audit_record",
        at=datetime.now().replace(microsecond=0),
        user=user or "unknown",
        action=action,
        detail=text,
    )


@dataclass(frozen=True)
class ChainCheck:
    """The audit chain checked: how many rows, the last one (the head), and the first that does not match."""

    rows: int
    last_id: int | None
    head: str | None
    broken_id: int | None = None
    broken_at: datetime | None = None
    broken_user: str | None = None
    broken_action: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None

    def message(self) -> str:
        if self.ok:
            if not self.rows:
                return "The audit log is empty: nothing to check."
            return (
                f"The audit log's {self.rows:,} rows all verify: none has been changed, removed, inserted or "
                f"renumbered. Last row {self.last_id}, hash {self.head}."
            )
        at = f"{self.broken_at:%d %b %Y %H:%M:%S}" if isinstance(self.broken_at, datetime) else str(self.broken_at)
        return (
            f"The audit log does not verify from row {self.broken_id} ({at}, {self.broken_action} by "
            f"{self.broken_user}): that row, or the one before it, has been changed, removed, inserted or "
            "renumbered since it was written. Keep this file as evidence and compare it with your latest "
            "backup that verifies."
        )


def verify_on(cur) -> ChainCheck:
    """Check the chain on an open connection (a store's, or the file a restore is building)."""
    run(cur, "audit_hash_macro")
    row = run(cur, "audit_verify").fetchone()
    rows, last_id, head, broken_id, broken_at, broken_user, broken_action = row
    return ChainCheck(
        int(rows),
        None if last_id is None else int(last_id),
        head,
        None if broken_id is None else int(broken_id),
        broken_at,
        broken_user,
        broken_action,
    )


def verify(store: Store) -> ChainCheck:
    """Check every row's hash against the row before it: `python -m kpi audit --verify`."""
    cur = store.cursor()
    try:
        return verify_on(cur)
    except duckdb.Error as exc:
        raise store._fault("check the audit log", exc) from None
    finally:
        close(cur)


def read(
    store: Store,
    *,
    user: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Rows newest first; `until` is inclusive of that whole day. Empty filters mean any."""
    end = None
    if until is not None:
        end = (until if isinstance(until, datetime) else datetime.combine(until, datetime.min.time())) + timedelta(
            days=1
        )
    return store.query(
        "audit_log",
        user=user or None,
        action=action or None,
        since=str(since) if since else None,
        until=str(end) if end else None,
        text=text or None,
    )


def choices(store: Store) -> tuple[list[str], list[str]]:
    """The users and the actions that occur in the log."""
    frame = store.query("audit_choices")
    return (
        frame.loc[frame["kind"] == "user", "value"].tolist(),
        frame.loc[frame["kind"] == "action", "value"].tolist(),
    )


def as_records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows with keys id, at, user, action, detail (detail parsed back from JSON where it is JSON)."""
    rows = []
    for r in frame.itertuples(index=False):
        try:
            detail = json.loads(r.detail)
        except (TypeError, ValueError):
            detail = r.detail
        at = r.at.isoformat(sep=" ") if hasattr(r.at, "isoformat") else str(r.at)
        rows.append({"id": int(r.id), "at": at, "user": r.user, "action": r.action, "detail": detail})
    return rows


def _shown(value) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {_shown(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value[:_LISTED]) + (
            f" and {len(value) - _LISTED} more" if len(value) > _LISTED else ""
        )
    return str(value)


def _old_new(old, new) -> str:
    """'owner: blank → Head of Service; due date: 2013-03-31 → 2013-07-31', or 'new: ...' for an addition."""
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old or {}, new or {}
        if not old:
            return "new: " + _shown(new)
        keys = dict.fromkeys([*old, *new])
        return (
            "; ".join(
                f"{k.replace('_', ' ')}: {_shown(old.get(k))} → {_shown(new.get(k))}"
                for k in keys
                if old.get(k) != new.get(k)
            )
            or "no change"
        )
    return f"{_shown(old)} → {_shown(new)}"


def _change_list(items: list, label: str) -> str:
    words = []
    for c in items[:_LISTED]:
        what = " ".join(str(c[k]) for k in ("indicator", "period", "measure", "field") if c.get(k) not in (None, ""))
        words.append(f"{what}: {_shown(c.get('old'))} → {_shown(c.get('new'))}")
    if len(items) > _LISTED:
        words.append(f"and {len(items) - _LISTED} more {label}")
    return "; ".join(words)


def describe(detail) -> str:
    """An audit row's detail in words for the screen: what it is about, then old → new, never raw JSON."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail)
        except ValueError:
            return detail
    if not isinstance(detail, dict):
        return _shown(detail)
    subject = [
        f"{k.replace('_id', '').replace('_', ' ')} {_shown(detail[k])}"
        for k in _SUBJECT
        if detail.get(k) not in (None, "", [])
    ]
    parts = [", ".join(subject)] if subject else []
    if "old" in detail or "new" in detail:
        parts.append(_old_new(detail.get("old"), detail.get("new")))
    counts = [f"{detail[k]:,} {k}" for k in ("added", "changed", "unchanged") if isinstance(detail.get(k), int)]
    if counts:
        parts.append(", ".join(counts))
    if detail.get("changes") and isinstance(detail["changes"], list):
        parts.append(_change_list(detail["changes"], "changes"))
    if detail.get("indicator_changes"):
        parts.append("indicators: " + _change_list(detail["indicator_changes"], "indicator changes"))
    if detail.get("changes_left_out"):
        parts.append(f"{detail['changes_left_out']:,} further changes not listed")
    rest = {
        k: v
        for k, v in detail.items()
        if k
        not in (
            *_SUBJECT,
            "old",
            "new",
            "added",
            "changed",
            "unchanged",
            "changes",
            "indicator_changes",
            "changes_left_out",
        )
        and not isinstance(v, (dict, list))
        and v not in (None, "")
    }
    if rest:
        parts.append("; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in rest.items()))
    return ". ".join(p for p in parts if p)


def for_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """The log as the Audit page shows and exports it: 'What changed' in words beside the stored detail."""
    out = frame.copy()
    out.insert(len(out.columns) - 1, "what", [describe(d) for d in out["detail"]])
    return out
