"""RAG rule: polarity-aware, with an amber band (the tolerance) in the indicator's units.

green  the target is met or beaten;
amber  missed by no more than the tolerance;
red    missed by more;
no_target / no_data when the target or the actual is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpi.formatting import format_diff, format_value
from kpi.model import is_missing

DEFAULT_TOLERANCE = 2.0


@dataclass(frozen=True)
class Rating:
    rag: str
    reason: str


def rule_text(tolerance: float | None, unit: str) -> str:
    """The rule in words, for the screen and the board pack."""
    band = format_diff(effective_tolerance(tolerance), unit, None, signed=False)
    default = " (the default)" if is_missing(tolerance) else ""
    return (
        f"Green when the target is met or beaten; amber when missed by no more than {band}{default}; "
        "red when missed by more."
    )


def effective_tolerance(tolerance: float | None) -> float:
    return DEFAULT_TOLERANCE if is_missing(tolerance) else float(tolerance)


def shortfall(actual: float, target: float, polarity: str) -> float:
    """How far the actual falls short of the target in the good direction (<= 0 means met)."""
    return (target - actual) if polarity != "lower" else (actual - target)


def rate(actual, target, polarity: str, tolerance=None, unit: str = "", decimals: int | None = 1) -> Rating:
    """Rate one actual against its target."""
    if is_missing(actual):
        return Rating("no_data", "No actual for this period.")
    if is_missing(target):
        return Rating("no_target", "No target for this period.")
    band = effective_tolerance(tolerance)
    # Compare at the indicator's precision so 59.95 vs 60.0 at 1 dp is not a miss by rounding noise.
    short = round(shortfall(float(actual), float(target), polarity), 9)
    shown_target = format_value(target, unit, decimals)
    if short <= 0:
        return Rating("green", f"Target of {shown_target} met.")
    missed = format_diff(short, unit, decimals, signed=False)
    if short <= band + 1e-9:
        return Rating(
            "amber",
            f"Missed the target of {shown_target} by {missed}, within the amber band of "
            f"{format_diff(band, unit, None, signed=False)}.",
        )
    return Rating(
        "red",
        f"Missed the target of {shown_target} by {missed}, more than the amber band of "
        f"{format_diff(band, unit, None, signed=False)}.",
    )


def normalise_reported(text) -> str | None:
    """A RAG word as written in a return ('Green', 'AMBER', 'R') -> green/amber/red, else None."""
    if text is None:
        return None
    word = str(text).strip().lower()
    return {"g": "green", "green": "green", "a": "amber", "amber": "amber", "r": "red", "red": "red"}.get(word)
