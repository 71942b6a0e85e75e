"""The built-in catalogue of measures computed from schools: name, unit, polarity and a plain definition.

A plan's indicator links to one entry by name, optionally with a phase or category
("good_or_outstanding:primary", "in_category:SM"); the link is parsed here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpi.errors import UserError

PHASES = ("primary", "secondary", "special", "pru", "nursery")
PHASE_WORDS = {
    "primary": "primary schools",
    "secondary": "secondary schools",
    "special": "special schools",
    "pru": "pupil referral units",
    "nursery": "nursery schools",
    "all": "state-funded schools",
}
CATEGORIES = {"SM": "special measures", "SWK": "serious weaknesses (notice to improve before 2012)"}
NOT_JUDGED_MODES = {
    "exclude": "Schools whose latest graded inspection (since September 2024) gave no overall grade are left out of "
    "the denominator and counted separately.",
    "previous": "Schools whose latest graded inspection (since September 2024) gave no overall grade keep the grade "
    "of the graded inspection before it.",
}
ASSUMED_PUBLICATION_DAYS = 28  # the history gives no publication date; Ofsted's median before 2020 was 27 days


class CatalogueError(UserError):
    """A measure name the catalogue does not have; the message lists the ones it does."""


@dataclass(frozen=True)
class Measure:
    name: str
    title: str
    unit: str  # "%", "count", "score"
    polarity: str  # "higher" or "lower" is better
    decimals: int
    definition: str
    source: str  # inspections, ks2, ks4
    complement_of: str | None = None  # "above_floor_ks2" is 100 minus below_floor_ks2


CATALOGUE = {
    m.name: m
    for m in (
        Measure(
            "good_or_outstanding",
            "Schools judged good or outstanding",
            "%",
            "higher",
            1,
            "Of the schools with an overall-effectiveness grade, the percentage whose latest graded Ofsted inspection "
            "published by the date judged them good (2) or outstanding (1). A new academy counts its predecessor "
            "school's inspection until it has one of its own.",
            "inspections",
        ),
        Measure(
            "in_category",
            "Schools in an Ofsted category",
            "count",
            "lower",
            0,
            "Schools whose latest graded Ofsted inspection placed them in special measures or found serious "
            "weaknesses (notice to improve before 2012). Where a file records no category (the 2005-2020 history), "
            "an inadequate grade counts as a category.",
            "inspections",
        ),
        Measure(
            "below_floor_ks2",
            "Primary schools below the KS2 floor standard",
            "%",
            "lower",
            1,
            "The 2016-2018 floor: fewer than 65% of pupils meeting the expected standard in reading, writing and maths, "
            "and progress below -5 in reading, -7 in writing or -5 in maths. Schools with 11 or more pupils at the "
            "end of KS2 in the academic year ending by the date.",
            "ks2",
        ),
        Measure(
            "below_p8_threshold",
            "Secondary schools with Progress 8 below -0.5",
            "%",
            "lower",
            1,
            "Schools with a Progress 8 score below -0.5 in the academic year ending by the date. The old floor also "
            "required the upper end of the 95% confidence interval to be below zero; the published school files give "
            "no interval, so that part is not applied.",
            "ks4",
        ),
        Measure(
            "ks2_expected",
            "KS2: pupils meeting the expected standard in reading, writing and maths",
            "%",
            "higher",
            1,
            "The schools' percentages weighted by their pupils at the end of KS2 (so the LA's own figure), for the "
            "academic year ending by the date.",
            "ks2",
        ),
        Measure(
            "ks4_attainment8",
            "KS4: average Attainment 8 score",
            "score",
            "higher",
            1,
            "The schools' Attainment 8 averages weighted by their pupils at the end of KS4, for the academic year "
            "ending by the date.",
            "ks4",
        ),
        Measure(
            "school_targets_met",
            "Schools meeting their target per school",
            "count",
            "higher",
            0,
            "Schools whose own target, set by the LA on the School page, is met by the date: 'maintain grade 1 or 2, "
            "or improve by one grade, by a date' (the BSF Collective Partnership Targets' school-level target) or "
            "'reach grade 1 or 2 by a date'. A target is met once an inspection started after its baseline date and "
            "published by the date gives the grade it asks for, or when the school's grade at the due date does. "
            "Based on the schools with a target that can be judged (open, with a grade).",
            "targets",
        ),
        Measure(
            "above_floor_ks2",
            "Primary schools above the KS2 floor standard",
            "%",
            "higher",
            1,
            "100% minus the schools below the 2016-2018 KS2 floor standard (see that measure).",
            "ks2",
            complement_of="below_floor_ks2",
        ),
        Measure(
            "above_p8_threshold",
            "Secondary schools with Progress 8 of -0.5 or above",
            "%",
            "higher",
            1,
            "100% minus the schools with Progress 8 below -0.5 (see that measure).",
            "ks4",
            complement_of="below_p8_threshold",
        ),
    )
}


@dataclass(frozen=True)
class Link:
    """A catalogue entry with its phase and category: what an indicator computed from schools names."""

    measure: Measure
    phase: str = "all"
    category: str = "all"

    @property
    def spec(self) -> str:
        variant = self.category if self.category != "all" else (self.phase if self.phase != "all" else "")
        return self.measure.name + (f":{variant}" if variant else "")

    @property
    def base(self) -> str:
        return self.measure.complement_of or self.measure.name

    @property
    def title(self) -> str:
        words = self.measure.title
        if self.category != "all":
            return f"Schools in {CATEGORIES[self.category]}"
        if self.phase != "all":
            return f"{words} ({PHASE_WORDS[self.phase]})"
        return words


def names() -> list[str]:
    return list(CATALOGUE)


def parse_link(text: str | None, phase: str | None = None, category: str | None = None) -> Link:
    """'good_or_outstanding:primary' (or the name with phase/category given apart) as a Link; CatalogueError if unknown."""
    if not text or not str(text).strip():
        raise CatalogueError("Name a measure: " + ", ".join(CATALOGUE) + ".")
    name, _, variant = str(text).strip().partition(":")
    measure = CATALOGUE.get(name.strip().lower())
    if measure is None:
        raise CatalogueError(f'"{name}" is not a school-based measure. The measures are: {", ".join(CATALOGUE)}.')
    variant = variant.strip()
    phase = (phase or "").strip().lower() or None
    category = (category or "").strip().upper() or None
    if variant:
        if variant.upper() in CATEGORIES:
            category = variant.upper()
        else:
            phase = variant.lower()
    if phase and phase != "all" and phase not in PHASES:
        raise CatalogueError(f'"{phase}" is not a phase. Phases: {", ".join(PHASES)}.')
    if category and category != "ALL":
        if category not in CATEGORIES:
            raise CatalogueError(f'"{category}" is not an Ofsted category. Categories: SM, SWK.')
        if measure.name != "in_category":
            raise CatalogueError("Only in_category takes a category (SM or SWK).")
    return Link(measure, phase or "all", category if category and category != "ALL" else "all")
