"""Targets per school (seed 000): "maintain grade 1 or 2, or improve by one grade, by a date", and each school's
rating against its target in words.

The rule itself is SQL (school_target_status in sql/queries/school_status_macro.sql), so a school's rating here,
on its page, on the causing-concern list and in the indicator that counts the schools meeting their target
(catalogue entry school_targets_met) is the same rating. An officer sets, changes or withdraws a target; each is a
new entry in the school's history, audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from kpi import audit
from kpi.errors import UserError
from kpi.model import RAG_STYLE
from kpi.schools.measures import GRADE_WORDS, long_date, rule_params, school_query
from kpi.store import Store, run

RULES = {
    "maintain_or_improve": "Maintain grade 1 or 2, or improve by one grade",
    "good": "Reach grade 1 or 2 (good or outstanding)",
}
DEFAULT_YEARS = 3  # "improve by one grade within three years" (seed 000's three-year stage)
# Each rating's word and the RAG style it is shown with (word and icon, never colour alone).
STATUS = {
    "met": ("Met", "green"),
    "on_course": ("On course", "amber"),
    "off_course": ("Off course", "red"),
    "missed": ("Missed", "red"),
    "no_baseline": ("Not rated", "no_data"),
    "no_grade": ("Not rated", "no_data"),
    "closed": ("Not rated", "no_data"),
}
RATED = ("met", "on_course", "off_course", "missed")
RULE_TEXT = (
    "A target asks for the grade the school had at its baseline date if that was 1 or 2 (good or "
    "outstanding), else one grade better; or, for 'reach grade 1 or 2', good or better. Met: an inspection "
    "since the baseline, or the school's grade at the due date, gives that grade. On course: not yet due and "
    "no inspection since the baseline has fallen short. Off course: not yet due, but an inspection since the "
    "baseline fell short. Missed: the grade at the due date falls short. Grades follow the as-at rule of "
    "every school figure. The BSF Collective Partnership Targets set the first one full year after the "
    "building works are completed and 'grades 1/2' three years after: give the completion date as the "
    "baseline and a due date one or three years later."
)


class TargetError(UserError):
    """A target that cannot be set; the message says what to change."""


def default_due(baseline) -> date:
    """The due date a new target is offered: DEFAULT_YEARS after its baseline."""
    return (pd.Timestamp(baseline) + pd.DateOffset(years=DEFAULT_YEARS)).date()


def status_label(status: str) -> str:
    """'✔ Met', '▲ On course', '✖ Missed', '– Not rated': the word and an icon that differs in shape."""
    word, rag = STATUS.get(status, ("Not rated", "no_data"))
    return f"{RAG_STYLE[rag]['icon']} {word}"


def _grade(value) -> str:
    return GRADE_WORDS.get(int(value), str(value)) if value is not None and not pd.isna(value) else "no grade"


def target_words(rule: str, due, baseline) -> str:
    """'Maintain grade 1 or 2, or improve by one grade by 31 August 2028 (baseline 1 September 2025)'."""
    return f"{RULES.get(rule, rule)} by {long_date(due)} (baseline {long_date(baseline)})"


def asks_for(required) -> str:
    return "good or better" if int(required) <= 2 else f"{_grade(required).lower()} or better"


def reason(r: dict) -> str:
    """Why the school has its rating, in words (a row of school_targets.sql)."""
    words = _reason(r)
    if r.get("judged_urn") is not None and int(r["judged_urn"]) != int(r["urn"]):
        words += f" Judged as {r['judged_name']} (URN {int(r['judged_urn'])}), which replaced it."
    return words


def _reason(r: dict) -> str:
    status, due = r["status"], long_date(r["due"])
    baseline = f"{_grade(r.get('baseline_grade'))} on {long_date(r['baseline_date'])}"
    if status == "closed":
        return f"Not rated: the school had closed by {long_date(r['judged_at'])} and no school is held as replacing it."
    if status == "no_baseline":
        return (
            f"Not rated: no Ofsted grade on the baseline date, {long_date(r['baseline_date'])}, so there is no grade "
            "to maintain or improve on. Choose a later baseline date or the rule 'reach grade 1 or 2'."
        )
    if status == "no_grade":
        return (
            "Not rated: the latest graded inspection (since September 2024) gave no overall grade."
            if r.get("not_judged")
            else "Not rated: no graded inspection is held."
        )
    need = asks_for(r["required"])
    grade, since = _grade(r["grade"]).lower(), long_date(r["graded_on"]) if not pd.isna(r.get("graded_on")) else ""
    if status == "met" and pd.Timestamp(r["as_at"]) >= pd.Timestamp(r["due"]):
        return f"Met: {grade} at the due date, {due} (inspection of {since}); the target asked for {need}."
    if status == "met":
        return (
            f"Met: judged {grade} at the inspection of {since}, after the baseline ({baseline}); the target asks "
            f"for {need} by {due}."
        )
    if status == "missed":
        return f"Missed: {grade} at the due date, {due} (inspection of {since}); the target asked for {need}."
    if status == "off_course":
        return (
            f"Off course: judged {grade} at the inspection of {since}, after the baseline ({baseline}); the "
            f"target asks for {need} by {due}."
        )
    if int(r["grade"]) <= int(r["required"]):
        return f"On course: {grade} since the inspection of {since}; the target asks for {need} by {due}."
    return f"On course: not inspected since the baseline ({baseline}); the target asks for {need} by {due}."


def target_frame(store: Store, as_at, la: str | None = None, urn: int | None = None) -> pd.DataFrame:
    """Each target in force at the date (for an LA, or one school), with `label` and `reason` in words."""
    frame = school_query(
        store,
        "school_targets",
        as_at=pd.Timestamp(as_at).date(),
        la=la,
        urn=None if urn is None else int(urn),
        **rule_params(store),
    )
    frame["label"] = frame["status"].map(status_label)
    frame["reason"] = [reason(r) for r in frame.to_dict("records")]
    frame["rating"] = [f"{label.split(' ', 1)[0]} {why}" for label, why in zip(frame["label"], frame["reason"])]
    frame["target"] = [target_words(*r) for r in zip(frame["rule"], frame["due"], frame["baseline_date"])]
    return frame


def targets_json(store: Store, la: str, as_at=None) -> list[dict]:
    """`python -m kpi school-targets`: one object per school with a target in force at the date."""
    frame = target_frame(store, as_at or date.today(), la=la)
    iso = lambda v: None if v is None or pd.isna(v) else pd.Timestamp(v).date().isoformat()
    num = lambda v: None if v is None or pd.isna(v) else int(v)
    return [
        {
            "urn": int(r["urn"]),
            "name": r["name"],
            "rule": r["rule"],
            "baseline_date": iso(r["baseline_date"]),
            "baseline_grade": num(r["baseline_grade"]),
            "due": iso(r["due"]),
            "required": num(r["required"]),
            "grade": num(r["grade"]),
            "status": r["status"],
            "rated": r["status"] in RATED,
            "reason": r["reason"],
        }
        for r in frame.to_dict("records")
    ]


@dataclass
class SchoolTarget:
    """One school's target as its page shows it: the one in force, its rating, and the history of entries."""

    current: str  # 'Maintain grade 1 or 2, or improve by one grade by 31 August 2028 (baseline ...)' or ''
    rating: str  # '▲ On course: not inspected since the baseline ...' (icon and reason), or why none
    history: pd.DataFrame  # Set at, Set by, Target, Note


