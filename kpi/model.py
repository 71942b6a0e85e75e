"""The product's vocabulary: measures, RAG ratings, directions, polarities and units."""
from __future__ import annotations

MEASURES = ("actual", "target", "floor", "sn_average", "national", "region", "rag_reported")
NUMERIC_MEASURES = ("actual", "target", "floor", "sn_average", "national", "region")

RAGS = ("green", "amber", "red", "no_target", "no_data")
RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red", "no_target": "No target", "no_data": "No data"}
# Icons differ in shape as well as colour, so RAG never relies on colour alone.
RAG_ICONS = {"green": "✔", "amber": "▲", "red": "✖", "no_target": "○", "no_data": "–"}

DIRECTIONS = ("improving", "stable", "declining")
DIRECTION_WORDS = {"improving": "Improving", "stable": "Stable", "declining": "Declining"}

POLARITIES = ("higher", "lower", "none")
POLARITY_WORDS = {"higher": "Higher is better", "lower": "Lower is better", "none": "No polarity"}

# Units an indicator may have; "%" values are percentages (60.5), "pp" are percentage-point gaps.
UNITS = ("%", "pp", "count", "rate", "score", "grade", "days", "£")
FREQUENCIES = ("annual", "academic_year", "financial_year", "quarterly", "monthly", "termly")
STATUSES = ("provisional", "final")


def is_missing(value) -> bool:
    """No figure: None, NaN, or pandas' NA/NaT. The one test every module uses."""
    if value is None:
        return True
    try:
        return bool(value != value)   # NaN and NaT are not equal to themselves
    except TypeError:                 # pandas' NA refuses to be a bool
        return True


def has_value(value) -> bool:
    return not is_missing(value)
