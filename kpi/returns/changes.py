"""From a read return to a change set (new / changed / unchanged), and the one write of it.

Nothing is written unless the whole return is valid; the write is one transaction that
records what each value replaced, so an upload can be undone exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

import pandas as pd

from kpi import audit
from kpi.commentary import write_commentary_rows
from kpi.errors import UserError
from kpi.returns.parsed import IndicatorRow, Parsed, Problem
from kpi.store import Store, run
from kpi.upload_items import ItemHistory

OBS_COLUMNS = ["indicator_code", "period_key", "area_code", "measure", "value", "text", "status", "note", "where"]


class PreviewOutdated(UserError):
    """The figures changed between the preview and the confirmation: nothing was written."""

    def __init__(self):
        super().__init__(
            "The figures changed after this preview was made (another upload or edit), so nothing "
            "was written. Check the new preview, then confirm again."
        )


@dataclass
class ChangeSet:
    """Exactly what a return will write, compared with the store at `data_version`.

    It is what the officer previews and what apply_changes writes; the read return (`parsed`)
    is never altered: indicators with stored fields filled in are copies in `indicators`.
    """

    parsed: Parsed
    rows: pd.DataFrame  # incoming values with change = new / changed / unchanged
    periods: pd.DataFrame
    definitions: dict[str, int] = field(default_factory=dict)  # new / changed indicators, priorities, plans
    sort_orders: dict[str, int] = field(default_factory=dict)  # indicator code -> place in its list
    definition_log: list[dict] = field(default_factory=list)  # changed indicator fields, old -> new
    indicators: list[IndicatorRow] = field(default_factory=list)  # the definitions to write
    problems: list[Problem] = field(default_factory=list)  # found while comparing (a value given twice)
    data_version: int | None = None  # the store's version this was compared with

    @cached_property
    def new(self) -> pd.DataFrame:
        return self.rows[self.rows["change"] == "new"]

    @cached_property
    def changed(self) -> pd.DataFrame:
        return self.rows[self.rows["change"] == "changed"]

    @cached_property
    def unchanged_count(self) -> int:
        return int((self.rows["change"] == "unchanged").sum())

    @property
    def has_changes(self) -> bool:
        """Values or definitions change; commentary and actions are compared as they are written."""
        return len(self.new) + len(self.changed) > 0 or any(self.definitions.values())

    @cached_property
    def period_labels(self) -> dict[str, str]:
        """period_key -> the label as the return wrote it, for previews."""
        return dict(zip(self.periods["period_key"], self.periods["label"]))

    @property
    def may_change(self) -> bool:
        return self.has_changes or bool(self.parsed.commentary or self.parsed.actions or self.parsed.risks)

    def summary(self) -> str:
        defs = ", ".join(f"{n} {k}" for k, n in self.definitions.items() if n)
        notes = (
            f"; {len(self.parsed.commentary)} commentary, {len(self.parsed.actions)} actions read"
            if self.parsed.commentary or self.parsed.actions
            else ""
        )
        notes += f"; {len(self.parsed.risks)} risks read" if self.parsed.risks else ""
        text = (
            f"{len(self.new)} new, {len(self.changed)} changed, {self.unchanged_count} unchanged values"
            f"{'; ' + defs if defs else ''}{notes}; {len(self.parsed.warnings)} warnings"
        )
        return text


def _incoming_frame(parsed: Parsed) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """One row per value key; the same key twice with different values is a problem."""
    seen: dict[tuple, tuple] = {}
    problems: list[Problem] = []
    records, periods = [], {}
    keys: dict[int, str] = {}  # Period.key by object: readers share one Period per label
    for obs in parsed.observations:
        if obs.value is None and obs.text is None and obs.note is None:
            continue  # an empty cell means "no figure given", never "delete"
        period_key = keys.get(id(obs.period))
        if period_key is None:
            period_key = keys[id(obs.period)] = obs.period.key
            periods[period_key] = obs.period
        key = (obs.indicator, period_key, obs.area, obs.measure)
        payload = (obs.value, obs.text)
        if key in seen:
            first_payload, first_where = seen[key]
            if first_payload != payload:
                problems.append(
                    Problem(
                        obs.where,
                        f"{obs.indicator} {obs.period.label} {obs.measure} is given twice with "
                        f"different values (also at {first_where}).",
                        "Keep one of the two.",
                    )
                )
            continue
        seen[key] = (payload, obs.where)
        records.append(
            (obs.indicator, period_key, obs.area, obs.measure, obs.value, obs.text, obs.status, obs.note, obs.where)
        )
    frame = pd.DataFrame.from_records(records, columns=OBS_COLUMNS)
    frame = frame.astype({"value": "float64"})
    period_frame = pd.DataFrame(
        [(p.key, p.label, p.start, p.end, p.type) for p in periods.values()],
        columns=["period_key", "label", "start_date", "end_date", "period_type"],
    )
    return frame, period_frame, problems


_OPTIONAL = (
    ("tolerance", "tolerance"),
    ("floor", "floor"),
    ("owner", "owner"),
    ("plan", "plan_code"),
    ("description", "description"),
    ("source", "source"),
    ("dfe_measure", "dfe_measure"),
)
_COMPARED = (
    ("title", "title"),
    ("polarity", "polarity"),
    ("unit", "unit"),
    ("frequency", "frequency"),
    ("decimals", "decimals"),
    ("priority", "priority_code"),
) + _OPTIONAL


def _same(a, b) -> bool:
    blank_a = a is None or a == "" or (isinstance(a, float) and pd.isna(a))
    blank_b = b is None or (not isinstance(b, str) and pd.isna(b))
    return (blank_a and blank_b) or (not blank_a and not blank_b and a == b)


def _definition_changes(
    store: Store, parsed: Parsed
) -> tuple[dict[str, int], dict[str, int], list[dict], list[IndicatorRow]]:
    """Count new / changed indicators. A blank optional field keeps the stored one (a filled-in copy)."""
    log: list[dict] = []  # every changed field, old -> new, for the audit log
    if not parsed.indicators:
        return {"new indicators": 0, "changed indicators": 0}, {}, log, []
    existing = store.query("indicator_definitions").set_index("code")
    orders = {code: int(n) for code, n in existing["sort_order"].items()}
    next_order = max(orders.values(), default=0)
    new = changed = 0
    written: list[IndicatorRow] = []
    for ind in parsed.indicators:
        if ind.code not in existing.index:
            written.append(ind)
            new += 1
            log.append({"indicator": ind.code, "field": "new indicator", "old": None, "new": ind.title})
            next_order += 1
            orders[ind.code] = next_order
            continue
        old = existing.loc[ind.code]
        kept = {
            f: (old[c].item() if hasattr(old[c], "item") else old[c])
            for f, c in _OPTIONAL
            if getattr(ind, f) in (None, "") and not _same(None, old[c])
        }
        ind = replace(ind, **kept) if kept else ind
        written.append(ind)
        differences = [
            {"indicator": ind.code, "field": f, "old": _plain(old[c]), "new": _plain(getattr(ind, f))}
            for f, c in _COMPARED
            if not _same(getattr(ind, f), old[c])
        ]
        if differences:
            changed += 1
            log.extend(differences)
    return {"new indicators": new, "changed indicators": changed}, orders, log, written


def _plain(value):
    """A value fit for the audit log's JSON."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def plan_changes(store: Store, parsed: Parsed) -> ChangeSet:
    """Compare a valid return with the store; `parsed` is left as it was read.

    A value given twice with different figures is a problem of the change set (`problems`).
    """
    version = store.data_version()
    frame, period_frame, problems = _incoming_frame(parsed)
    compared = store.query("compare_return", frames={"incoming": frame})
    counts, orders, log, indicators = _definition_changes(store, parsed)
    return ChangeSet(parsed, compared, period_frame, counts, orders, log, indicators, problems, version)


