"""The school files councils download, recognised by their columns.

Each shape names the columns it needs (all must be there to recognise the file), the ones it
uses when present, and the SQL (sql/queries/school_read_KIND.sql) that turns the file's rows,
as published, into the store's rows. Column names match ignoring case, spaces and underscores,
so GIAS's "LA (code)" and a snake-cased "la_code" are one column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def column_key(name: str) -> str:
    """The form two column names are compared in: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", str(name).lower().lstrip("\ufeff"))


@dataclass(frozen=True)
class Shape:
    kind: str
    title: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()  # (another published name, the name the SQL uses)

    def match(self, headers: list[str]) -> dict[str, str] | None:
        """{name the SQL uses: the file's own header} when every required column is there, else None."""
        have = {column_key(h): h for h in headers if h is not None}
        for other, canonical in self.aliases:
            if column_key(canonical) not in have and column_key(other) in have:
                have[column_key(canonical)] = have[column_key(other)]
        found = {name: have[column_key(name)] for name in self.required + self.optional if column_key(name) in have}
        return found if all(name in found for name in self.required) else None


_JUDGEMENTS = (
    "Quality of education",
    "Behaviour and attitudes",
    "Personal development",
    "Effectiveness of leadership and management",
    "Safeguarding is effective?",
    "Early years provision (where applicable)",
    "Sixth form provision (where applicable)",
)

OFSTED = Shape(
    "ofsted_outcomes",
    "Ofsted's state-funded schools inspections and outcomes (official statistics or management information)",
    required=(
        "URN",
        "LAESTAB",
        "School name",
        "Ofsted phase",
        "Overall effectiveness",
        "Inspection start date",
        "Publication date",
    ),
    optional=(
        "Type of education",
        "School open date",
        "Region",
        "Local authority",
        "Multi-academy trust name",
        "Total number of pupils",
        "Current school type used for chart C6",
        "Category of concern",
        "Inspection number of latest graded inspection",
        "Inspection type",
        "Does the latest graded inspection relate to the URN of the current school?",
        "URN at time of latest graded inspection",
        *_JUDGEMENTS,
        "Previous inspection number",
        "Previous inspection start date",
        "Previous publication date",
        "Does the previous graded inspection relate to the URN of the current school?",
        "URN at time of previous graded inspection",
        "Previous graded inspection overall effectiveness",
        "Previous category of concern",
        *("Previous " + j[0].lower() + j[1:] for j in _JUDGEMENTS),
        "Latest ungraded inspection number since last graded inspection",
        "URN at time of the ungraded inspection",
        "Date of latest ungraded inspection",
        "Ungraded inspection publication date",
        "Ungraded inspection overall outcome",
    ),
)

HISTORY = Shape(
    "inspection_history",
    "an inspection history (URN, rating, inspection date)",
    required=("URN", "Rating", "Inspection Date"),
)

SPINE = Shape(
    "spine",
    "DfE's performance-tables school information (england_spine)",
    required=("URN", "LA", "LAESTAB", "SCHNAME", "MINORGROUP", "NFTYPE"),
    optional=("OPENDATE", "CLOSEDATE", "ISPRIMARY", "ISSECONDARY", "OTHERURN"),
)

GIAS = Shape(
    "gias",
    "a GIAS (Get Information About Schools) extract",
    required=("URN", "la_code", "establishment_name", "type_of_establishment", "phase_of_education"),
    optional=(
        "laestab",
        "establishment_number",
        "establishment_type_group",
        "establishment_status",
        "number_of_pupils",
        "open_date",
        "close_date",
        "trust_name",
        "ks4_attainment8",
        "ks4_progress8",
        "ks4_pct_grade5_eng_maths",
        "ks4_total_pupils",
    ),
    aliases=(
        ("LA (code)", "la_code"),
        ("EstablishmentName", "establishment_name"),
        ("TypeOfEstablishment (name)", "type_of_establishment"),
        ("PhaseOfEducation (name)", "phase_of_education"),
        ("EstablishmentTypeGroup (name)", "establishment_type_group"),
        ("EstablishmentStatus (name)", "establishment_status"),
        ("NumberOfPupils", "number_of_pupils"),
        ("OpenDate", "open_date"),
        ("CloseDate", "close_date"),
        ("Trusts (name)", "trust_name"),
        ("EstablishmentNumber", "establishment_number"),
    ),
)

KS2 = Shape(
    "ks2",
    "DfE's KS2 school performance tables",
    required=("URN", "KS2 Pupils", "Overall Meet Std", "Academic Year"),
    optional=("Reading Progress", "Writing Progress", "Maths Progress"),
)

KS4 = Shape(
    "ks4",
    "DfE's KS4 school performance tables",
    required=("URN", "KS4 Pupils", "Attainment 8", "Progress 8", "Academic Year"),
    optional=("Eng Maths Grade 5",),
)

SHAPES = (OFSTED, HISTORY, SPINE, GIAS, KS2, KS4)


def recognise(headers: list[str]) -> tuple[Shape, dict[str, str]] | None:
    for shape in SHAPES:
        found = shape.match(headers)
        if found is not None:
            return shape, found
    return None


def expected_columns() -> str:
    """What each known shape needs, in words, for the message about a file of none of them."""
    return "; ".join(f"{s.title}: {', '.join(s.required)}" for s in SHAPES)
