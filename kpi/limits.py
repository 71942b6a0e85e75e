"""How long each kind of text may be: the one table that returns, the write paths and the pages' fields use.

A limit keeps one person's text from crowding a board pack or a tile, and is stated wherever the
text is entered: a return that goes over is refused with the Sheet!Cell (kpi.returns), an on-screen
field shows its count and stops at the limit (pages), and the write paths refuse it too, so no
route in can store more.
"""

from __future__ import annotations

from kpi.errors import UserError

# kind of text -> (most characters, what it is called on screen)
LIMITS: dict[str, tuple[int, str]] = {
    "title": (200, "A title"),  # plans, priorities, indicators, milestones
    "description": (2000, "A description"),  # of a plan, priority or indicator
    "commentary": (2000, "A commentary"),
    "action": (1000, "An action"),
    "risk": (1000, "A risk or issue"),
    "mitigation": (2000, "A mitigation"),
    "owner": (120, "An owner"),
    "author": (120, "An author"),
    "note": (1000, "A note"),  # a value's note, a school's note
    "category": (120, "A category"),
    "target": (300, "A target"),  # a milestone's target in words
    "source": (300, "A source"),
    "user_name": (200, "A user name"),
}


def most(kind: str) -> int:
    """The most characters a `kind` of text may have."""
    return LIMITS[kind][0]


def stated(kind: str) -> str:
    """The limit as the screen states it: "Up to 2,000 characters." """
    return f"Up to {most(kind):,} characters."


def too_long(kind: str, text) -> str | None:
    """The problem, in words, when `text` is over the limit for `kind`; None when it fits (or is blank)."""
    if not isinstance(text, str) or len(text) <= most(kind):
        return None
    return f"{LIMITS[kind][1]} may be at most {most(kind):,} characters; this one has {len(text):,}."


class TextTooLong(UserError):
    """Text over its limit, from an on-screen field or any other write path."""


def check(kind: str, text) -> None:
    """Refuse text over the limit for `kind` (the pages' fields stop at it; this stops every other way in)."""
    problem = too_long(kind, text)
    if problem:
        raise TextTooLong(problem + " Shorten it and save again.")
