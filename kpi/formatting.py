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
    """How far from target in a board's words, gap = actual - target.

    Higher is better: '3.5 pp above target' / '1.5 pp below target'. Lower is better (counts, gaps):
    '2.2 pp under target' / '9 over target', never '9 short'. 'on target' when it rounds to zero;
    '' when there is no gap to speak of.
    """
    if is_missing(gap):
        return ""
    if round(float(gap), _places(decimals)) == 0:
        return "on target"
    amount = format_diff(abs(float(gap)), unit, decimals, signed=False)
    if polarity == "lower":
        return f"{amount} {'over' if gap > 0 else 'under'} target"
    return f"{amount} {'above' if gap > 0 else 'below'} target"


def in_sentence(title) -> str:
    """A title as it reads mid-sentence: 'Pupils achieving…' -> 'pupils achieving…'; 'KS2 …', 'PRUs …' kept."""
    text = "" if is_missing(title) else str(title)
    first = text.split(" ", 1)[0]
    if not first or not first[0].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]
