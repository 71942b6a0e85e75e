"""Direction of travel: the latest actual against the previous period that has one."""

from __future__ import annotations

from kpi.model import is_missing


def change(previous, current):
    """current - previous, or None when either is missing."""
    if is_missing(previous) or is_missing(current):
        return None
    return float(current) - float(previous)


def direction(previous, current, polarity: str, decimals: int | None = 1) -> str | None:
    """improving / stable / declining, polarity-aware (a gap that shrinks is improving).

    Stable when the change rounds to zero at the indicator's decimal places, so a figure
    reported as 19 then 19 is stable however it was stored. None without two actuals or
    without a polarity.
    """
    delta = change(previous, current)
    if delta is None or polarity not in ("higher", "lower"):
        return None
    places = 1 if decimals is None else int(decimals)
    if round(abs(delta), places) == 0:
        return "stable"
    better = delta > 0 if polarity == "higher" else delta < 0
    return "improving" if better else "declining"


def arrow(previous, current) -> str:
    """The raw direction as an arrow (up, down, level), as LAIT and the seed plans draw it."""
    delta = change(previous, current)
    if delta is None:
        return ""
    return "↑" if delta > 0 else "↓" if delta < 0 else "↔"
