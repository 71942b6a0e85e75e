"""What an upload changed besides its figures, kept so that undoing the upload puts it back: the
commentary, actions and risks of its sheets, and the plans, priorities and indicator definitions it
added or changed.

Figures have observation_history; the rest have upload_item_history (migration 010): for each item
the upload wrote, the row as it was before (none when the upload added it) and as the upload left it.
Undo goes back over them, last written first, and puts back each one that is still as the upload left
it. One that has been changed since (edited on the Commentary page, or by a later upload) is kept as it
is now and named, so an undo never throws away later work; so is a definition the upload added that
something else now stands on (another upload's figures for an indicator, the indicators under a
priority, the priorities of a plan).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from kpi.store import run

KINDS = {
    "commentary": ("commentary", "commentaries"),
    "action": ("action", "actions"),
    "risk": ("risk", "risks"),
    "indicator": ("indicator definition", "indicator definitions"),
    "priority": ("priority", "priorities"),
    "plan": ("plan", "plans"),
}
DEFINITIONS = {"indicator": "code", "priority": "priority_code", "plan": "plan_code"}  # kind -> its key


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot(cur, kind: str, key: dict) -> dict | None:
    """The item as held now, as plain JSON-ready values; None when there is none."""
    if kind in DEFINITIONS:
        return definitions(cur, kind, [key[DEFINITIONS[kind]]]).get(key[DEFINITIONS[kind]])
    result = run(cur, f"upload_item_{kind}", **key)
    rows = result.fetchall()  # all (one at most): no result left open on the cursor, which a frame's restore needs
    if not rows:
        return None
    return {d[0]: _plain(v) for d, v in zip(result.description, rows[0])}


def definitions(cur, kind: str, codes) -> dict[str, dict]:
    """Plans, priorities or indicator definitions as held now, by code, in one query (a return may bring a
    hundred indicators: a query each made its commit a third slower)."""
    result = run(cur, f"upload_item_{kind}", codes=list(codes))
    names = [d[0] for d in result.description]
    rows = [{n: _plain(v) for n, v in zip(names, row)} for row in result.fetchall()]
    return {row[DEFINITIONS[kind]]: row for row in rows}


def _text(value) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


class ItemHistory:
    """Records, on an upload's transaction cursor, each item it changed: `before` it, `written` after (for
    definitions, `definitions` before and `definitions_written` after, all of a kind at once)."""

    def __init__(self, cur, upload_id: int):
        self.cur, self.upload_id = cur, upload_id

    def before(self, kind: str, key: dict) -> dict | None:
        return snapshot(self.cur, kind, key)

    def written(self, kind: str, key: dict, old: dict | None) -> None:
        self._notes([(kind, key, old, snapshot(self.cur, kind, key))])

    def definitions(self, kind: str, codes) -> dict[str, dict]:
        return definitions(self.cur, kind, codes)

    def definitions_written(self, kind: str, codes, before: dict[str, dict]) -> None:
        after = definitions(self.cur, kind, codes)
        self._notes([(kind, {DEFINITIONS[kind]: c}, before.get(c), after.get(c)) for c in dict.fromkeys(codes)])

    def _notes(self, items: list[tuple[str, dict, dict | None, dict | None]]) -> None:
        """Record each (kind, key, old, new) that changed, in one statement (a return may bring a hundred)."""
        changed = [(k, _text(key), _text(old), _text(new)) for k, key, old, new in items if _text(new) != _text(old)]
        if not changed:
            return
        frame = pd.DataFrame(changed, columns=["kind", "item_key", "old_row", "new_row"])
        frame.insert(0, "n", range(1, len(frame) + 1))
        run(self.cur, "upload_item_notes", frames={"incoming_notes": frame}, upload_id=self.upload_id)


@dataclass
class ItemsUndo:
    """What undoing an upload does to its words: counts by kind, and the items kept because they changed since."""

    removes: dict[str, int] = field(default_factory=dict)  # kind -> items it added, to be removed
    restores: dict[str, int] = field(default_factory=dict)  # kind -> items it changed, to be put back
    kept: list[str] = field(default_factory=list)  # "commentary on KS2-L4-EM 2013", changed since
    in_use: list[str] = field(default_factory=list)  # "indicator definition X (values from other uploads)"

    def listed(self, counts: dict[str, int]) -> list[str]:
        """'2 commentaries', '1 action', ... in a fixed order."""
        return [f"{counts[k]} {KINDS[k][0] if counts[k] == 1 else KINDS[k][1]}" for k in KINDS if counts.get(k)]

    def caution(self) -> str | None:
        said = []
        if self.kept:
            said.append(
                "Kept as they are now, because they have been changed since this upload: "
                + "; ".join(self.kept)
                + ". Change them by hand if they should go too."
            )
        if self.in_use:
            said.append("Kept, because other figures stand on them: " + "; ".join(self.in_use) + ".")
        return " ".join(said) or None


def _name(cur, kind: str, key: dict, row: dict | None) -> str:
    if kind == "commentary":
        label = cur.execute("SELECT label FROM periods WHERE period_key = ?", [key["period_key"]]).fetchone()
        return f"commentary on {key['indicator_code']} {label[0] if label else key['period_key']}"
    if kind == "action":
        return f"action {key['action_id']}" + (f" ({row['description'][:60]})" if row else "")
    if kind in DEFINITIONS:
        return f"{KINDS[kind][0]} {key[DEFINITIONS[kind]]}"
    return f"risk {row['code'] if row else key['risk_id']}"


def _standing_on(cur, kind: str, key: dict, upload_id: int, removed: set) -> str | None:
    """What stands on a definition this upload added, leaving out what the same undo removes; None if nothing."""
    rows = run(cur, "upload_item_in_use", kind=kind, code=key[DEFINITIONS[kind]], upload_id=upload_id).fetchall()
    left = [(what, code) for what, code in rows if (what, code) not in removed]
    if not left:
        return None
    if left[0][0] == "value":
        return f"{_name(cur, kind, key, None)} (other uploads' figures for it)"
    names = sorted({code for _, code in left})
    return f"{_name(cur, kind, key, None)} ({', '.join(names[:5])}{' …' if len(names) > 5 else ''} under it)"


def _walk(cur, upload_id: int, act: bool) -> ItemsUndo:
    """Go over the upload's items, last written first, sorting each into what goes, what comes back and what
    stays; with `act`, put each back on the undo's cursor as it goes."""
    out, removed = ItemsUndo(), set()
    for kind, key, old, unchanged, now in list(_items(cur, upload_id)):
        if not unchanged:
            out.kept.append(_name(cur, kind, key, now))
            continue
        added = kind in DEFINITIONS and old is None  # a definition the upload brought: goes unless stood on
        if added and (why := _standing_on(cur, kind, key, upload_id, removed)):
            out.in_use.append(why)
            continue
        if act:
            _restore(cur, kind, key, old, now)
        if added:
            removed.add((kind, key[DEFINITIONS[kind]]))
        counts = out.restores if old else out.removes
        counts[kind] = counts.get(kind, 0) + 1
    return out