def _indicator_frame(indicators: list[IndicatorRow], orders: dict[str, int]) -> pd.DataFrame:
    rows = [
        {
            "code": i.code,
            "title": i.title,
            "priority_code": i.priority,
            "plan_code": i.plan,
            "polarity": i.polarity,
            "unit": i.unit,
            "frequency": i.frequency,
            "decimals": i.decimals,
            "tolerance": i.tolerance,
            "floor": i.floor,
            "owner": i.owner,
            "description": i.description,
            "source": i.source,
            "dfe_measure": i.dfe_measure,
            "sort_order": orders.get(i.code, n),
        }
        for n, i in enumerate(indicators, start=1)
    ]
    frame = pd.DataFrame(rows)
    return frame.astype({"tolerance": "float64", "floor": "float64", "decimals": "int32", "sort_order": "int32"})


def _write_definitions(cur, changes: ChangeSet, history: ItemHistory) -> None:
    """Write the return's plans, priorities and indicator definitions, each one's before and after kept in
    `history` for the upload's undo (only those it changes are recorded): one query per kind before and one
    after, however many the return defines."""
    parsed = changes.parsed
    codes = {
        "plan": [p["code"] for p in parsed.plans],
        "priority": [p["code"] for p in parsed.priorities],
        "indicator": [i.code for i in changes.indicators],
    }
    before = {kind: history.definitions(kind, held) for kind, held in codes.items()}
    for plan in parsed.plans:
        cur.execute(
            "INSERT INTO plans VALUES ($code, $title, $area, $org, $desc) ON CONFLICT (plan_code) DO UPDATE SET "
            "title = excluded.title, area_code = excluded.area_code, organisation = excluded.organisation, "
            "description = excluded.description",
            {
                "code": plan["code"],
                "title": plan["title"],
                "area": plan["area"],
                "org": plan.get("organisation"),
                "desc": plan.get("description"),
            },
        )
    for n, pr in enumerate(parsed.priorities, start=1):
        order = int(float(pr["order"])) if pr.get("order") else n
        cur.execute(
            "INSERT INTO priorities VALUES ($code, $plan, $title, $desc, $order) ON CONFLICT (priority_code) "
            "DO UPDATE SET plan_code = excluded.plan_code, title = excluded.title, "
            "description = excluded.description, sort_order = excluded.sort_order",
            {
                "code": pr["code"],
                "plan": pr["plan"],
                "title": pr["title"],
                "desc": pr.get("description"),
                "order": order,
            },
        )
    made_plans, made_priorities = _create_named_priorities(cur, parsed)
    codes["plan"] += made_plans
    codes["priority"] += made_priorities
    if changes.indicators:
        run(
            cur,
            "write_indicators",
            frames={"incoming_indicators": _indicator_frame(changes.indicators, changes.sort_orders)},
        )
    for kind, held in codes.items():  # plans, then priorities, then indicators: undo goes back the other way
        history.definitions_written(kind, held, before[kind])


