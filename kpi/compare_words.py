"""The Compare page's figures in sentences: one LA against its neighbours, its region, England and every LA.

For people who will not read the charts; numbers come from kpi.formatting like everywhere else.
"""

from __future__ import annotations

from kpi.formatting import format_diff, format_value, ordinal
from kpi.model import is_missing


def band_range(band: str, thresholds, polarity: str | None) -> tuple[float | None, float | None]:
    """(low, high) of a quartile band; None for an open end. A band includes its upper threshold."""
    order = "ABCD" if polarity == "lower" else "DCBA"  # bands from low values to high values
    edges = [None, *thresholds, None]
    i = order.index(band)
    return edges[i], edges[i + 1]


def band_text(band: str, thresholds, polarity: str | None, unit=None, decimals=None) -> str:
    """'above 61% up to 64%': the band's values, so a reader can see how far the next band is."""
    low, high = band_range(band, thresholds, polarity)
    if low is None:
        return f"{format_value(high, unit, decimals)} or below"
    if high is None:
        return f"above {format_value(low, unit, decimals)}"
    return f"above {format_value(low, unit, decimals)} up to {format_value(high, unit, decimals)}"


def _against(value, other, unit, decimals) -> str:
    gap = value - other
    if round(abs(gap), 2 if is_missing(decimals) else int(decimals)) == 0:  # equal as the figures are shown
        return "the same as"
    return f"{format_diff(gap, unit, decimals, words=True)} {'above' if gap > 0 else 'below'}"


def summary_sentence(figures: dict, *, la_name: str, unit=None, decimals=None, region_name: str = "its region") -> str:
    """The benchmark figures as plain sentences, for people who will not read the charts."""
    f = figures
    year, value = f["year"], f.get("value")
    if is_missing(value):
        parts = [f"{la_name} has no value for {year} (missing or suppressed)."]
        if not is_missing(f.get("england")):
            parts.append(f"England's figure was {format_value(f['england'], unit, decimals)}.")
        return " ".join(parts)
    parts = [f"In {year}, {la_name}'s figure was {format_value(value, unit, decimals)}."]
    comparisons = []
    if not is_missing(f.get("sn_average")):
        comparisons.append(
            f"{_against(value, f['sn_average'], unit, decimals)} the average of its statistical "
            f"neighbours ({format_value(f['sn_average'], unit, decimals)}, {f['sn_n']} with data)"
        )
    if not is_missing(f.get("region")):
        comparisons.append(
            f"{_against(value, f['region'], unit, decimals)} {region_name} "
            f"({format_value(f['region'], unit, decimals)})"
        )
    if not is_missing(f.get("england")):
        comparisons.append(
            f"{_against(value, f['england'], unit, decimals)} England ({format_value(f['england'], unit, decimals)})"
        )
    if comparisons:
        parts.append(
            "That is " + (", ".join(comparisons[:-1]) + " and " if len(comparisons) > 1 else "") + comparisons[-1] + "."
        )
    if f.get("rank"):
        rank = f"It ranks {ordinal(f['rank'])} of {f['rank_of']} LAs (1st is best)"
        if f.get("quartile"):
            rank += (
                f", in quartile band {f['quartile']} ({band_text(f['quartile'], f['quartile_thresholds'], f['polarity'], unit, decimals)};"
                " band A is the best quarter)"
            )
        if f.get("sn_rank"):
            rank += f", and {ordinal(f['sn_rank'])} of {f['sn_rank_of']} among itself and its neighbours"
        parts.append(rank + ".")
    if not is_missing(f.get("change")):
        moved = (
            "No change"
            if f["change"] == 0
            else (f"{'Up' if f['change'] > 0 else 'Down'} {format_diff(f['change'], unit, decimals, words=True)}")
        )
        parts.append(f"{moved} on the year before" + (f": {f['direction']}." if f.get("direction") else "."))
    if f.get("note"):
        parts.append(f["note"])
    return " ".join(parts)
