"""The product's vocabulary: measures, RAG ratings, directions, polarities and units."""

from __future__ import annotations

MEASURES = ("actual", "target", "floor", "sn_average", "national", "region", "rag_reported")
NUMERIC_MEASURES = ("actual", "target", "floor", "sn_average", "national", "region")
# How a measure reads to an officer (problems, the preview): the stored names are the template's headers.
MEASURE_WORDS = {
    "actual": "actual",
    "target": "target",
    "floor": "floor",
    "sn_average": "neighbour average",
    "national": "England",
    "region": "region",
    "rag_reported": "reported RAG",
}

RAGS = ("green", "amber", "red", "no_target", "no_data")
# The one table of RAG words, icons and colours. Icons differ in shape as well as colour, so RAG never
# relies on colour alone. bar: the strong GOV.UK colour (tile edge, chart); fill: a pale tint black text
# reads on (contrast over 4.5:1); badge: Streamlit's st.badge colour name.
RAG_STYLE = {
    "green": {"word": "Green", "icon": "✔", "bar": "#00703C", "fill": "#CCE5D4", "badge": "green"},
    "amber": {"word": "Amber", "icon": "▲", "bar": "#F47738", "fill": "#FCE5C0", "badge": "orange"},
    "red": {"word": "Red", "icon": "✖", "bar": "#D4351C", "fill": "#F4CCCC", "badge": "red"},
    "no_target": {"word": "No target", "icon": "○", "bar": "#B1B4B6", "fill": "#EEEEEE", "badge": "gray"},
    "no_data": {"word": "No data", "icon": "–", "bar": "#B1B4B6", "fill": "#EEEEEE", "badge": "gray"},
}
RAG_WORDS = {rag: style["word"] for rag, style in RAG_STYLE.items()}
RAG_ICONS = {rag: style["icon"] for rag, style in RAG_STYLE.items()}
RAG_BAR = {rag: style["bar"] for rag, style in RAG_STYLE.items()}
RAG_FILL = {rag: style["fill"] for rag, style in RAG_STYLE.items()}

DIRECTIONS = ("improving", "stable", "declining")
DIRECTION_WORDS = {"improving": "Improving", "stable": "Stable", "declining": "Declining"}
NO_DIRECTION = "No direction yet"
# The one table of arrows: the way the figure moved, so for lower-is-better an improvement points down.
ARROWS = {
    ("improving", "higher"): "↑",
    ("declining", "higher"): "↓",
    ("improving", "lower"): "↓",
    ("declining", "lower"): "↑",
    ("stable", "higher"): "↔",
    ("stable", "lower"): "↔",
    ("improving", "none"): "↑",
    ("declining", "none"): "↓",
    ("stable", "none"): "↔",
}

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
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except TypeError:  # pandas' NA refuses to be a bool
        return True


def has_value(value) -> bool:
    return not is_missing(value)
