"""Schools causing concern: an authority's schools listed by the rules it chooses, each with why it is listed,
its Ofsted position, the LA's own category and its target per school.

What each rule needs is worked out in SQL (sql/queries/school_concern.sql) from the same as-at rule as every
school figure; this module picks the rules the LA chose and writes the reasons. The LA's choice of rules can be
saved as its own (one setting, audited), so the page opens on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from kpi import audit
from kpi.errors import UserError
from kpi.schools.measures import CATEGORY_WORDS, GRADE_WORDS, long_date, rule_params, school_query
from kpi.schools.targets import status_label, target_frame
from kpi.schools.views import ATTRIBUTION, PHASE_LABELS
from kpi.store import Store

RULES = {
    "in_category": "In an Ofsted category (special measures or serious weaknesses)",
    "ri_or_inadequate": "Judged requires improvement or inadequate",
    "declined": "Declined at its last graded inspection",
    "below_floor": "Below the floor in its latest results (KS2 floor standard, or Progress 8 below -0.5)",
    "not_inspected": "Not inspected for more than N years",
    "target": "Its target per school missed or off course",
}
DEFAULT_YEARS = 5
SETTING_KEY = "schools_concern_rules"
DEFAULTS_TEXT = (
    f"By default every rule is on and N is {DEFAULT_YEARS} years. Grades are each school's grade by the "
    "as-at rule (its latest graded inspection published by the date; a new academy takes its "
    "predecessor's). Results are the latest held up to the date's academic year, and the reason gives "
    "their year. An inspection of any kind counts for 'not inspected', its predecessor's too."
)
COLUMNS = [
    "URN",
    "School",
    "Why listed",
    "Grade",
    "Graded inspection",
    "Ofsted category",
    "LA category",
    "Target",
    "Phase",
]


class ConcernError(UserError):
    """Rules that cannot be applied; the message says what to change."""


@dataclass
class ConcernList:
    area: str
    area_name: str
    as_at: date
    rules: list[str]
    years: int
    heading: str  # 'Kent: schools causing concern, as at 3 December 2026'
    summary: str  # '97 of 590 open schools are listed'
    counts: list[tuple[str, int]]  # each chosen rule in words, with how many schools it lists
    schools: pd.DataFrame  # COLUMNS
    la_categories: list[str] = field(default_factory=list)  # the LA's categories in use, for a filter
    records: list[dict] = field(default_factory=list)  # the command line's objects, one per school listed
    attribution: str = ATTRIBUTION


def rule_words(rule: str, years: int) -> str:
    return RULES[rule].replace("N years", f"{years} year{'s' if years != 1 else ''}")


def check_rules(rules, years) -> tuple[list[str], int]:
    unknown = set(rules or []) - set(RULES)
    if unknown:
        raise ConcernError(f'"{sorted(unknown)[0]}" is not a rule. Rules: {", ".join(RULES)}.')
    rules = [r for r in RULES if r in set(rules or [])]
    try:
        years = int(years)
    except (TypeError, ValueError):
        raise ConcernError(f'"{years}" is not a number of years: give a whole number from 1 to 30.') from None
    if not 1 <= years <= 30:
        raise ConcernError(f"{years} years is out of range: give a whole number from 1 to 30.")
    return rules, years


def saved_rules(store: Store) -> tuple[list[str], int]:
    """The LA's saved rules, else the defaults (every rule, N = 5)."""
    text = store.meta(SETTING_KEY)
    try:
        saved = json.loads(text) if text else {}
        return check_rules(saved.get("rules", list(RULES)), saved.get("years", DEFAULT_YEARS))
    except (ValueError, AttributeError, UserError):
        return list(RULES), DEFAULT_YEARS


def save_rules(store: Store, rules, years, *, user: str) -> str:
    """Save the rules as the LA's own (one setting, audited)."""
    rules, years = check_rules(rules, years)
    old = saved_rules(store)
    value = json.dumps({"rules": rules, "years": years})
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO meta VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v",
            {"k": SETTING_KEY, "v": value},
        )
        audit.record(
            cur,
            user,
            "schools-setting",
            {
                "setting": SETTING_KEY,
                "old": {"rules": old[0], "years": old[1]},
                "new": {"rules": rules, "years": years},
            },
        )
    return (
        f"Saved: schools causing concern are listed by {len(rules)} rule{'s' if len(rules) != 1 else ''}, N = {years}."
    )


def _year(y) -> str:
    y = int(y)
    return f"{y - 1}/{str(y)[2:]}"