def _items(cur, upload_id: int):
    for _, kind, item_key, old_row, new_row in run(cur, "upload_items", upload_id=upload_id).fetchall():
        key = json.loads(item_key)
        now = snapshot(cur, kind, key)
        yield kind, key, (json.loads(old_row) if old_row else None), _text(now) == new_row, now


def plan(cur, upload_id: int) -> ItemsUndo:
    """What undoing `upload_id` would do to the words and definitions it brought."""
    return _walk(cur, upload_id, act=False)


def _restore(cur, kind: str, key: dict, old: dict | None, now: dict) -> None:
    """Put one item back as `old` (remove it when None); `now` is the row as held, as the upload left it."""
    row = dict(old or {})
    if kind in DEFINITIONS:  # every column the table has now, a column added since the upload left empty
        frame = pd.DataFrame([{c: row.get(c) for c in now}] if old else [], columns=list(now))
        run(cur, f"upload_item_restore_{kind}", frames={"old_row": frame}, **key)
    elif kind == "commentary":
        run(
            cur,
            "upload_item_restore_commentary",
            existed=old is not None,
            **key,
            **{k: row.get(k) for k in ("text", "author", "updated_at")},
        )
    elif kind == "action":
        run(
            cur,
            "upload_item_restore_action",
            existed=old is not None,
            **key,
            **{
                k: row.get(k)
                for k in (
                    "plan_code",
                    "priority_code",
                    "indicator_code",
                    "description",
                    "owner",
                    "start_date",
                    "due_date",
                    "status",
                    "source",
                )
            },
        )
    else:
        assessment = json.loads(row["assessment"]) if row.get("assessment") else None
        run(
            cur,
            "upload_item_restore_risk",
            existed=old is not None,
            **key,
            links=list(row.get("links") or []),
            a_existed=assessment is not None,
            **{f"a_{k}": (assessment or {}).get(k) for k in ("likelihood", "impact", "score", "status")},
            **{
                k: row.get(k)
                for k in (
                    "code",
                    "kind",
                    "risk",
                    "mitigation",
                    "owner",
                    "likelihood",
                    "impact",
                    "score",
                    "status",
                    "review_date",
                    "source",
                    "updated_at",
                )
            },
        )


def undo(cur, upload_id: int) -> ItemsUndo:
    """Put back what the upload replaced besides its figures, on the undo's transaction cursor (after its
    figures are undone); returns what was done."""
    return _walk(cur, upload_id, act=True)
