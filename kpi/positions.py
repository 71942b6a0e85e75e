"""Targets by position: a quartile band, a rank, or a comparator (England, the neighbour average).

Plans set targets such as "top quartile nationally by 2018" (seed 003), "amongst the best of
our statistical neighbours" (seed 001) or "in line with statistical neighbours by 2017". A
position target is stored as canonical text in the target's `text` and rated here, so RAG,
the overview and the board pack treat it like a value target.

Amber bands: one quartile band short; two places short of a neighbour rank; for a
national rank, 10% of the LAs with data; for a comparator, the indicator's tolerance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kpi.formatting import format_diff, format_value
from kpi.model import is_missing
from kpi.rag import Rating, effective_tolerance, rate, shortfall

POSITION_RULE = (
    "A target by position is met at or above its quartile band or rank; amber is one band, two "
    "neighbour places or 10% of LAs short; for England or the neighbour average, the tolerance applies."
)

COMPARATORS = {
    "england": ("national", "England"),
    "national": ("national", "England"),
    "neighbour": ("sn_average", "the neighbour average"),
    "region": ("region", "the region"),
}
_ORDINAL_BANDS = {
    "top": "A",
    "first": "A",
    "1st": "A",
    "second": "B",
    "2nd": "B",
    "third": "C",
    "3rd": "C",
    "bottom": "D",
    "fourth": "D",
    "4th": "D",
}


@dataclass(frozen=True)
class PositionTarget:
    kind: str  # quartile | sn_rank | rank | comparator
    band: str | None = None
    places: int | None = None
    comparator: str | None = None  # national | sn_average | region
    in_line: bool = False

    @property
    def text(self) -> str:
        """Canonical wording, as stored and shown."""
        if self.kind == "quartile":
            return f"quartile {self.band}"
        if self.kind == "sn_rank":
            return f"top {self.places} of neighbours"
        if self.kind == "rank":
            return f"top {self.places} nationally"
        name = {"national": "England", "sn_average": "the neighbour average", "region": "the region"}[self.comparator]
        return f"in line with {name}" if self.in_line else f"at or better than {name}"


def parse_position(text) -> PositionTarget | None:
    """Read a position target ('A', 'top quartile', 'quartile B by 2017', 'top 3 of neighbours',
    'top 50 nationally', 'at or above England', 'in line with the neighbour average'); None if it is not one."""
    if is_missing(text):
        return None
    words = " ".join(str(text).lower().replace("statistical neighbours", "neighbours").split())
    words = re.sub(r"\s*\bby\s+\d{4}(/\d{2})?\b", "", words).strip(" .")
    if re.fullmatch(r"(quartile|band)?\s*[abcd]", words):
        return PositionTarget("quartile", band=words[-1].upper())
    match = re.fullmatch(
        r"(?:quartile|band)\s+([abcd])|(top|first|1st|second|2nd|third|3rd|bottom|fourth|4th)"
        r" quartile(?: nationally)?",
        words,
    )
    if match:
        return PositionTarget("quartile", band=(match.group(1) or "").upper() or _ORDINAL_BANDS[match.group(2)])
    match = re.fullmatch(
        r"(?:top|rank(?:ed)?|within the top)\s+(\d+)\s+(?:of|among|amongst)\s+(?:our\s+|the\s+)?neighbours", words
    )
    if match:
        return PositionTarget("sn_rank", places=int(match.group(1)))
    match = re.fullmatch(r"(?:top|rank(?:ed)?)\s+(\d+)\s+(?:nationally|in england|of las|of all las)", words)
    if match:
        return PositionTarget("rank", places=int(match.group(1)))
    match = re.fullmatch(
        r"(at or above|at or better than|at least|better than|above|at or below|below|"
        r"in line with|level with)\s+(?:the\s+)?(england|national|neighbour|region)\w*(?: average)?",
        words,
    )
    if match:
        column, _ = COMPARATORS[match.group(2)]
        return PositionTarget("comparator", comparator=column, in_line=match.group(1) in ("in line with", "level with"))
    return None


def rate_position(
    target: PositionTarget, row: dict, polarity: str, tolerance=None, unit: str = "", decimals=1
) -> Rating:
    """Rate an actual against a position target, using the row's DfE figures or comparators."""
    if is_missing(row.get("actual")):
        return Rating("no_data", "No actual for this period.")
    if target.kind == "quartile":
        band = row.get("quartile")
        if is_missing(band) or not band:
            return Rating(
                "no_data", f"Target {target.text}: there is no national data to place the authority in a quartile."
            )
        short = "ABCD".index(band) - "ABCD".index(target.band)
        verdict = "green" if short <= 0 else "amber" if short == 1 else "red"
        return Rating(verdict, f"In quartile {band} against a target of {target.text}.")
    if target.kind in ("sn_rank", "rank"):
        rank_key, of_key = ("sn_rank", "sn_rank_of") if target.kind == "sn_rank" else ("rank", "rank_of")
        rank, of = row.get(rank_key), row.get(of_key)
        if is_missing(rank):
            return Rating("no_data", f"Target {target.text}: there is no national data to rank the authority.")
        band = 2 if target.kind == "sn_rank" else max(2, round(0.1 * (of or 0)))
        short = int(rank) - target.places
        verdict = "green" if short <= 0 else "amber" if short <= band else "red"
        return Rating(verdict, f"Ranked {int(rank)} of {int(of)} against a target of {target.text}.")
    comparator = row.get(target.comparator)
    if is_missing(comparator):
        return Rating("no_data", f"Target {target.text}: there is no figure to compare with for this period.")
    if not target.in_line:
        rating = rate(row["actual"], comparator, polarity, tolerance, unit, decimals)
        return Rating(rating.rag, f"Target {target.text} ({format_value(comparator, unit, decimals)}): {rating.reason}")
    band = effective_tolerance(tolerance)
    short = shortfall(float(row["actual"]), float(comparator), polarity)
    verdict = "green" if short <= band + 1e-9 else "amber" if short <= 2 * band + 1e-9 else "red"
    return Rating(
        verdict,
        f"Target {target.text} ({format_value(comparator, unit, decimals)}): "
        f"{format_diff(-short, unit, decimals)} from it, in-line band "
        f"{format_diff(band, unit, None, signed=False)}.",
    )
