"""One card per indicator and period: every word a tile, the Indicator header, a slide or the board pack shows.

`card(row, series)` turns one assessed row (from `kpi.figures.latest`, `all_series` or a highlight
report) into a frozen `Card`. The renderers (Overview tiles, Indicator header, Highlight report,
Present, PDF and PowerPoint) only lay its fields out, so a figure reads the same everywhere.

To show something new on every tile, slide and pack (a forecast line, "based on N schools", a
signal), add a field with a default at the end of `Card`, fill it in `card()`, and add it to
`Card.lines` if tiles should list it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kpi.formatting import format_diff, format_value, target_gap_words
from kpi.model import (
    ARROWS,
    DIRECTION_WORDS,
    NO_DIRECTION,
    RAG_STYLE,
    has_value,
    is_missing,
)
from kpi.positions import parse_position
from kpi.rag import DEFAULT_TOLERANCE
from kpi.summary import sentence

# Notes the demo's figures carry where the published plan itself is uncertain (data/demo/README.md),
# and what the screen and the pack say beside the figure. (note marker, measure shown, words)
DEMO_CAVEATS = (
    (
        "'SN or National Outturn'",
        "national",
        (
            'England figure uncertain: the published plan\'s column is headed "SN or National" without saying which; '
            "it is shown as England."
        ),
    ),
    (
        "equals the trend table's 2011 actual",
        "floor_value",
        (
            'Floor uncertain: the published plan\'s "Floor" figure equals its 2011 result, so it is probably last '
            "year's outturn rather than a floor standard."
        ),
    ),
)


@dataclass(frozen=True)
class Card:
    """Everything said about one indicator in one period, in words. Empty string: nothing to say."""

    code: str
    title: str
    priority: str
    period: str  # '2012', 'Sep 12'; '—' when there is no figure
    value: str  # '77.5%', '19'; '—' when there is no figure
    has_figure: bool
    target: str  # '74.0%', 'quartile A'; '' when none applies
    target_label: str  # 'Target', 'Next target' or ''
    target_period: str  # the next target's period ('2013'); '' for this period's own target
    distance: str  # '3.5 pp above target', '9 over target', 'on target', 'in quartile B'; ''
    rag: str  # green | amber | red | no_target | no_data
    rag_word: str
    rag_icon: str
    rag_bar: str  # colour keys from kpi.model.RAG_STYLE
    rag_fill: str
    rag_badge: str
    reason: str  # why this RAG, including the indicator's own amber band when not the default
    band: str  # "Amber band 4 pp (this indicator's own; the default is 2 pp)"; '' for the default
    direction: str  # improving | stable | declining | ''
    direction_word: str  # 'Improving' or 'No direction yet'
    arrow: str  # ↑ ↓ ↔ or ''
    place: str  # 'Rank 12 of 152 LAs · quartile A · 2 of 11 with neighbours'; ''
    reported: str  # 'Reported RAG: ▲ Amber (differs from the rule)'; ''
    reported_long: str  # the Indicator page's fuller warning; ''
    caveats: tuple[str, ...]  # demo figures the published plan leaves uncertain
    summary: str  # one sentence for screen readers and the pack
    no_figures: str  # where an indicator with no figures gets them; '' when it has figures
    link_label: str  # 'Open trend: <title>' (names its indicator for screen-reader link lists)
    change: str = ""  # '+0.9 pp on 2024', 'no change on 2024'; ''
    comparators: str = ""  # 'Neighbour average 60.1% (10 with data, May 2025 model) · England 63.0% · South East 62.0%'
    schools: str = ""  # 'Based on 397 schools · not judged since Sep 2024: 62 schools, left out'; ''
    schools_link: str = ""  # 'Which schools? (397)': the list behind a figure computed from schools; ''
    forecast: str = ""  # 'Forecast 2013: 75.8% (80%: 71.2-80.4%), off track' (kpi.forecast); ''
    forecast_reason: str = ""  # the full sentence: method, interval, distance from target, rating, chance
    signal: str = ""  # 'Signal: common cause' or 'Signal: improvement (special cause)' (kpi.spc); ''
    signal_reason: str = ""  # which rule the latest figure meets, or that it is within normal variation

    @property
    def rag_label(self) -> str:
        return f"{self.rag_icon} {self.rag_word}"

    @property
    def direction_label(self) -> str:
        return f"{self.arrow} {self.direction_word}".strip()

    @property
    def target_line(self) -> str:
        """'Target 74.0% · 3.5 pp above target', 'Next target 77.0% in 2013', 'No target'."""
        if not self.target:
            return "No target"
        text = f"{self.target_label} {self.target}" + (f" in {self.target_period}" if self.target_period else "")
        return f"{text} · {self.distance}" if self.distance else text

    @property
    def target_cell(self) -> str:
        """For a table's Target column: '74.0%', 'quartile A', '77.0% (2013)' for the next one, 'No target'."""
        if not self.target:
            return "No target"
        return f"{self.target} ({self.target_period})" if self.target_period else self.target

    @property
    def lines(self) -> list[str]:
        """The tile's small print, in order; empty ones left out."""
        return [
            line
            for line in (
                self.target_line,
                self.band,
                self.place,
                self.schools,
                self.forecast,
                self.signal,
                self.reported,
                *self.caveats,
            )
            if line
        ]


