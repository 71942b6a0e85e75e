"""What the school pages show, decided here: the list behind a figure, what changed, a school's record.

Pages lay these out; every word and figure is made here (or in measures/catalogue), so the
command line, the pages and the board pack agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from kpi import audit
from kpi.errors import UserError
from kpi.formatting import format_value
from kpi.schools.catalogue import PHASE_WORDS, Link, parse_link
from kpi.schools.measures import CATEGORY_WORDS, GRADE_WORDS, long_date, not_judged_mode, school_frame
from kpi.store import Store

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0: "
    "Ofsted inspection outcomes and DfE school information and performance tables, © Crown copyright."
)
PHASE_LABELS = {
    "primary": "Primary",
    "secondary": "Secondary",
    "special": "Special",
    "pru": "PRU",
    "nursery": "Nursery",
    "other": "Other",
}
LIST_COLUMNS = [
    "URN",
    "School",
    "Phase",
    "Type",
    "Grade",
    "Inspected",
    "Published",
    "Category",
    "Counted",
    "In denominator",
]


class SchoolsError(UserError):
    """A school or figure that cannot be shown; the message says why and what to do."""


@dataclass
class FigureSchools:
    """The list behind one school-based figure."""

    title: str
    definition: str
    area: str
    area_name: str
    as_at: date
    heading: str  # 'Kent: Schools judged good or outstanding (primary schools), as at 31 March 2016'
    value: str  # '84.8%'
    fraction: str  # '347 of 409 primary schools with a grade are counted'
    not_judged: str  # 'Not judged since Sep 2024: 62 schools, left out of the denominator' or ''
    rule: str  # how 'Not judged' counts, in words
    schools: pd.DataFrame  # LIST_COLUMNS, one row per school
    changes: pd.DataFrame  # URN, School, Change, Before, Now
    previous: str  # 'since 31 December 2015' or ''
    attribution: str = ATTRIBUTION
    link: Link | None = field(default=None, repr=False)


def iso_days(values: pd.Series) -> pd.Series:
    """Dates as '2013-10-02' text, blank where there is none: a table then sorts them in order and never
    shows a missing date as "None" (Streamlit's table writes a missing value so)."""
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("")


def _display(frame: pd.DataFrame) -> pd.DataFrame:
    shown = pd.DataFrame(
        {
            "URN": frame["urn"].astype(int),
            "School": frame["name"],
            "Phase": frame["phase"].map(PHASE_LABELS).fillna("Other"),
            "Type": frame["school_type"].fillna(""),
            "Grade": frame["grade_words"].fillna("Not yet inspected"),
            "Inspected": iso_days(frame["inspected"]),
            "Published": iso_days(frame["published"]),
            "Category": frame["category_words"].fillna(""),
            "Counted": frame["counted"].map({True: "Yes", False: "No"}),
            "In denominator": frame["in_denominator"].map({True: "Yes", False: "No"}),
        }
    )
    if "label" in frame:  # the list behind the count of schools meeting their target: its rating first
        shown.insert(2, "Rating", frame["label"])
        shown.insert(3, "Why", frame["reason"])
        shown.insert(4, "Target", frame["target"])
    return shown


def changes_between(before: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Schools that entered or left a category, improved, declined, were newly inspected, opened or closed."""
    a = before.set_index("urn")
    b = now.set_index("urn")
    rows = []
    for urn in sorted(set(a.index) | set(b.index)):
        old = a.loc[urn] if urn in a.index else None
        new = b.loc[urn] if urn in b.index else None
        name = (new if new is not None else old)["name"]
        grade = lambda r: None if r is None or pd.isna(r["grade"]) else int(r["grade"])
        words = lambda r: (
            "—" if r is None else (r["grade_words"] if isinstance(r["grade_words"], str) else "Not yet inspected")
        )
        if old is None:
            rows.append((urn, name, "Opened (or converted)", "—", words(new)))
            continue
        if new is None:
            rows.append((urn, name, "Closed (or converted)", words(old), "—"))
            continue
        had, has = isinstance(old["category"], str), isinstance(new["category"], str)
        if has and not had:
            rows.append((urn, name, "Entered a category", words(old), new["category_words"]))
        elif had and not has:
            rows.append((urn, name, "Left a category", old["category_words"], words(new)))
        g0, g1 = grade(old), grade(new)
        if g0 is not None and g1 is not None and g1 != g0:
            rows.append((urn, name, "Improved" if g1 < g0 else "Declined", words(old), words(new)))
        elif pd.notna(new["inspected"]) and (pd.isna(old["inspected"]) or new["inspected"] != old["inspected"]):
            rows.append((urn, name, "Newly inspected", words(old), words(new)))
    return pd.DataFrame(rows, columns=["URN", "School", "Change", "Before", "Now"])


def figure_schools(store: Store, area: str, spec: str, as_at, previous=None) -> FigureSchools:
    """The list behind a figure: every school of the LA in the measure's population, and what changed."""
    link = parse_link(spec)
    named = store.query("school_area_name", area=str(area))
    area_name = named.iloc[0]["name"] if not named.empty else str(area)
    frame = school_frame(store, area, as_at, link)
    if frame.empty and link.measure.source == "targets":
        raise SchoolsError(
            f"No school in {area_name} has a target per school in force on {long_date(as_at)}. An "
            "officer sets a school's target on its School page."
        )
    if frame.empty:
        raise SchoolsError(
            f"No school data for {area_name} as at {long_date(as_at)}. An administrator imports "
            "school data on the Import school data page."
        )
    counted, denominator = int(frame["counted"].sum()), int(frame["in_denominator"].sum())
    m = link.measure
    who = PHASE_WORDS[link.phase]
    if link.base == "in_category":
        value = format_value(counted, "count", 0)
        fraction = f"{counted} of {denominator} open {who} are counted"
    elif m.source == "targets":
        value = format_value(counted, "count", 0)
        fraction = f"{counted} of {denominator} schools with a target that can be judged are meeting it" + (
            f"; {len(frame) - denominator} not rated" if len(frame) > denominator else ""
        )
    elif link.base in ("ks2_expected", "ks4_attainment8"):
        pupils = frame.loc[frame["in_denominator"], "ks2_pupils" if link.base == "ks2_expected" else "ks4_pupils"]
        scores = frame.loc[frame["in_denominator"], "rwm_expected" if link.base == "ks2_expected" else "attainment8"]
        total = float(pupils.sum())
        value = format_value((scores * pupils).sum() / total if total else None, m.unit, m.decimals)
        fraction = f"{denominator} {who} with results, {int(total):,} pupils"
    else:
        value = format_value(100.0 * counted / denominator if denominator else None, "%", m.decimals)
        fraction = f"{counted} of {denominator} {who} are counted"
    not_judged = int((frame["not_judged"].fillna(False) & frame["open_at"]).sum()) if m.source == "inspections" else 0
    mode = not_judged_mode(store)
    changes = pd.DataFrame(columns=["URN", "School", "Change", "Before", "Now"])
    if previous is not None and not pd.isna(previous):
        changes = changes_between(school_frame(store, area, previous, link), frame)
    from kpi.schools.catalogue import NOT_JUDGED_MODES

    return FigureSchools(
        title=link.title,
        definition=m.definition,
        area=str(area),
        area_name=area_name,
        as_at=pd.Timestamp(as_at).date(),
        heading=f"{area_name}: {link.title}, as at {long_date(as_at)}",
        value=value,
        fraction=fraction,
        not_judged=(
            f"Not judged since Sep 2024: {not_judged} school{'s' if not_judged != 1 else ''}, "
            + ("left out of the denominator" if mode == "exclude" else "counted on their previous grade")
        )
        if not_judged
        else "",
        rule=NOT_JUDGED_MODES[mode] if m.source == "inspections" else "",
        schools=_display(frame),
        changes=changes,
        previous=f"since {long_date(previous)}" if previous is not None and not pd.isna(previous) else "",
        link=link,
    )


def filter_schools(
    schools: pd.DataFrame, phases=(), grades=(), counted_only: bool = False, text: str = ""
) -> pd.DataFrame:
    """The list narrowed by the page's filters (phase, grade, counted, a name or URN)."""
    out = schools
    if phases:
        out = out[out["Phase"].isin(phases)]
    if grades:
        out = out[out["Grade"].isin(grades)]
    if counted_only:
        out = out[out["Counted"] == "Yes"]
    if text and text.strip():
        t = text.strip().lower()
        out = out[out["School"].str.lower().str.contains(t, regex=False) | out["URN"].astype(str).str.contains(t)]
    return out


def indicator_figure(series: pd.DataFrame, code: str, period: str | None = None) -> tuple[str, str, date, date | None]:
    """(area, school measure, as at, previous period's end) for an indicator computed from schools."""
    rows = series[(series["code"].str.lower() == str(code).lower()) & series["period"].notna()]
    if rows.empty or not isinstance(rows.iloc[0].get("school_measure"), str):
        raise SchoolsError(f'"{code}" is not computed from schools, so there is no list of schools behind it.')
    with_figures = rows[rows["actual"].notna()]
    if period:
        chosen = rows[rows["period"] == period]
        if chosen.empty:
            raise SchoolsError(f'{code} has no period "{period}".')
        row = chosen.iloc[0]
    else:
        row = (with_figures if not with_figures.empty else rows).iloc[-1]
    earlier = rows[rows["end_date"] < row["end_date"]]
    previous = earlier.iloc[-1]["end_date"] if not earlier.empty else None
    return (
        str(row["area_code"]),
        row["school_measure"],
        pd.Timestamp(row["end_date"]).date(),
        pd.Timestamp(previous).date() if previous is not None else None,
    )


@dataclass
class SchoolRecord:
    urn: int
    name: str
    register: list[tuple[str, str]]
    inspections: pd.DataFrame  # Start, Published, Inspection, Grade, Category, Outcome
    results: pd.DataFrame  # Academic year, stage columns
    categories: pd.DataFrame  # the LA's categorisation history: Effective, Category, Note, Set by, Set at
    chart_data: pd.DataFrame  # date, grade (1-4), label, kind (graded inspections only)
    attribution: str = ATTRIBUTION


def school_record(store: Store, urn) -> SchoolRecord:
    try:
        urn = int(str(urn).strip())
    except ValueError:
        raise SchoolsError(f'"{urn}" is not a URN: a school\'s URN is five to seven digits, e.g. 118837.') from None
    reg = store.query("school_register", urn=urn)
    events = store.query("school_events", urn=urn)
    if reg.empty and events.empty:
        raise SchoolsError(
            f"No school with URN {urn} is held. An administrator imports school data on the Import school data page."
        )
    r = reg.iloc[0].to_dict() if not reg.empty else {"name": f"School {urn}"}
    text = lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
    day = lambda v: "" if v is None or pd.isna(v) else long_date(v)
    register = [
        ("URN", str(urn)),
        ("LAESTAB", text(r.get("laestab"))),
        ("Local authority", text(r.get("la_name")) + (f" ({r['la_code']})" if text(r.get("la_code")) else "")),
        ("Phase", PHASE_LABELS.get(text(r.get("phase")), text(r.get("phase")))),
        ("Type", text(r.get("school_type"))),
        (
            "Maintained or academy",
            text(r.get("governance")) + (f", {r['academy_kind']}" if text(r.get("academy_kind")) else ""),
        ),
        ("Trust", text(r.get("trust"))),
        ("Opened", day(r.get("open_date"))),
        ("Closed", day(r.get("close_date"))),
        ("Pupils", f"{int(r['pupils']):,}" if r.get("pupils") is not None and not pd.isna(r.get("pupils")) else ""),
        (
            "Replaced",
            f"URN {int(r['predecessor_urn'])}"
            if r.get("predecessor_urn") is not None and not pd.isna(r.get("predecessor_urn"))
            else "",
        ),
        ("Replaced by", text(r.get("successors"))),
    ]
    register = [(k, v) for k, v in register if v]
    inspections = pd.DataFrame(
        {
            "Start": iso_days(events["start_date"]),
            "Published": iso_days(events["published"]),
            "Inspection": [
                ("Graded" if g else "Ungraded") + (f" ({t})" if isinstance(t, str) else "")
                for g, t in zip(events["graded"], events["inspection_type"])
            ],
            "Grade": [
                ("Not judged (since Sep 2024)" if nj else GRADE_WORDS.get(int(o)) if not pd.isna(o) else "")
                for o, nj in zip(events["overall"], events["not_judged"])
            ],
            "Category": events["category"].map(CATEGORY_WORDS).fillna(""),
            "Outcome": events["outcome"].fillna(""),
            "School inspected": [("this school" if u == urn else f"predecessor, URN {int(u)}") for u in events["urn"]],
        }
    )
    graded = events[events["graded"] & events["overall"].notna()]
    chart = pd.DataFrame(
        {
            "date": pd.to_datetime(graded["start_date"]),
            "grade": graded["overall"].astype(int),
            "label": graded["overall"].map(lambda g: GRADE_WORDS[int(g)]),
        }
    )
    results = store.query("school_results_by_year", urn=urn)
    results = pd.DataFrame(
        {
            "Academic year": [f"{y - 1}/{str(y)[2:]}" for y in results["year_end"]],
            "Stage": results["stage"].str.upper(),
            "Pupils": results["pupils"],
            "Reading, writing and maths: % meeting expected standard": results["rwm_expected"],
            "Reading progress": results["reading_progress"],
            "Writing progress": results["writing_progress"],
            "Maths progress": results["maths_progress"],
            "Attainment 8": results["attainment8"],
            "Progress 8": results["progress8"],
            "English and maths grade 5+ (%)": results["eng_maths_5"],
        }
    ).dropna(axis=1, how="all")
    return SchoolRecord(
        urn=urn,
        name=str(r.get("name")),
        register=register,
        inspections=inspections,
        results=results,
        categories=la_categories(store, urn),
        chart_data=chart,
    )


def la_categories(store: Store, urn: int) -> pd.DataFrame:
    frame = store.query("school_la_category_history", urn=int(urn))
    return pd.DataFrame(
        {
            "Effective": pd.to_datetime(frame["effective"]).dt.date,
            "Category": frame["category"],
            "Note": frame["note"].fillna(""),
            "Set by": frame["set_by"],
            "Set at": pd.to_datetime(frame["set_at"]).dt.strftime("%d/%m/%Y %H:%M"),
        }
    )


def set_la_category(store: Store, urn: int, category: str, note: str, effective, *, user: str) -> str:
    """The LA's own categorisation of a school: a new entry (history is kept), audited."""
    category = (category or "").strip()
    if not category:
        raise SchoolsError("Give the category (for instance the LA's category 1 to 4, or 'Causing concern').")
    if len(category) > 80 or len(note or "") > 2000:
        raise SchoolsError("Keep the category under 80 characters and the note under 2,000.")
    if store.query("school_register", urn=int(urn)).empty:
        raise SchoolsError(f"No school with URN {urn} is held.")
    history = store.query("school_la_category_history", urn=int(urn))
    old = history.iloc[0]["category"] if not history.empty else None
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO school_la_categories (urn, category, note, effective, set_by, set_at) "
            "VALUES ($u, $c, $n, $e, $by, current_localtimestamp())",
            {
                "u": int(urn),
                "c": category,
                "n": (note or "").strip() or None,
                "e": pd.Timestamp(effective).date(),
                "by": user,
            },
        )
        audit.record(
            cur,
            user,
            "school-category",
            {
                "urn": int(urn),
                "old": old,
                "new": category,
                "effective": str(pd.Timestamp(effective).date()),
                "note": (note or "").strip(),
            },
        )
    return f"URN {urn}: the LA's category is now {category} from {long_date(effective)}."