def school_target(store: Store, urn: int, as_at=None) -> SchoolTarget:
    as_at = as_at or date.today()
    history = store.query("school_target_history", urn=int(urn))
    shown = pd.DataFrame(
        {
            "Set at": pd.to_datetime(history["set_at"]).dt.strftime("%d/%m/%Y %H:%M"),
            "Set by": history["set_by"],
            "Target": [
                ("Withdrawn" if w else target_words(rule, due, b))
                for rule, due, b, w in zip(
                    history["rule"], history["due"], history["baseline_date"], history["withdrawn"]
                )
            ],
            "Note": history["note"].fillna(""),
        }
    )
    frame = target_frame(store, as_at, urn=int(urn))
    if frame.empty:
        in_force = not history.empty and not history.iloc[0]["withdrawn"]
        later = in_force and pd.Timestamp(history.iloc[0]["baseline_date"]) > pd.Timestamp(as_at)
        return SchoolTarget(
            shown.iloc[0]["Target"] if in_force else "",
            "Not rated yet: the target starts at its baseline date." if later else "",
            shown,
        )
    r = frame.iloc[0]
    return SchoolTarget(r["target"], r["rating"], shown)


def _date(value, what: str) -> date:
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        raise TargetError(f'"{value}" is not a date for the {what}: write it as YYYY-MM-DD.') from None