def _text(value, default: str = "") -> str:
    return default if is_missing(value) or value == "" else str(value)


def _next_target(series: pd.DataFrame | None, code: str, after) -> tuple[str, str]:
    """The first target after a period ('2013', '77.0%' or 'quartile A'); ('', '') when there is none."""
    if series is None or series.empty:
        return "", ""
    # numpy masks, then one row: a board page words dozens of cards from the whole series on every run
    mask = (
        (series["code"].to_numpy() == code)
        & (series["target"].notna() | series["target_text"].notna()).to_numpy()
        & series["period"].notna().to_numpy()
    )
    if has_value(after):
        mask &= (series["end_date"] > after).to_numpy()
    found = mask.nonzero()[0]
    if not len(found):
        return "", ""
    row = series.iloc[int(found[0])]
    shown = (
        format_value(row["target"], row["unit"], row["decimals"])
        if has_value(row["target"])
        else str(row["target_text"])
    )
    return str(row["period"]), shown


def _position_distance(text, r: dict) -> str:
    position = parse_position(text)
    if position is None or not has_value(r.get("actual")):
        return ""
    if position.kind == "quartile" and isinstance(r.get("quartile"), str) and r["quartile"]:
        short = "ABCD".index(r["quartile"]) - "ABCD".index(position.band)
        if short <= 0:
            return f"in quartile {r['quartile']}: met"
        return f"in quartile {r['quartile']}: {short} band{'s' if short > 1 else ''} short"
    if position.kind in ("rank", "sn_rank"):
        key = "rank" if position.kind == "rank" else "sn_rank"
        if has_value(r.get(key)):
            short = int(r[key]) - position.places
            return f"ranked {int(r[key])}: met" if short <= 0 else f"ranked {int(r[key])}: {short} places short"
    if position.kind == "comparator" and has_value(r.get(position.comparator)):
        name = {"national": "England", "sn_average": "the neighbour average", "region": "the region"}[
            position.comparator
        ]
        gap = float(r["actual"]) - float(r[position.comparator])
        return target_gap_words(gap, r.get("polarity"), r.get("unit", ""), r.get("decimals")).replace("target", name)
    return ""


def _band(tolerance, unit: str) -> str:
    if is_missing(tolerance) or float(tolerance) == DEFAULT_TOLERANCE:
        return ""
    own = format_diff(float(tolerance), unit, None, signed=False)
    default = format_diff(DEFAULT_TOLERANCE, unit, None, signed=False)
    return f"Amber band {own} (this indicator's own; the default is {default})"


def _place(r: dict) -> str:
    if not has_value(r.get("rank")) or not has_value(r.get("rank_of")):
        return ""
    place = f"Rank {int(r['rank'])} of {int(r['rank_of'])} LAs"
    if isinstance(r.get("quartile"), str) and r["quartile"]:
        place += f" · quartile {r['quartile']}"
    if has_value(r.get("sn_rank")) and has_value(r.get("sn_rank_of")):
        place += f" · {int(r['sn_rank'])} of {int(r['sn_rank_of'])} with neighbours"
    return place


def _caveats(r: dict) -> tuple[str, ...]:
    notes = _text(r.get("notes"))
    return tuple(words for marker, measure, words in DEMO_CAVEATS if marker in notes and has_value(r.get(measure)))


def _no_figures(r: dict) -> str:
    if has_value(r.get("actual")):
        return ""
    if has_value(r.get("school_measure")):
        return (
            "No figures yet. This indicator is computed from schools (measure "
            f"{r['school_measure']}): an administrator imports school data on the Import school data page."
        )
    if has_value(r.get("dfe_measure")):
        return (
            "No figures yet. This indicator's figures come from DfE's national data (measure "
            f"{r['dfe_measure']}): an administrator imports it on the Import DfE data page."
        )
    return (
        "No figures yet. This indicator's figures come from the authority's returns: an officer uploads "
        "them on the Upload page."
    )


def _change(r: dict, unit: str, dp) -> str:
    if not has_value(r.get("change")) or not has_value(r.get("previous_period")):
        return ""
    if round(float(r["change"]), 1 if is_missing(dp) else int(dp)) == 0:
        return f"no change on {r['previous_period']}"
    return f"{format_diff(float(r['change']), unit, dp)} on {r['previous_period']}"


