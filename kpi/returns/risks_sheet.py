"""A return's "Risks" sheet: the plan's risks and issues, read with a Sheet!Cell for every problem.

Columns (headers in any order and case): Plan, Code, Kind, Risk, Mitigation, Owner, Likelihood, Impact,
Score, Status, Review, Priorities, Indicators, Actions, Assessed. Only Risk is required; a blank Plan is taken
from the priority named, or from the only plan held. Nothing is written unless every row is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kpi.returns.cells import Cell, Sheet, header_map, normalise_header
from kpi.returns.commentary_sheets import parse_date
from kpi.returns.parsed import Problem
from kpi.risk_register import RiskRow
from kpi.risks import IMPACT_WORDS, KINDS, LIKELIHOOD_WORDS, STATUSES, score

SHEET_NAMES = ("risks", "risksandissues", "riskregister", "risklog")
HEADERS = {
    "plan": "plan",
    "code": "code",
    "ref": "code",
    "reference": "code",
    "id": "code",
    "riskid": "code",
    "kind": "kind",
    "type": "kind",
    "riskorissue": "kind",
    "risk": "risk",
    "description": "risk",
    "riskdescription": "risk",
    "issue": "risk",
    "mitigation": "mitigation",
    "mitigations": "mitigation",
    "mitigatingactions": "mitigation",
    "controls": "mitigation",
    "owner": "owner",
    "riskowner": "owner",
    "likelihood": "likelihood",
    "probability": "likelihood",
    "l": "likelihood",
    "impact": "impact",
    "i": "impact",
    "score": "score",
    "riskscore": "score",
    "status": "status",
    "review": "review",
    "reviewdate": "review",
    "nextreview": "review",
    "reviewby": "review",
    "priority": "priorities",
    "priorities": "priorities",
    "workstream": "priorities",
    "workstreams": "priorities",
    "indicator": "indicators",
    "indicators": "indicators",
    "action": "actions",
    "actions": "actions",
    "assessed": "assessed",
    "assessedon": "assessed",
    "dateassessed": "assessed",
}
_STATUS_ALIASES = {
    "live": "open",
    "active": "open",
    "new": "open",
    "treated": "managed",
    "mitigated": "managed",
    "controlled": "managed",
    "resolved": "closed",
    "complete": "closed",
    "completed": "closed",
}
_KIND_ALIASES = {"r": "risk", "i": "issue", "risks": "risk", "issues": "issue"}


def is_risks_sheet(sheet: Sheet) -> bool:
    return normalise_header(sheet.name) in SHEET_NAMES


def _scale(cell: Cell, words: dict[int, str], name: str, problems: list[Problem]) -> int | None:
    """'4', 4.0, '4 - Likely' or 'Likely' -> 4; blank -> None."""
    if cell is None or cell.blank:
        return None
    text = cell.text.lower()
    by_word = {w.lower(): n for n, w in words.items()}
    match = re.match(r"^\s*(\d+(?:\.0+)?)\b", text)
    if match and float(match[1]) in range(1, 6):
        return int(float(match[1]))
    if text.strip() in by_word:
        return by_word[text.strip()]
    problems.append(
        Problem(
            cell.ref,
            f'"{cell.text}" is not a {name} from 1 to 5.',
            f"Use a whole number from 1 ({words[1]}) to 5 ({words[5]}), or leave it blank.",
        )
    )
    return None


def _list(cell: Cell | None) -> list[str]:
    if cell is None or cell.blank:
        return []
    return [p.strip() for p in re.split(r"[,;\n]", cell.text) if p.strip()]


def read_risks(
    sheet: Sheet,
    *,
    known_plans: Iterable[str],
    known_priorities: Mapping[str, str],
    known_indicators: Iterable[str],
    known_actions: Mapping[str, str] | None = None,
) -> tuple[list[RiskRow], list[Problem]]:
    """-> (rows, problems). known_priorities and known_actions map a code (action number) to its plan."""
    rows = [r for r in sheet.rows if any(not c.blank for c in r)]
    if not rows:
        return [], []
    cols = header_map(rows[0], HEADERS)
    if "risk" not in cols:
        return [], [
            Problem(
                rows[0][0].ref,
                f'The {sheet.name} sheet has no "Risk" column.',
                'Add a column headed "Risk" describing each risk or issue.',
            )
        ]
    plans = {p.upper(): p for p in known_plans}
    priorities = {k.upper(): (k, v) for k, v in known_priorities.items()}
    indicators = {k.upper(): k for k in known_indicators}
    actions = {str(k): v for k, v in (known_actions or {}).items()}
    out: list[RiskRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}

    def get(row, key) -> Cell | None:
        i = cols.get(key)
        if i is None:
            return None
        return row[i] if i < len(row) else Cell(sheet.name, row[0].row, i + 1, None)  # a short row's blank cell

    for row in rows[1:]:
        before = len(problems)
        text = get(row, "risk")
        where = text.ref if text is not None else row[0].ref
        if text is None or text.blank:
            problems.append(Problem(where, "This row has no risk.", "Describe the risk or issue, or delete the row."))
            continue
        named = [(c, p) for c in [get(row, "priorities")] for p in _list(c)]
        plan_cell = get(row, "plan")
        plan = plans.get(plan_cell.text.upper()) if plan_cell is not None and not plan_cell.blank else None
        if plan_cell is not None and not plan_cell.blank and plan is None:
            problems.append(
                Problem(
                    plan_cell.ref,
                    f'"{plan_cell.text}" is not a known plan.',
                    "Use the plan's code: " + ", ".join(plans.values()) + ".",
                )
            )
            continue
        if plan is None:
            from_priorities = {priorities[p.upper()][1] for _, p in named if p.upper() in priorities}
            plan = (
                next(iter(from_priorities))
                if len(from_priorities) == 1
                else (next(iter(plans.values())) if len(plans) == 1 else None)
            )
        if plan is None:
            problems.append(Problem(where, "This risk names no plan.", "Fill in the Plan column with the plan's code."))
            continue
        linked_priorities = []
        for cell, code in named:
            found = priorities.get(code.upper())
            if found is None or found[1] != plan:
                problems.append(
                    Problem(
                        cell.ref,
                        f'"{code}" is not a priority of {plan}.',
                        "Use the priority codes of the plan, separated by commas.",
                    )
                )
            else:
                linked_priorities.append(found[0])
        linked_indicators = []
        for code in _list(get(row, "indicators")):
            if code.upper() in indicators:
                linked_indicators.append(indicators[code.upper()])
            else:
                problems.append(
                    Problem(
                        get(row, "indicators").ref,
                        f'"{code}" is not a known indicator code.',
                        "Use codes from the Indicators sheet or the dashboard, separated by commas.",
                    )
                )
        linked_actions = []
        for number in _list(get(row, "actions")):
            number = number.removesuffix(".0")
            if actions.get(number) == plan:
                linked_actions.append(number)
            else:
                problems.append(
                    Problem(
                        get(row, "actions").ref,
                        f'"{number}" is not an action number of {plan}.',
                        "Use the action numbers the Commentary and actions page shows.",
                    )
                )
        kind_cell, status_cell = get(row, "kind"), get(row, "status")
        kind = "risk"
        if kind_cell is not None and not kind_cell.blank:
            kind = _KIND_ALIASES.get(kind_cell.text.lower(), kind_cell.text.lower())
            if kind not in KINDS:
                problems.append(
                    Problem(
                        kind_cell.ref,
                        f'"{kind_cell.text}" is neither a risk nor an issue.',
                        'Write "Risk", or "Issue" for a risk that has happened.',
                    )
                )
        status = "open"
        if status_cell is not None and not status_cell.blank:
            status = _STATUS_ALIASES.get(status_cell.text.lower(), status_cell.text.lower())
            if status not in STATUSES:
                problems.append(
                    Problem(
                        status_cell.ref,
                        f'"{status_cell.text}" is not a risk status.',
                        "Use one of: " + ", ".join(STATUSES) + ".",
                    )
                )
        likelihood = _scale(get(row, "likelihood"), LIKELIHOOD_WORDS, "likelihood", problems)
        impact = _scale(get(row, "impact"), IMPACT_WORDS, "impact", problems)
        if (likelihood is None) != (impact is None) and len(problems) == before:
            cell = get(row, "impact") if impact is None else get(row, "likelihood")
            problems.append(
                Problem(
                    cell.ref if cell is not None else where,
                    "A risk needs both a likelihood and an impact, or neither.",
                    "Fill in the other one (1 to 5), or clear both to leave the risk unscored.",
                )
            )
        score_cell = get(row, "score")
        if score_cell is not None and not score_cell.blank and len(problems) == before:
            expected = score(likelihood, impact)
            if score_cell.text.removesuffix(".0") != str(expected):
                problems.append(
                    Problem(
                        score_cell.ref,
                        f'The score "{score_cell.text}" is not likelihood x impact'
                        f" ({expected if expected is not None else 'blank'}).",
                        "Correct the score, or leave it blank: the dashboard works it out.",
                    )
                )
        dates = {}
        for key in ("review", "assessed"):
            cell = get(row, key)
            try:
                dates[key] = parse_date(cell.value if cell is not None else None, end=key == "review")
            except ValueError as exc:
                problems.append(Problem(cell.ref, str(exc)))
        code_cell = get(row, "code")
        code = code_cell.text if code_cell is not None and not code_cell.blank else None
        if code:
            key = (plan, code.upper())
            if key in seen:
                problems.append(
                    Problem(code_cell.ref, f"{code} is already used in {seen[key]}.", "Give each risk its own code.")
                )
            seen.setdefault(key, code_cell.ref)
        if len(problems) == before:
            mitigation, owner = (
                (c.text or None) if (c := get(row, k)) is not None else None for k in ("mitigation", "owner")
            )
            out.append(
                RiskRow(
                    plan,
                    code,
                    text.text,
                    kind,
                    mitigation,
                    owner,
                    likelihood,
                    impact,
                    status,
                    dates.get("review"),
                    tuple(linked_priorities),
                    tuple(linked_indicators),
                    tuple(linked_actions),
                    where,
                    dates.get("assessed"),
                )
            )
    return out, problems


TEMPLATE_COLUMNS = [
    "Plan",
    "Code",
    "Kind",
    "Risk",
    "Mitigation",
    "Owner",
    "Likelihood",
    "Impact",
    "Status",
    "Review",
    "Priorities",
    "Indicators",
    "Actions",
    "Assessed",
]


def write_risks_sheet(ws, risks) -> None:
    """The template's Risks sheet: the register as held (kpi.risks.Risk), one row per risk, for officers to
    rescore, add to and upload. Left unprotected: officers add rows; lists guide Kind, Status and the scores."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append(TEMPLATE_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in risks:
        ws.append(
            [
                r.plan_code,
                r.code,
                r.kind,
                r.risk,
                r.mitigation,
                r.owner,
                r.likelihood,
                r.impact,
                r.status,
                r.review_date,
                ", ".join(r.linked_priorities),
                ", ".join(r.indicators),
                ", ".join(r.actions),
                None,
            ]
        )
    last = max(len(risks) + 1, 200)
    for column, values, title in (
        ("C", KINDS, "Kind"),
        ("I", STATUSES, "Status"),
        ("G", "12345", "Likelihood"),
        ("H", "12345", "Impact"),
    ):
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            errorTitle=title,
            error=f"Choose one of: {', '.join(values)}.",
        )
        ws.add_data_validation(dv)
        dv.add(f"{column}2:{column}{last}")
    for column in ("J", "N"):
        for row in range(2, last + 1):
            ws[f"{column}{row}"].number_format = "DD/MM/YYYY"
    for column, width in (("D", 60), ("E", 50), ("F", 24), ("K", 16)):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
