"""Numbers in the users' words: 60.5%, 22.8 pp, 14 schools; differences in percentage points."""

from __future__ import annotations

from kpi.model import is_missing


def is_percent(unit) -> bool:
    """'%', and DfE's units that read like '% achieving expected level': those figures are percentages."""
    return isinstance(unit, str) and unit.strip().startswith("%")


def _number(value, decimals, signed: bool = False) -> str:
    """At the indicator's decimal places; without them (most DfE measures) as given, at most 2 places."""
    sign = "+" if signed else ""
    if is_missing(decimals):
        text = f"{float(value):{sign},.2f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{float(value):{sign},.{int(decimals)}f}"


def format_value(value, unit, decimals=1) -> str:
    """A value in its unit: '60.5%', '22.8 pp', '19', '£1,200'. An em dash when missing.

    Without decimal places (DfE's figures) the value is shown as given: '62%', '0.12'.
    """
    if is_missing(value):
        return "—"
    text = _number(value, decimals)
    if is_percent(unit):
        return f"{text}%"
    if unit == "pp":
        return f"{text} pp"
    if unit == "£":
        return f"£{text}"
    return text


def diff_unit(unit) -> str:
    """Differences of percentages are percentage points."""
    return "pp" if is_percent(unit) or unit == "pp" else unit


def format_diff(value, unit, decimals=1, *, signed: bool = True, words: bool = False) -> str:
    """A difference: '+1.5 pp', '-4', '2.0 pp'; in words '3 percentage points'. Keeps the figure's decimals."""
    if is_missing(value):
        return "—"
    if words:
        text = _number(abs(float(value)), decimals)
        if diff_unit(unit) == "pp":
            return f"{text} percentage point{'' if text == '1' else 's'}"
        return text
    text = _number(value, decimals, signed)
    unit = diff_unit(unit)
    if unit == "pp":
        return f"{text} pp"
    if unit == "£":
        return f"£{text}"
    return text


def format_day(value) -> str:
    """A date as boards write it: '31 Mar 2014'; an em dash when missing."""
    if is_missing(value):
        return "—"
    import pandas as pd

    return pd.Timestamp(value).strftime("%-d %b %Y")


def ordinal(n) -> str:
    """1st, 2nd, 3rd, 11th, 22nd: ranks as people say them."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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
    if round(float(gap), 2 if is_missing(decimals) else int(decimals)) == 0:
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