def grade_at(store: Store, urn: int, at) -> int | None:
    frame = school_query(store, "school_grade_at", urn=int(urn), at=_date(at, "baseline"), **rule_params(store))
    return None if frame.empty or pd.isna(frame.iloc[0]["grade"]) else int(frame.iloc[0]["grade"])


def set_target(store: Store, urn, rule: str, baseline, due, note: str = "", *, user: str) -> str:
    """Set (or change) a school's target: a new entry in its history, audited. Returns a one-line summary."""
    urn = _urn(store, urn)
    rule = (rule or "").strip()
    if rule not in RULES:
        raise TargetError(f'"{rule}" is not a rule for a target. Rules: {", ".join(RULES)}.')
    baseline, due = _date(baseline, "baseline"), _date(due, "due date")
    if due <= baseline:
        raise TargetError("The due date must come after the baseline date.")
    if len(note or "") > 2000:
        raise TargetError("Keep the note under 2,000 characters.")
    grade = grade_at(store, urn, baseline)
    if rule == "maintain_or_improve" and grade is None:
        raise TargetError(
            f"URN {urn} had no Ofsted grade on {long_date(baseline)}, so there is no grade to maintain or "
            "improve on. Choose a later baseline date, or the rule 'reach grade 1 or 2'."
        )
    old = _current_words(store, urn)
    new = target_words(rule, due, baseline)
    with store.transaction() as cur:
        run(
            cur,
            "school_target_write",
            urn=urn,
            rule=rule,
            baseline=grade,
            baseline_date=baseline,
            due=due,
            note=(note or "").strip() or None,
            withdrawn=False,
            user=user,
        )
        audit.record(cur, user, "school-target", {"urn": urn, "old": old, "new": new, "note": (note or "").strip()})
    return f"URN {urn}: target set: {new}."


def withdraw_target(store: Store, urn, note: str = "", *, user: str) -> str:
    """Withdraw a school's target (a new entry: the history stays whole), audited."""
    urn = _urn(store, urn)
    history = store.query("school_target_history", urn=urn)
    if history.empty or history.iloc[0]["withdrawn"]:
        raise TargetError(f"URN {urn} has no target to withdraw.")
    last = history.iloc[0]
    old = _current_words(store, urn)
    with store.transaction() as cur:
        run(
            cur,
            "school_target_write",
            urn=urn,
            rule=last["rule"],
            baseline=None,
            baseline_date=pd.Timestamp(last["baseline_date"]).date(),
            due=pd.Timestamp(last["due"]).date(),
            note=(note or "").strip() or None,
            withdrawn=True,
            user=user,
        )
        audit.record(
            cur, user, "school-target", {"urn": urn, "old": old, "new": "withdrawn", "note": (note or "").strip()}
        )
    return f"URN {urn}: target withdrawn."


def _urn(store: Store, urn) -> int:
    try:
        urn = int(str(urn).strip())
    except ValueError:
        raise TargetError(f'"{urn}" is not a URN: a school\'s URN is five to seven digits, e.g. 118837.') from None
    if store.query("school_register", urn=urn).empty:
        raise TargetError(f"No school with URN {urn} is held.")
    return urn


def _current_words(store: Store, urn: int) -> str | None:
    history = store.query("school_target_history", urn=urn)
    if history.empty or history.iloc[0]["withdrawn"]:
        return None
    r = history.iloc[0]
    return target_words(r["rule"], r["due"], r["baseline_date"])