def _create_named_priorities(cur, parsed: Parsed) -> tuple[list[str], list[str]]:
    """Priorities (and plans) an Indicators sheet names that the store lacks: made from their names, so a
    council can start from nothing but a return. Returns the plans and priorities it made."""
    held = {r[0] for r in cur.execute("SELECT priority_code FROM priorities").fetchall()}
    plans = [r[0] for r in cur.execute("SELECT plan_code FROM plans ORDER BY plan_code").fetchall()]
    home = (cur.execute("SELECT value FROM meta WHERE key = 'home_area'").fetchall() or [["886"]])[0][0]
    made_plans, made_priorities = [], []
    for ind in parsed.indicators:
        if not ind.priority or ind.priority in held:
            continue
        plan = ind.plan or (plans[0] if len(plans) == 1 else "plan")
        if plan not in plans:
            cur.execute(
                "INSERT INTO plans (plan_code, title, area_code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [plan, ind.plan or "Performance plan", home],
            )
            made_plans.append(plan)
            plans.append(plan)
        cur.execute(
            "INSERT INTO priorities (priority_code, plan_code, title, sort_order) VALUES (?, ?, ?, ?)",
            [ind.priority, plan, ind.priority, len(held) + 1],
        )
        made_priorities.append(ind.priority)
        held.add(ind.priority)
    return made_plans, made_priorities


