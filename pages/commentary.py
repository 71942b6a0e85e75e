"""Commentary and actions: officers say why an indicator is where it is and what is being done, and keep
the plan's actions; red and amber indicators without commentary are listed first."""

from datetime import date

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.commentary import (
    ACTION_STATUSES,
    ActionRow,
    actions_frame,
    commentary_frame,
    flag_missing,
    record_action,
    record_commentary,
)
from kpi.highlight import default_plan, plan_label, plans
from pages.risk_editor import risk_editor
from pages.ui import current_user, esc, latest_figures, rag_label, require_role, series, store, user_errors
from pages.ui.text import limited

st.title("Commentary and actions")
require_role("officer", "record commentary and actions")
s = store()
frame = series()
latest = latest_figures()
commentary = commentary_frame(s)

flagged = flag_missing(latest, commentary)
if flagged.empty:
    st.success("Every red and amber indicator has commentary for its latest period.", icon=":material/check_circle:")
else:
    st.warning(
        f"{len(flagged)} red or amber indicators have no commentary for their latest period:", icon=":material/warning:"
    )
    st.markdown("\n".join(f"- {esc(rag_label(r.rag))}: {esc(r.title)} ({esc(r.period)})" for r in flagged.itertuples()))

st.subheader("Commentary")
titles = dict(zip(latest["code"], latest["title"]))
codes = list(titles)
wanted = st.query_params.get("code")
default = codes.index(wanted) if wanted in codes else (codes.index(flagged["code"].iloc[0]) if not flagged.empty else 0)
code = st.selectbox("Indicator", codes, index=default, format_func=lambda c: f"{titles[c]} ({c})")
st.query_params["code"] = code
periods = frame[(frame["code"] == code) & frame["period"].notna()].sort_values("end_date", ascending=False)
periods = periods[periods["actual"].notna() | periods["target"].notna()]
if periods.empty:
    st.info("This indicator has no periods yet: load a return with its figures first.")
else:
    keys = periods["period_key"].tolist()
    labels = dict(zip(periods["period_key"], periods["period"]))
    latest_key = latest.set_index("code").loc[code, "period_key"]
    period_key = st.selectbox(
        "Period", keys, index=keys.index(latest_key) if latest_key in keys else 0, format_func=lambda k: labels[k]
    )
    row = periods.set_index("period_key").loc[period_key]
    st.caption(f"{rag_label(row['rag'])} — {esc(row['rag_reason'])}")
    held = commentary[(commentary["indicator_code"] == code) & (commentary["period_key"] == period_key)]
    old = held["text"].iloc[0] if len(held) else ""
    with st.form(f"commentary-{code}-{period_key}"):
        text = st.text_area(
            "Why is it where it is, and what is being done?",
            value=old,
            height=140,
            **limited("commentary", old, "Leave blank and save to remove the commentary."),
        )
        if st.form_submit_button("Save commentary", type="primary"):
            with user_errors():
                changed = record_commentary(s, code, period_key, text, user=current_user())
            st.toast("Commentary saved." if changed else "No change to save.")
            st.rerun()
    if len(held):
        st.caption(f"Last saved by {esc(held['author'].iloc[0])} on {held['updated_at'].iloc[0]:%d %b %Y %H:%M}.")

st.subheader("Actions")
known = plans(s)
plan_codes = known["plan_code"].tolist()
plan = st.selectbox(
    "Plan",
    plan_codes,
    index=plan_codes.index(default_plan(s)),
    format_func=lambda c: plan_label(known.set_index("plan_code").loc[c]),
)
actions = actions_frame(s)
mine = actions[actions["plan_code"] == plan]
# A table that wraps (not a grid that cuts long descriptions off at the column's edge).
st.table(
    pd.DataFrame(
        {
            "No.": mine["action_id"].astype(str),
            "Priority": mine["priority"].fillna(""),
            "Indicator": mine["indicator"].fillna(""),
            "Action": mine["description"].fillna(""),
            "Owner": mine["owner"].fillna(""),
            "Start": [f"{d:%-d %b %Y}" if pd.notna(d) else "" for d in pd.to_datetime(mine["start_date"])],
            "Due": [f"{d:%-d %b %Y}" if pd.notna(d) else "" for d in pd.to_datetime(mine["due_date"])],
            "Status": mine["status"].fillna(""),
            "Overdue": ["overdue" if o else "" for o in mine["overdue"].fillna(False)],
        }
    ),
    hide_index=True,
    border="horizontal",
)

priorities = s.query("board_priorities")
priorities = priorities[priorities["plan_code"] == plan]
prio_titles = dict(zip(priorities["priority_code"], priorities["title"]))
plan_indicators = latest[latest["priority_code"].isin(prio_titles)]
ind_titles = dict(zip(plan_indicators["code"], plan_indicators["title"]))
options = ["new"] + mine["action_id"].tolist()
descriptions = dict(zip(mine["action_id"], mine["description"]))
chosen = st.selectbox(
    "Add or edit an action",
    options,
    format_func=lambda a: "A new action" if a == "new" else f"{a}: {descriptions[a][:90]}",
)
current = mine.set_index("action_id").loc[chosen] if chosen != "new" else None


def _value(field, fallback=None):
    if current is None:
        return fallback
    value = current[field]
    return fallback if value is None or (not isinstance(value, str) and pd.isna(value)) else value


with st.form(f"action-{plan}-{chosen}"):
    description = st.text_area("Action", value=_value("description", ""), **limited("action", _value("description")))
    c1, c2 = st.columns(2)
    prio_opts = [None] + list(prio_titles)
    priority = c1.selectbox(
        "Priority",
        prio_opts,
        index=prio_opts.index(_value("priority_code")) if _value("priority_code") in prio_opts else 0,
        format_func=lambda p: "Whole plan" if p is None else prio_titles[p],
    )
    ind_opts = [None] + list(ind_titles)
    indicator = c2.selectbox(
        "Indicator",
        ind_opts,
        index=ind_opts.index(_value("indicator_code")) if _value("indicator_code") in ind_opts else 0,
        format_func=lambda i: "None" if i is None else ind_titles[i],
    )
    owner = c1.text_input("Owner", value=_value("owner", ""), **limited("owner", _value("owner")))
    status = c2.selectbox("Status", ACTION_STATUSES, index=ACTION_STATUSES.index(_value("status", "not started")))
    start = c1.date_input("Start", value=_value("start_date", date.today()), format="DD/MM/YYYY")
    due = c2.date_input("Due", value=_value("due_date", None), format="DD/MM/YYYY")
    if st.form_submit_button("Save action", type="primary"):
        if not description.strip():
            st.error("Describe the action before saving.")
        elif due and start and due < start:
            st.error("The due date is before the start date.")
        else:
            row = ActionRow(
                plan,
                priority,
                indicator,
                description.strip(),
                owner.strip() or None,
                start,
                due,
                status,
                "dashboard",
                None if chosen == "new" else int(chosen),
            )
            with user_errors():
                action_id, outcome = record_action(s, row, user=current_user())
            st.toast(f"Action {action_id}: {outcome}.")
            st.rerun()

plan_own = latest[(latest["plan_code"] == plan) | latest["priority_code"].isin(prio_titles)]
risk_editor(s, plan, prio_titles, dict(zip(plan_own["code"], plan_own["title"])), descriptions, current_user())
