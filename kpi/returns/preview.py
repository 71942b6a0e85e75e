"""What the officer checks before confirming: each value in sheet order, in words and units, with its RAG.

The Upload page lays these tables out; every word and figure in them is decided here, from the change
set (what will be written) and the assessed series already held (for stored targets and definitions).
"""

from __future__ import annotations

import pandas as pd

from kpi.formatting import format_value
from kpi.model import MEASURE_WORDS, RAG_ICONS, RAG_WORDS, is_missing
from kpi.rag import rate
from kpi.returns.changes import ChangeSet


def _definitions(changes: ChangeSet, series: pd.DataFrame) -> dict[str, dict]:
    """Each indicator's title, unit, decimals, polarity and tolerance: the return's own, else the stored ones."""
    known = {}
    if len(series):
        for r in series.drop_duplicates("code").to_dict("records"):
            known[r["code"]] = {k: r.get(k) for k in ("title", "unit", "decimals", "polarity", "tolerance")}
    for d in changes.indicators or changes.parsed.indicators:
        known[d.code] = {
            "title": d.title,
            "unit": d.unit,
            "decimals": d.decimals,
            "polarity": d.polarity,
            "tolerance": d.tolerance,
        }
    return known


def _stored_targets(series: pd.DataFrame) -> dict[tuple, float]:
    if not len(series) or "target" not in series:
        return {}
    held = series[series["target"].notna() & series["period_key"].notna()]
    return {(c, p): float(t) for c, p, t in zip(held["code"], held["period_key"], held["target"])}


def _shown(value, text, unit: str, decimals) -> str:
    if isinstance(text, str):
        return text
    return "" if is_missing(value) else format_value(value, unit, decimals)


def tables(changes: ChangeSet, series: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """{'changed': ..., 'new': ...}: one row per value in the order the workbook holds them.

    Columns: Where, Indicator (title and code), Period, Measure, Value (or Old → new) in the indicator's
    unit, and RAG: what an actual will be rated against its period's target (the return's, else the stored one).
    """
    defs = _definitions(changes, series)
    targets = _stored_targets(series)
    incoming = changes.rows
    given = incoming[(incoming["measure"] == "target") & incoming["value"].notna()]
    targets.update({(c, p): float(v) for c, p, v in zip(given["indicator_code"], given["period_key"], given["value"])})
    out = {}
    for kind in ("changed", "new"):
        part = incoming[incoming["change"] == kind]
        rows = []
        for r in part.to_dict("records"):
            d = defs.get(r["indicator_code"], {})
            unit, dp = d.get("unit") or "", d.get("decimals")
            value = _shown(r["value"], r["text"], unit, dp)
            rag = ""
            if r["measure"] == "actual" and not is_missing(r["value"]):
                target = targets.get((r["indicator_code"], r["period_key"]))
                rating = rate(r["value"], target, d.get("polarity") or "higher", d.get("tolerance"), unit, dp)
                rag = f"{RAG_ICONS.get(rating.rag, '')} {RAG_WORDS.get(rating.rag, rating.rag)}".strip()
            row = {
                "Where": r["where"],
                "Indicator": f"{d.get('title') or r['indicator_code']} ({r['indicator_code']})",
                "Period": changes.period_labels.get(r["period_key"], r["period_key"]),
                "Measure": MEASURE_WORDS.get(r["measure"], r["measure"]),
            }
            if kind == "changed":
                row["Old → new"] = f"{_shown(r.get('old_value'), r.get('old_text'), unit, dp) or 'blank'} → {value}"
            else:
                row["Value"] = value
                row["Note"] = r["note"] if isinstance(r["note"], str) else ""
            row["RAG"] = rag
            rows.append(row)
        out[kind] = pd.DataFrame(rows)
    return out


def problem_table(problems) -> pd.DataFrame:
    """Problems (or warnings) as the officer reads them: the cell, the figure it is for, what is wrong, how to fix
    it; a column no row fills is left out."""
    frame = pd.DataFrame(
        {
            "Where": [p.where for p in problems],
            "Figure": [p.about for p in problems],
            "Problem": [p.message for p in problems],
            "How to fix it": [p.fix for p in problems],
        }
    )
    return frame[[c for c in frame.columns if c in ("Where", "Problem") or frame[c].astype(bool).any()]]
