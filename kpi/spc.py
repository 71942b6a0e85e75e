"""Change beyond normal variation: statistical process control as NHS England's "Making Data Count" uses it.

An XmR chart: the process mean of the figures, the moving ranges between successive figures, and
process limits at the mean plus and minus 2.66 times the mean moving range. A figure shows
special-cause variation when

1. it lies outside the process limits;
2. it is one of a run of RUN_SIDE or more figures on the same side of the mean;
3. it is one of a run of RUN_TREND or more figures each better (or each worse) than the one before.

Polarity decides whether a signal is an improvement or a concern; without a polarity it is
just special cause. Everything else is common-cause variation: this year's change is noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kpi.model import is_missing

LIMIT_FACTOR = 2.66
RUN_SIDE = 7  # figures on one side of the mean (Making Data Count uses 7 in its later guidance)
RUN_TREND = 6  # successive improvements or deteriorations
MIN_POINTS = 6  # fewer figures than this and no limits are drawn

RULES = (
    f"Special-cause variation (NHS England's Making Data Count): a figure outside the process limits "
    f"(the mean ± {LIMIT_FACTOR} × the mean moving range), a run of {RUN_SIDE} or more figures on one side "
    f"of the mean, or a run of {RUN_TREND} or more figures each better (or each worse) than the last. "
    "An improvement or a concern by the indicator's polarity; anything else is common-cause variation. "
    f"Limits need at least {MIN_POINTS} figures, and are firmer with 15 or more."
)


@dataclass(frozen=True)
class Signal:
    index: int  # position among the figures given
    period: str
    rule: str  # outside | run | trend
    kind: str  # improvement | concern | special cause


@dataclass
class Process:
    mean: float | None = None
    lower: float | None = None
    upper: float | None = None
    signals: list[Signal] = field(default_factory=list)
    points: int = 0
    latest_period: str = ""

    @property
    def latest(self) -> list[Signal]:
        return [s for s in self.signals if s.period == self.latest_period]

    @property
    def word(self) -> str:
        """The card's word: 'Improvement', 'Concern', 'Special cause', 'Common cause' or 'Too few figures'."""
        if self.mean is None:
            return "Too few figures"
        kinds = {s.kind for s in self.latest}
        if not kinds:
            return "Common cause"
        if len(kinds) > 1:
            return "Special cause"
        return kinds.pop().capitalize()

    @property
    def words(self) -> str:
        """A sentence: which rule the latest figure meets, or that its change is within normal variation."""
        if self.mean is None:
            return f"No process limits: {self.points} figure{'s' if self.points != 1 else ''}; they need {MIN_POINTS}."
        latest = self.latest
        if not latest:
            return f"{self.latest_period}: common-cause variation, within normal variation."
        said = {
            "outside": "outside the process limits",
            "run": f"in a run of {RUN_SIDE}+ on one side of the mean",
            "trend": f"in a run of {RUN_TREND}+ successive {'improvements' if latest[0].kind == 'improvement' else 'changes the same way'}",
        }
        rules = " and ".join(dict.fromkeys(said[s.rule] for s in latest))
        return f"{self.latest_period}: special cause ({self.word.lower()}), {rules}."


def _kind(up: bool, polarity: str | None) -> str:
    if polarity not in ("higher", "lower"):
        return "special cause"
    return "improvement" if up == (polarity == "higher") else "concern"


def _runs(flags: np.ndarray, length: int) -> np.ndarray:
    """True where a flag is part of a run of at least `length` Trues."""
    out = np.zeros(len(flags), dtype=bool)
    start = None
    for i, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            if i - start >= length:
                out[start:i] = True
            start = None
    return out


def process(values, periods, polarity: str | None) -> Process:
    """The XmR limits and special-cause signals of a series (missing figures are left out)."""
    pairs = [(float(v), str(p)) for v, p in zip(values, periods) if not is_missing(v)]
    result = Process(points=len(pairs), latest_period=pairs[-1][1] if pairs else "")
    if len(pairs) < MIN_POINTS:
        return result
    x = np.array([v for v, _ in pairs])
    labels = [p for _, p in pairs]
    mean = float(x.mean())
    mr = float(np.abs(np.diff(x)).mean())
    result.mean, result.lower, result.upper = mean, mean - LIMIT_FACTOR * mr, mean + LIMIT_FACTOR * mr
    found: dict[tuple[int, str], Signal] = {}
    for i in np.flatnonzero((x > result.upper) | (x < result.lower)):
        found[(i, "outside")] = Signal(int(i), labels[i], "outside", _kind(bool(x[i] > mean), polarity))
    for side in (x > mean, x < mean):
        for i in np.flatnonzero(_runs(side, RUN_SIDE)):
            found[(i, "run")] = Signal(int(i), labels[i], "run", _kind(bool(x[i] > mean), polarity))
    step = np.diff(x)
    for rising in (step > 0, step < 0):
        # a run of RUN_TREND figures is RUN_TREND - 1 successive steps the same way
        in_run = _runs(rising, RUN_TREND - 1)
        for j in np.flatnonzero(in_run):
            for i in (j, j + 1):
                found[(i, "trend")] = Signal(int(i), labels[i], "trend", _kind(bool(step[j] > 0), polarity))
    result.signals = sorted(found.values(), key=lambda s: (s.index, s.rule))
    return result
