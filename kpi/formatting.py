"""Numbers in the users' words: 60.5%, 22.8 pp, 14 schools; differences in percentage points."""
from __future__ import annotations

from kpi.model import is_missing


def _places(decimals) -> int:
    return 1 if is_missing(decimals) else int(decimals)


def format_value(value, unit: str, decimals=1) -> str:
    """A value in its unit: '60.5%', '22.8 pp', '19', '£1,200'. An em dash when missing."""
    if is_missing(value):
        return "—"
    text = f"{float(value):,.{_places(decimals)}f}"
    if unit == "%":
        return f"{text}%"
    if unit == "pp":
        return f"{text} pp"
    if unit == "£":
        return f"£{text}"
    return text


def diff_unit(unit: str) -> str:
    """Differences of percentages are percentage points."""
    return "pp" if unit in ("%", "pp") else unit


def format_diff(value, unit: str, decimals=1, *, signed: bool = True) -> str:
    """A difference: '+1.5 pp', '-4', '2.0 pp'. Keeps the decimals of the figure it compares."""
    if is_missing(value):
        return "—"
    places = _places(decimals) if decimals is not None else (0 if float(value).is_integer() else 1)
    text = f"{float(value):{'+' if signed else ''},.{places}f}"
    unit = diff_unit(unit)
    if unit == "pp":
        return f"{text} pp"
    if unit == "£":
        return f"£{text}"
    return text


def format_target(target, target_text, unit: str, decimals=1) -> str:
    """A target as shown: a value in its unit, or a position target's words ('quartile A'), or an em dash."""
    if not is_missing(target):
        return format_value(target, unit, decimals)
    if isinstance(target_text, str) and target_text:
        return target_text
    return "—"


def target_gap_words(gap, polarity: str, unit: str, decimals=1) -> str:
    """'2.2 pp better', '1.5 pp short' or 'met': actual - target means nothing without the polarity."""
    if is_missing(gap) or round(float(gap), _places(decimals)) == 0:
        return "met"
    better = gap > 0 if polarity != "lower" else gap < 0
    return f"{format_diff(abs(float(gap)), unit, decimals, signed=False)} {'better' if better else 'short'}"