def apply_changes(store: Store, changes: ChangeSet, *, user: str, file_name: str, sha256: str) -> int | None:
    """Write exactly this change set in one transaction. Returns the upload id, or None when nothing changed.

    Refuses (PreviewOutdated) when anything was written since the change set was compared with the
    store, so what is written is always what the officer saw.
    """
    if changes.parsed.problems or changes.problems:
        raise ValueError("A return with problems is never written.")
    if not changes.may_change:
        return None
    try:
        return _write(store, changes, user=user, file_name=file_name, sha256=sha256)
    except _Unchanged:
        return None  # commentary and actions were already held: rolled back, nothing recorded


class _Unchanged(Exception):
    """Raised inside the transaction to roll it back when it turned out to change nothing."""


def _write(store: Store, changes: ChangeSet, *, user: str, file_name: str, sha256: str) -> int:
    rows = changes.rows
    with store.transaction() as cur:
        version = int((cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone() or ["0"])[0])
        if changes.data_version is not None and version != changes.data_version:
            raise PreviewOutdated()
        upload_id = cur.execute("SELECT nextval('upload_ids')").fetchone()[0]
        now = datetime.now().replace(microsecond=0)
        cur.execute(
            "INSERT INTO uploads (upload_id, user_name, loaded_at, file_name, sha256, layout, added, changed, "
            "unchanged, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                upload_id,
                user,
                now,
                file_name,
                sha256,
                changes.parsed.layout,
                len(changes.new),
                len(changes.changed),
                changes.unchanged_count,
                len(changes.parsed.warnings),
            ],
        )
        history = ItemHistory(cur, upload_id)  # what it changes besides figures, kept for the upload's undo
        _write_definitions(cur, changes, history)
        run(cur, "write_periods", frames={"incoming_periods": changes.periods})
        run(cur, "write_observations", frames={"incoming": rows.drop(columns=["where"])}, upload_id=upload_id)
        detail = {
            "upload_id": upload_id,
            "file": file_name,
            "added": len(changes.new),
            "changed": len(changes.changed),
            "changes": [
                {
                    "indicator": r.indicator_code,
                    "period": r.period_key,
                    "area": r.area_code,
                    "measure": r.measure,
                    "old": _shown(r.old_value, r.old_text),
                    "new": _shown(r.value, r.text),
                }
                for r in changes.changed.itertuples()
            ][:500],
            "indicator_changes": changes.definition_log[:500],
            # the row lists at most 500 of each; say how many it left out rather than drop them silently
            "changes_left_out": max(0, len(changes.changed) - 500) + max(0, len(changes.definition_log) - 500),
        }
        audit.record(cur, user, "upload", detail)
        parsed = changes.parsed
        if parsed.commentary or parsed.actions:
            counts = write_commentary_rows(
                cur, parsed.commentary, parsed.actions, user=user, source=file_name, history=history
            )
        else:
            counts = {}
        if parsed.risks:
            from kpi.risk_register import write_risk_rows

            counts |= write_risk_rows(cur, parsed.risks, user=user, source=file_name, history=history)
        if (
            (parsed.commentary or parsed.actions or parsed.risks)
            and not changes.has_changes
            and not any(counts.values())
        ):
            raise _Unchanged()
    return int(upload_id)


def _shown(value, text):
    if text is not None and not (isinstance(text, float) and pd.isna(text)):
        return text
    return None if value is None or pd.isna(value) else float(value)