def _why(r: dict, rules: list[str], years: int) -> list[tuple[str, str]]:
    """(rule, reason in words) for each chosen rule the school meets."""
    out = []
    grade = GRADE_WORDS.get(int(r["grade"])) if not pd.isna(r["grade"]) else None
    on = f" (inspection of {long_date(r['graded_on'])})" if not pd.isna(r["graded_on"]) else ""
    if "in_category" in rules and r["in_category"]:
        out.append(
            (
                "in_category",
                f"{CATEGORY_WORDS.get(r['category'], r['category'])} at the inspection of {long_date(r['inspected'])}",
            )
        )
    if "ri_or_inadequate" in rules and r["ri_or_inadequate"]:
        out.append(("ri_or_inadequate", f"{grade}{on}"))
    if "declined" in rules and r["declined"]:
        out.append(("declined", f"Declined from {GRADE_WORDS[int(r['prev_grade'])].lower()} to {grade.lower()}{on}"))
    if "below_floor" in rules and r["below_floor"]:
        if not pd.isna(r["rwm_expected"]) and r["phase"] != "secondary":
            out.append(
                (
                    "below_floor",
                    f"Below the KS2 floor standard in {_year(r['results_year_held'])} "
                    f"({r['rwm_expected']:.0f}% meeting the expected standard)",
                )
            )
        else:
            out.append(
                (
                    "below_floor",
                    f"Progress 8 of {r['progress8_held']:+.2f} in {_year(r['results_year_held'])}, below -0.5",
                )
            )
    if "not_inspected" in rules and r["not_inspected"]:
        if pd.isna(r["last_inspected"]):
            since = f" since it opened on {long_date(r['open_date'])}" if not pd.isna(r["open_date"]) else ""
            out.append(("not_inspected", f"No inspection held{since}"))
        else:
            who = " (as its predecessor)" if r["last_as_predecessor"] else ""
            out.append(
                (
                    "not_inspected",
                    f"Last inspected{who} {long_date(r['last_inspected'])}, more than {years} "
                    f"year{'s' if years != 1 else ''} before",
                )
            )
    if "target" in rules and r["target"]:
        out.append(("target", r["target_reason"]))
    return out


def concern_list(store: Store, area: str, as_at=None, rules=None, years=None) -> ConcernList:
    """The LA's schools causing concern at the date by the chosen rules (the saved ones when none are given)."""
    saved = saved_rules(store)
    rules, years = check_rules(saved[0] if rules is None else rules, saved[1] if years is None else years)
    as_at = pd.Timestamp(as_at or date.today()).date()
    named = store.query("school_area_name", area=str(area))
    area_name = named.iloc[0]["name"] if not named.empty else str(area)
    frame = school_query(store, "school_concern", la=str(area), as_at=as_at, years=years, **rule_params(store))
    if frame.empty:
        raise ConcernError(
            f"No school data for {area_name} as at {long_date(as_at)}. An administrator imports school "
            "data on the Import school data page."
        )
    targets = target_frame(store, as_at, la=str(area)).set_index("judged_urn")
    frame["target_status"] = frame["urn"].map(targets["status"])
    frame["target_reason"] = frame["urn"].map(targets["reason"])
    frame["target"] = frame["target_status"].isin(["missed", "off_course"])
    why = [_why(r, rules, years) for r in frame.to_dict("records")]
    frame["why"] = ["; ".join(text for _, text in w) for w in why]
    frame["n"] = [len(w) for w in why]
    frame["rules_met"] = [[k for k, _ in w] for w in why]
    listed = frame[frame["n"] > 0].sort_values(["n", "name"], ascending=[False, True])
    text = lambda v: v if isinstance(v, str) else None
    records = [
        {
            "urn": int(r["urn"]),
            "name": r["name"],
            "phase": r["phase"],
            "grade": None if pd.isna(r["grade"]) else int(r["grade"]),
            "category": text(r["category"]),
            "la_category": text(r["la_category"]),
            "target": text(r["target_status"]),
            "rules": r["rules_met"],
            "why": r["why"],
        }
        for r in listed.to_dict("records")
    ]
    counts = [(rule_words(rule, years), sum(any(k == rule for k, _ in w) for w in why)) for rule in rules]
    la_cat = [
        f"{c} (from {long_date(e)})" if isinstance(c, str) else ""
        for c, e in zip(listed["la_category"], listed["la_effective"])
    ]
    schools = pd.DataFrame(
        {
            "URN": listed["urn"].astype(int),
            "School": listed["name"],
            "Phase": listed["phase"].map(PHASE_LABELS).fillna("Other"),
            "Grade": [
                GRADE_WORDS.get(int(g)) if not pd.isna(g) else ("Not judged (since Sep 2024)" if nj else "No grade")
                for g, nj in zip(listed["grade"], listed["not_judged"])
            ],
            "Graded inspection": pd.to_datetime(listed["graded_on"]).dt.date,
            "Ofsted category": listed["category"].map(CATEGORY_WORDS).fillna(""),
            "LA category": la_cat,
            "Target": [status_label(s) if isinstance(s, str) else "" for s in listed["target_status"]],
            "Why listed": listed["why"],
        }
    )[COLUMNS].reset_index(drop=True)
    return ConcernList(
        area=str(area),
        area_name=area_name,
        as_at=as_at,
        rules=rules,
        years=years,
        heading=f"{area_name}: schools causing concern, as at {long_date(as_at)}",
        summary=(
            f"{len(schools)} of {len(frame)} open schools are listed by "
            f"{len(rules)} rule{'s' if len(rules) != 1 else ''}"
            if rules
            else "No rule is chosen, so no school is listed: choose at least one rule."
        ),
        counts=counts,
        schools=schools,
        la_categories=sorted({c for c in frame["la_category"] if isinstance(c, str)}),
        records=records,
    )


def filter_concern(schools: pd.DataFrame, la_categories=(), text: str = "") -> pd.DataFrame:
    """The list narrowed by the page's filters (the LA's category, a name or URN)."""
    out = schools
    if la_categories:
        out = out[out["LA category"].str.split(" \\(from ", regex=True).str[0].isin(la_categories)]
    if text and text.strip():
        t = text.strip().lower()
        out = out[out["School"].str.lower().str.contains(t, regex=False) | out["URN"].astype(str).str.contains(t)]
    return out


def concern_json(store: Store, area: str, as_at=None, rules=None, years=None) -> list[dict]:
    """`python -m kpi schools-concern`: one object per school listed, with the rules it meets and why."""
    return concern_list(store, area, as_at, rules, years).records
