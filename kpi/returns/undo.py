"""Undoing an upload: first say exactly what it will remove, then restore what it replaced.

Everything the upload brought goes: its values (observation_history), and its commentary, actions,
risks, plans, priorities and indicator definitions (kpi.upload_items), except any of those changed
since, or a definition it added that other figures now stand on, which are kept and named.

`plan_undo` is the preview (counts and indicators, and whether the upload is one others stand
on); `undo_upload` does it in one transaction, refusing when a later upload has changed the
same values (undo that one first) and, when given the data version the preview was made at,
when anything has changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from kpi import audit, upload_items
from kpi.errors import UserError
from kpi.store import Store, run
from kpi.upload_items import ItemsUndo


class UndoRefused(UserError):
    """An undo that would lose newer values, or of an upload that is not there to undo."""


@dataclass(frozen=True)
class UndoPlan:
    """What undoing one upload would do, in the officer's terms."""

    upload_id: int
    file: str
    user: str
    loaded_at: datetime
    removes: int  # values it added: removed
    restores: int  # values it changed: put back as they were
    indicators: tuple[str, ...]  # titles of the indicators it touched, in plan order
    later_uploads: tuple[int, ...]  # later uploads still in force with values of the same indicators
    first_upload: bool  # the earliest upload still in force: the first full return
    blockers: tuple[int, ...]  # later uploads that changed the very same values: undo those first
    data_version: int  # the data this plan was made from
    items: ItemsUndo = field(default_factory=ItemsUndo)  # its commentary, actions and risks

    @property
    def needs_second_confirmation(self) -> bool:
        """Undoing the first full return, or one later uploads were made on top of, takes a second yes."""
        return bool(self.later_uploads) or self.first_upload

    def summary(self) -> str:
        """One sentence: what goes and what comes back."""
        parts = []
        added, changed = (
            self._things(self.removes, self.items.removes),
            self._things(self.restores, self.items.restores),
        )
        if added:
            parts.append(f"removes {_listing(added)} it added")
        if changed:
            single = len(changed) == 1 and changed[0].startswith("1 ")
            parts.append(f"puts back {_listing(changed)} it changed as {'it was' if single else 'they were'}")
        did = " and ".join(parts) or "changes no values (it wrote none)"
        where = f" in {_n(len(self.indicators), 'indicator')}" if self.indicators else ""
        return (
            f"Undoing upload {self.upload_id} ({self.file}, loaded by {self.user} on "
            f"{self.loaded_at:%d %b %Y at %H:%M}) {did}{where}."
        )

    def done(self) -> str:
        """What was done, for the message that stays on screen afterwards."""
        added, changed = (
            self._things(self.removes, self.items.removes),
            self._things(self.restores, self.items.restores),
        )
        parts = [f"{_listing(added)} it added removed"] if added else []
        if changed:
            parts.append(f"{_listing(changed)} it changed put back")
        return f"Upload {self.upload_id} ({self.file}) undone: {' and '.join(parts) or 'no values changed'}."

    def _things(self, values: int, items: dict[str, int]) -> list[str]:
        return ([_n(values, "value")] if values else []) + self.items.listed(items)

    def cautions(self) -> list[str]:
        """Why a second confirmation is asked for, in words."""
        out = []
        if self.first_upload:
            out.append(
                f"Upload {self.upload_id} is the first full return still in force: undoing it removes the "
                "figures every later return was checked against."
            )
        if self.later_uploads:
            ids = ", ".join(map(str, self.later_uploads))
            out.append(
                f"Later uploads ({ids}) added figures for the same indicators on top of this one; they stay, "
                "but the series will have gaps where this upload's values were."
            )
        return out

    def notes(self) -> list[str]:
        """What the undo will leave, and why (commentary, actions or risks changed since the upload)."""
        return [self.items.caution()] if self.items.caution() else []


def _listing(things: list[str]) -> str:
    """'1 value', '1 value and 2 commentaries', '1 value, 2 commentaries and 1 action'."""
    return things[0] if len(things) == 1 else ", ".join(things[:-1]) + " and " + things[-1]


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _upload(cur, upload_id: int):
    row = cur.execute(
        "SELECT file_name, user_name, loaded_at, undone_at FROM uploads WHERE upload_id = ?", [upload_id]
    ).fetchone()
    if row is None:
        raise UndoRefused(f"There is no upload {upload_id}. List them with: python -m kpi uploads")
    if row[3] is not None:
        raise UndoRefused(f"Upload {upload_id} has already been undone.")
    return row


def plan_undo(store: Store, upload_id: int) -> UndoPlan:
    """What undoing `upload_id` would remove and restore; refuses an upload that is missing or already undone."""
    cur = store.cursor()
    try:
        version = int((cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone() or ["0"])[0])
        file_name, user, loaded_at, _ = _upload(cur, upload_id)
        rows = run(cur, "undo_plan", upload_id=upload_id).df()
        blockers = tuple(int(r[0]) for r in run(cur, "undo_blockers", upload_id=upload_id).fetchall())
        first = cur.execute("SELECT min(upload_id) FROM uploads WHERE undone_at IS NULL").fetchone()[0]
        items = upload_items.plan(cur, upload_id)
    finally:
        cur.close()
    later = sorted({int(u) for ups in rows["later_uploads"] for u in ups}) if len(rows) else []
    return UndoPlan(
        upload_id,
        file_name,
        user,
        pd.Timestamp(loaded_at).to_pydatetime(),
        int(rows["removes"].sum()) if len(rows) else 0,
        int(rows["restores"].sum()) if len(rows) else 0,
        tuple(rows["title"]),
        tuple(later),
        first == upload_id,
        blockers,
        version,
        items,
    )


def undo_upload(store: Store, upload_id: int, *, user: str, expected_version: int | None = None) -> None:
    """Restore exactly the values an upload replaced. Refuses if a later upload changed them since,
    or, given the data version its preview was made at, if anything has been written since then."""
    with store.transaction() as cur:
        if expected_version is not None:
            now_version = int((cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone() or ["0"])[0])
            if now_version != expected_version:
                raise UndoRefused(
                    f"The figures have changed since this undo was previewed, so upload {upload_id} "
                    "was not undone. Check what it will remove now, then confirm again."
                )
        _upload(cur, upload_id)
        blockers = [r[0] for r in run(cur, "undo_blockers", upload_id=upload_id).fetchall()]
        if blockers:
            raise UndoRefused(
                f"Upload {upload_id} cannot be undone while later uploads "
                f"({', '.join(map(str, blockers))}) have changed the same values: undo those first."
            )
        now = datetime.now().replace(microsecond=0)
        run(cur, "undo_upload", upload_id=upload_id, at=now, user=user)
        items = upload_items.undo(cur, upload_id)
        audit.record(
            cur,
            user,
            "undo",
            {
                "upload_id": upload_id,
                "removed": _listing(items.listed(items.removes) or ["none"]),
                "put_back": _listing(items.listed(items.restores) or ["none"]),
                "kept": items.kept,
                "kept_in_use": items.in_use,
            },
        )
