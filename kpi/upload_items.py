"""What an upload's Commentary, Actions and Risks sheets changed, kept so that undoing the upload puts it back.

Figures have observation_history; the words that came with them have upload_item_history (migration
010): for each commentary, action or risk the upload wrote, the row as it was before (none when the
upload added it) and as the upload left it. Undo goes back over them, last written first, and puts
back each one that is still as the upload left it. One that has been changed since (edited on the
Commentary page, or by a later upload) is kept as it is now and named, so an undo never throws away
later work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from kpi.store import run

KINDS = {"commentary": ("commentary", "commentaries"), "action": ("action", "actions"), "risk": ("risk", "risks")}


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot(cur, kind: str, key: dict) -> dict | None:
    """The item as held now, as plain JSON-ready values; None when there is none."""
    result = run(cur, f"upload_item_{kind}", **key)
    row = result.fetchone()
    if row is None:
        return None
    return {d[0]: _plain(v) for d, v in zip(result.description, row)}


def _text(value) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


class ItemHistory:
    """Records, on an upload's transaction cursor, each item its sheets changed: `before` it, `written` after."""

    def __init__(self, cur, upload_id: int):
        self.cur, self.upload_id = cur, upload_id

    def before(self, kind: str, key: dict) -> dict | None:
        return snapshot(self.cur, kind, key)

    def written(self, kind: str, key: dict, old: dict | None) -> None:
        new = snapshot(self.cur, kind, key)
        if _text(new) != _text(old):
            run(
                self.cur,
                "upload_item_note",
                upload_id=self.upload_id,
                kind=kind,
                item_key=_text(key),
                old_row=_text(old),
                new_row=_text(new),
            )


@dataclass
class ItemsUndo:
    """What undoing an upload does to its words: counts by kind, and the items kept because they changed since."""

    removes: dict[str, int] = field(default_factory=dict)  # kind -> items it added, to be removed
    restores: dict[str, int] = field(default_factory=dict)  # kind -> items it changed, to be put back
    kept: list[str] = field(default_factory=list)  # "commentary on KS2-L4-EM 2013", changed since

    def listed(self, counts: dict[str, int]) -> list[str]:
        """'2 commentaries', '1 action', ... in a fixed order."""
        return [f"{counts[k]} {KINDS[k][0] if counts[k] == 1 else KINDS[k][1]}" for k in KINDS if counts.get(k)]

    def caution(self) -> str | None:
        if not self.kept:
            return None
        return (
            "Kept as they are now, because they have been changed since this upload: "
            + "; ".join(self.kept)
            + ". Change them by hand if they should go too."
        )


def _name(cur, kind: str, key: dict, row: dict | None) -> str:
    if kind == "commentary":
        label = cur.execute("SELECT label FROM periods WHERE period_key = ?", [key["period_key"]]).fetchone()
        return f"commentary on {key['indicator_code']} {label[0] if label else key['period_key']}"
    if kind == "action":
        return f"action {key['action_id']}" + (f" ({row['description'][:60]})" if row else "")
    return f"risk {row['code'] if row else key['risk_id']}"


def _items(cur, upload_id: int):
    for _, kind, item_key, old_row, new_row in run(cur, "upload_items", upload_id=upload_id).fetchall():
        key = json.loads(item_key)
        now = snapshot(cur, kind, key)
        yield kind, key, (json.loads(old_row) if old_row else None), _text(now) == new_row, now


def plan(cur, upload_id: int) -> ItemsUndo:
    """What undoing `upload_id` would do to the commentary, actions and risks it brought."""
    out = ItemsUndo()
    for kind, key, old, unchanged, now in _items(cur, upload_id):
        if not unchanged:
            out.kept.append(_name(cur, kind, key, now))
        else:
            counts = out.restores if old else out.removes
            counts[kind] = counts.get(kind, 0) + 1
    return out


def _restore(cur, kind: str, key: dict, old: dict | None) -> None:
    row = dict(old or {})
    if kind == "commentary":
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
    """Put back what the upload's sheets replaced, on the undo's transaction cursor; returns what was done."""
    done = ItemsUndo()
    for kind, key, old, unchanged, now in list(_items(cur, upload_id)):
        if not unchanged:
            done.kept.append(_name(cur, kind, key, now))
            continue
        _restore(cur, kind, key, old)
        counts = done.restores if old else done.removes
        counts[kind] = counts.get(kind, 0) + 1
    return done