def _comparators(r: dict, unit: str, dp) -> str:
    """The neighbour average (with how many it stands on and which model, where known), England and the region."""
    parts = []
    if has_value(r.get("sn_average")):
        about = [f"{int(r['sn_n'])} with data" if has_value(r.get("sn_n")) else "", _text(r.get("sn_model"))]
        about = ", ".join(a for a in about if a)
        parts.append(f"Neighbour average {format_value(r['sn_average'], unit, dp)}" + (f" ({about})" if about else ""))
    if has_value(r.get("national")):
        parts.append(f"England {format_value(r['national'], unit, dp)}")
    if has_value(r.get("region")) and _text(r.get("region_name")):
        parts.append(f"{r['region_name']} {format_value(r['region'], unit, dp)}")
    return " · ".join(parts)


def _schools(r: dict) -> tuple[str, str]:
    """'Based on N schools' when the figure was computed from schools (kpi.schools), with those left out."""
    if not bool(r.get("school_based")) or not has_value(r.get("school_n")):
        return "", ""
    n = int(r["school_n"])
    line = f"Based on {n:,} school{'s' if n != 1 else ''}"
    if has_value(r.get("school_not_judged")) and int(r["school_not_judged"]):
        line += f" · not judged since Sep 2024: {int(r['school_not_judged']):,} schools, left out"
    return line, f"Which schools? ({n:,})"


def card(row, series: pd.DataFrame | None = None) -> Card:
    """The card for one assessed row. `series` (all_series) supplies the next target when this period has none."""
    r = dict(row)
    unit, dp, polarity = _text(r.get("unit")), r.get("decimals"), _text(r.get("polarity"), "none")
    rag = _text(r.get("rag"), "no_data")
    style = RAG_STYLE.get(rag, RAG_STYLE["no_data"])
    has_figure = has_value(r.get("actual"))
    target, label, target_period, distance = "", "", "", ""
    if has_value(r.get("target")):
        target, label = format_value(r["target"], unit, dp), "Target"
        distance = target_gap_words(r.get("gap_to_target"), polarity, unit, dp) if has_figure else ""
    elif _text(r.get("target_text")) and has_figure:
        target, label = str(r["target_text"]), "Target"
        distance = _position_distance(r["target_text"], r)
    else:
        target_period, target = _next_target(series, r["code"], r.get("end_date") if has_figure else None)
        label = "Next target" if target else ""
    band = _band(r.get("tolerance"), unit)
    reason = _text(r.get("rag_reason"))
    if band and "amber band" not in reason and rag in ("green", "amber", "red"):
        reason = f"{reason} {band}.".strip()
    direction = _text(r.get("direction"))
    reported, reported_long = "", ""
    if bool(r.get("rag_differs")) and _text(r.get("rag_reported")) in RAG_STYLE:
        other = RAG_STYLE[r["rag_reported"]]
        reported = f"Reported RAG: {other['icon']} {other['word']} (differs from the rule)"
        reported_long = (
            f"The return reported {other['icon']} {other['word']} for {_text(r.get('period'), 'this period')}, "
            f"but the rule gives {style['icon']} {style['word']}: {reason}"
        )
    title = _text(r.get("title"), _text(r.get("code")))
    return Card(
        code=_text(r.get("code")),
        title=title,
        priority=_text(r.get("priority")),
        period=_text(r.get("period"), "—") if has_figure else "—",
        value=format_value(r.get("actual"), unit, dp),
        has_figure=has_figure,
        target=target,
        target_label=label,
        target_period=target_period,
        distance=distance,
        rag=rag,
        rag_word=style["word"],
        rag_icon=style["icon"],
        rag_bar=style["bar"],
        rag_fill=style["fill"],
        rag_badge=style["badge"],
        reason=reason,
        band=band,
        direction=direction,
        direction_word=DIRECTION_WORDS.get(direction, NO_DIRECTION),
        arrow=ARROWS.get((direction, polarity), "") if direction else "",
        place=_place(r),
        reported=reported,
        reported_long=reported_long,
        caveats=_caveats(r) if has_figure else (),
        summary=sentence(r),
        no_figures=_no_figures(r),
        link_label=f"Open trend: {title}",
        change=_change(r, unit, dp) if has_figure else "",
        comparators=_comparators(r, unit, dp) if has_figure else "",
        schools=_schools(r)[0],
        schools_link=_schools(r)[1],
        forecast=_text(r.get("forecast_line")) if has_figure else "",
        forecast_reason=_text(r.get("forecast_reason")) if has_figure else "",
        signal=_signal(_text(r.get("signal_word"))) if has_figure else "",
        signal_reason=_text(r.get("signal_words")) if has_figure else "",
    )


def _signal(word: str) -> str:
    """'Signal: common cause', 'Signal: improvement (special cause)'; '' without limits (too few figures)."""
    if not word or word == "Too few figures":
        return ""
    if word in ("Improvement", "Concern"):
        return f"Signal: {word.lower()} (special cause)"
    return f"Signal: {word.lower()}"


def cards(rows: pd.DataFrame, series: pd.DataFrame | None = None) -> list[Card]:
    """A card per row (a latest frame or a highlight report's rows), in order."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    return [card(r, series) for r in records]
