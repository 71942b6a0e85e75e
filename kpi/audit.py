"""The audit log: who changed what, when (old -> new). Append-only by construction.

This module can add a row (`record`, inside the caller's transaction, so the row commits or
rolls back with the change it describes) and read rows. Nothing here, or anywhere in the
app, updates or deletes them.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from kpi.store import Store, run

COLUMNS = ["id", "at", "user", "action", "detail"]


def record(cur, user: str, action: str, detail: Any) -> None:
    """Add one audit row on the write path's cursor. `detail` (usually a dict with old/new) is stored as JSON."""
    text = detail if isinstance(detail, str) else json.dumps(detail, default=str, ensure_ascii=False)
    run(cur, "audit_record", at=datetime.now().replace(microsecond=0), user=user or "unknown",
        action=action, detail=text)


def read(store: Store, *, user: str | None = None, action: str | None = None, since: date | None = None,
         until: date | None = None, text: str | None = None) -> pd.DataFrame:
    """Rows newest first; `until` is inclusive of that whole day. Empty filters mean any."""
    end = None
    if until is not None:
        end = (until if isinstance(until, datetime) else datetime.combine(until, datetime.min.time())) + timedelta(days=1)
    return store.query("audit_log", user=user or None, action=action or None,
                       since=str(since) if since else None, until=str(end) if end else None, text=text or None)


def choices(store: Store) -> tuple[list[str], list[str]]:
    """The users and the actions that occur in the log."""
    frame = store.query("audit_choices")
    return (frame.loc[frame["kind"] == "user", "value"].tolist(),
            frame.loc[frame["kind"] == "action", "value"].tolist())


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
