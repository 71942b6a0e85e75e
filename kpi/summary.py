"""One-sentence text summaries of an indicator, for screen readers, tiles and the board pack."""

from __future__ import annotations

import pandas as pd

from kpi.formatting import format_diff, format_value, in_sentence
from kpi.model import RAG_WORDS, has_value


def sentence(row: pd.Series | dict) -> str:
    """'In 2012, pupils achieving … was 77.5% against a target of 74.0%: rated green, improving from 72.0% in
    2011; 1.2 pp below the statistical-neighbour average.' The title is lower-cased mid-sentence unless it
    starts with an abbreviation (KS2, PRUs)."""
    r = dict(row)
    unit, dp = r.get("unit", ""), r.get("decimals", 1)
    title = r.get("title") if has_value(r.get("title")) else r.get("code", "This indicator")
    if not has_value(r.get("actual")):
        return f"{title}: no actual has been recorded yet."
    text = f"In {r['period']}, {in_sentence(title)} was {format_value(r['actual'], unit, dp)}"
    if has_value(r.get("target")):
        text += f" against a target of {format_value(r['target'], unit, dp)}"
    elif isinstance(r.get("target_text"), str) and r["target_text"]:
        text += f" against a target of {r['target_text']}"
    text += f": rated {RAG_WORDS.get(r.get('rag'), str(r.get('rag'))).lower()}"
    if has_value(r.get("direction")) and has_value(r.get("previous_actual")):
        since = f" in {r['previous_period']}" if has_value(r.get("previous_period")) else ""
        text += f", {r['direction']} from {format_value(r['previous_actual'], unit, dp)}{since}"
    parts = []
    for key, name in (("gap_to_sn", "the statistical-neighbour average"), ("gap_to_national", "England")):
        gap = r.get(key)
        if has_value(gap):
            side = "above" if gap > 0 else "below" if gap < 0 else "level with"
            amount = "" if gap == 0 else format_diff(abs(gap), unit, dp, signed=False) + " "
            parts.append(f"{amount}{side} {name}")
    if parts:
        text += "; " + " and ".join(parts)
    if has_value(r.get("rank")) and has_value(r.get("rank_of")):
        text += f"; ranked {int(r['rank'])} of {int(r['rank_of'])} LAs"
        if isinstance(r.get("quartile"), str):
            text += f" (quartile {r['quartile']}, A is best)"
    return text + "."
