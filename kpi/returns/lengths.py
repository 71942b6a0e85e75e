"""Text longer than its limit (kpi.limits) refused with its Sheet!Cell, on every sheet a return stores text from.

The limits are the ones the on-screen fields state and stop at, so a return cannot store more than a page
could: a title that crowds a tile, or a commentary that would fill a board pack's page.
"""

from __future__ import annotations

from kpi.limits import most, too_long
from kpi.returns.cells import Sheet, header_map, normalise_header
from kpi.returns.commentary_sheets import ACTION_HEADERS, COMMENTARY_HEADERS
from kpi.returns.parsed import Problem
from kpi.returns.risks_sheet import HEADERS as RISK_HEADERS
from kpi.returns.risks_sheet import is_risks_sheet
from kpi.returns.tidy import DATA_HEADERS, INDICATOR_HEADERS, is_indicators_sheet, is_tidy_data_sheet

# each kind of sheet: its headers, and which of its columns hold which kind of text
INDICATORS = (INDICATOR_HEADERS, {"title": "title", "description": "description", "owner": "owner", "source": "source"})
DATA = (DATA_HEADERS, {"note": "note"})
COMMENTARY = (COMMENTARY_HEADERS, {"text": "commentary", "author": "author"})
ACTIONS = (ACTION_HEADERS, {"description": "action", "owner": "owner"})
RISKS = (RISK_HEADERS, {"risk": "risk", "mitigation": "mitigation", "owner": "owner"})
MAX_PROBLEMS = 50


def _columns(sheet: Sheet):
    name = normalise_header(sheet.name)
    if name == "commentary":
        return COMMENTARY
    if name == "actions":
        return ACTIONS
    if is_risks_sheet(sheet):
        return RISKS
    if is_indicators_sheet(sheet):
        return INDICATORS
    if is_tidy_data_sheet(sheet):
        return DATA
    return None


def length_problems(sheets: list[Sheet]) -> list[Problem]:
    """One problem per cell whose text is over its column's limit, naming the Sheet!Cell."""
    problems: list[Problem] = []
    for sheet in sheets:
        columns = _columns(sheet)
        rows = [r for r in sheet.rows if any(not c.blank for c in r)]
        if columns is None or not rows:
            continue
        headers, kinds = columns
        cols = header_map(rows[0], headers)
        for key, kind in kinds.items():
            i = cols.get(key)
            for row in rows[1:] if i is not None else ():
                problem = too_long(kind, row[i].text) if i < len(row) else None
                if problem:
                    problems.append(
                        Problem(
                            row[i].ref, problem, f"Shorten it to at most {most(kind):,} characters, then upload again."
                        )
                    )
                    if len(problems) >= MAX_PROBLEMS:
                        return problems
    return problems
