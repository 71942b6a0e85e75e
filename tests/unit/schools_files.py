"""Small hand-made school files in the published shapes, for the schools tests."""

from __future__ import annotations

import csv
import io

OFSTED_HEADER = [
    "URN",
    "LAESTAB",
    "School name",
    "Ofsted phase",
    "Type of education",
    "School open date",
    "Local authority",
    "Region",
    "Current school type used for chart C6",
    "Overall effectiveness",
    "Category of concern",
    "Inspection start date",
    "Publication date",
    "Does the latest graded inspection relate to the URN of the current school?",
    "URN at time of latest graded inspection",
    "Previous inspection start date",
    "Previous publication date",
    "Does the previous graded inspection relate to the URN of the current school?",
    "URN at time of previous graded inspection",
    "Previous graded inspection overall effectiveness",
    "Previous category of concern",
]


def ofsted_row(
    urn,
    laestab="8862001",
    name="Oak Primary School",
    phase="Primary",
    oe="2",
    start="01/03/2023",
    published="05/04/2023",
    prev_oe="",
    prev_start="",
    prev_published="",
    relates="Yes",
    urn_at=None,
    prev_relates="Yes",
    prev_urn_at=None,
    category="",
    prev_category="",
    opened="",
    c6="Maintained school",
):
    return [
        urn,
        laestab,
        name,
        phase,
        "Community school",
        opened,
        "Kent",
        "South East",
        c6,
        oe,
        category,
        start,
        published,
        relates,
        urn_at or urn,
        prev_start,
        prev_published,
        prev_relates,
        prev_urn_at or urn,
        prev_oe,
        prev_category,
    ]


def csv_bytes(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def ofsted(rows) -> bytes:
    return csv_bytes(OFSTED_HEADER, rows)


def history(rows) -> bytes:
    return csv_bytes(["URN", "Rating", "Inspection Date"], rows)


SPINE_HEADER = [
    "URN",
    "LA",
    "LAESTAB",
    "SCHNAME",
    "MINORGROUP",
    "NFTYPE",
    "OPENDATE",
    "CLOSEDATE",
    "ISPRIMARY",
    "ISSECONDARY",
    "OTHERURN",
]


def spine(rows) -> bytes:
    return csv_bytes(SPINE_HEADER, rows)


KS2_HEADER = [
    "URN",
    "KS2 Pupils",
    "Reading Progress",
    "Writing Progress",
    "Maths Progress",
    "Overall Meet Std",
    "Academic Year",
]


def ks2(rows) -> bytes:
    return csv_bytes(KS2_HEADER, rows)
