"""One-sentence text summaries of an indicator, for screen readers, tiles and the board pack."""
from __future__ import annotations

import pandas as pd

from kpi.formatting import format_diff, format_value
from kpi.model import RAG_WORDS, has_value


def sentence(row: pd.Series | dict) -> str:
    """'In 2012, 77.5% against a target of 74.0%: Green, improving from 72.0% (2011); 1.2 pp below the statistical-neighbour average.'"""
    r = dict(row)
    unit, dp = r.get("unit", ""), r.get("decimals", 1)
    if not has_value(r.get("actual")):
        return f"{r.get('title')}: no actual has been recorded yet."
    text = f"In {r['period']}, {r['title']} was {format_value(r['actual'], unit, dp)}"
    if has_value(r.get("target")):
        text += f" against a target of {format_value(r['target'], unit, dp)}"
    text += f": {RAG_WORDS.get(r.get('rag'), r.get('rag'))}"
    if r.get("direction") and has_value(r.get("previous_actual")):
        text += f", {r['direction']} from {format_value(r['previous_actual'], unit, dp)} in {r.get('previous_period')}"
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
