"""The Commentary and actions page's risk register: the plan's risks and issues, and a form to add or edit one.

A helper the page calls (not a page itself): officers keep the register beside the actions it refers to.
Every save goes through kpi.risk_register.record_risk, which audits it and adds to the score history.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kpi.risk_register import RiskRow, check_row, record_risk, register
from kpi.risks import BAND_ICONS, IMPACT_WORDS, KINDS, LIKELIHOOD_WORDS, RULES, STATUSES, score_words
from kpi.store import Store
from pages.ui.errors import user_errors
from pages.ui.text import esc, limited


def _scale(words: dict[int, str]):
    return lambda v: "Not scored" if v is None else f"{v} {words[v]}"


def risk_editor(
    store: Store, plan: str, priorities: dict[str, str], indicators: dict[str, str], actions: dict[int, str], user: str
) -> None:
    st.subheader("Risks and issues")
    st.caption(RULES)
    risks = register(store, plan).risks
    if risks:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Code": r.code,
                        "Kind": r.kind.capitalize(),
                        "Risk": r.risk,
                        "Mitigation": r.mitigation or "",
                        "Owner": r.owner or "",
                        "Likelihood": r.likelihood,
                        "Impact": r.impact,
                        "Score": f"{BAND_ICONS[r.band]} {score_words(r.score)}",
                        "Status": r.status,
                        "Review": r.review_date,
                        "Threatens": ", ".join(priorities.get(p, p) for p in r.priorities) or "Whole plan",
                    }
                    for r in risks
                ]
            ),
            hide_index=True,
            column_config={"Review": st.column_config.DateColumn("Review", format="D MMM YYYY")},
        )
    else:
        st.info("This plan has no risks or issues yet. Add one below, or load a return with a Risks sheet.")
    by_code = {r.code: r for r in risks}
    chosen = st.selectbox(
        "Add or edit a risk or issue",
        ["new", *by_code],
        format_func=lambda c: "A new risk or issue" if c == "new" else f"{c}: {by_code[c].risk[:90]}",
    )
    current = by_code.get(chosen)
    with st.form(f"risk-{plan}-{chosen}"):
        text = st.text_area(
            "Risk or issue", value=current.risk if current else "", **limited("risk", current.risk if current else None)
        )
        mitigation = st.text_area(
            "Mitigation",
            value=(current.mitigation or "") if current else "",
            **limited("mitigation", current.mitigation if current else None),
        )
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(
            "Kind",
            KINDS,
            index=KINDS.index(current.kind) if current else 0,
            format_func=lambda k: "Issue (it has happened)" if k == "issue" else "Risk",
        )
        status = c2.selectbox("Status", STATUSES, index=STATUSES.index(current.status) if current else 0)
        owner = c3.text_input(
            "Owner",
            value=(current.owner or "") if current else "",
            **limited("owner", current.owner if current else None),
        )
        scale = [None, 1, 2, 3, 4, 5]
        likelihood = c1.selectbox(
            "Likelihood",
            scale,
            index=scale.index(current.likelihood) if current else 0,
            format_func=_scale(LIKELIHOOD_WORDS),
        )
        impact = c2.selectbox(
            "Impact", scale, index=scale.index(current.impact) if current else 0, format_func=_scale(IMPACT_WORDS)
        )
        review = c3.date_input("Review by", value=current.review_date if current else None, format="DD/MM/YYYY")
        linked = st.multiselect(
            "Priorities it threatens",
            list(priorities),
            format_func=lambda p: priorities[p],
            default=[p for p in (current.linked_priorities if current else ()) if p in priorities],
        )
        on_indicators = st.multiselect(
            "Indicators it threatens",
            list(indicators),
            format_func=lambda i: indicators[i],
            default=[i for i in (current.indicators if current else ()) if i in indicators],
        )
        on_actions = st.multiselect(
            "Actions it threatens",
            list(actions),
            format_func=lambda a: f"{a}: {actions[a][:80]}",
            default=[int(a) for a in (current.actions if current else ()) if int(a) in actions],
        )
        assessed = st.date_input(
            "Assessed on",
            value=date.today(),
            format="DD/MM/YYYY",
            help="The date these scores were judged: a board compares scores at its own date.",
        )
        if st.form_submit_button("Save risk", type="primary"):
            row = RiskRow(
                plan,
                current.code if current else None,
                text.strip(),
                kind,
                mitigation.strip() or None,
                owner.strip() or None,
                likelihood,
                impact,
                status,
                review,
                tuple(linked),
                tuple(on_indicators),
                tuple(str(a) for a in on_actions),
                "dashboard",
                assessed,
                current.risk_id if current else None,
            )
            problems = check_row(row)
            for problem in problems:
                st.error(problem)
            if not problems:
                with user_errors():
                    _, code, outcome = record_risk(store, row, user=user)
                st.toast(f"Risk {esc(code)}: {outcome}.")
                st.rerun()
