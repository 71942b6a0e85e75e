"""One school: register details, inspection timeline (a chart and its table), results by year, the LA's notes."""

import datetime

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.schools.charts import timeline_chart
from kpi.schools.targets import RULE_TEXT as TARGET_RULE_TEXT
from kpi.schools.targets import RULES as TARGET_RULES
from kpi.schools.targets import default_due, school_target, set_target, withdraw_target
from kpi.schools.views import school_record, set_la_category
from pages.ui import can, current_user, esc, store, user_errors
from pages.ui.text import limited

urn = st.query_params.get("urn") or ""
urn = st.text_input("URN", value=urn, key="urn", help="The school's unique reference number, e.g. 118837")
if not urn.strip():
    st.title("School")
    st.markdown("Give a school's URN, or open one from the list behind a school-based figure.")
    st.stop()
st.query_params["urn"] = urn.strip()
with user_errors():
    record = school_record(store(), urn)

st.title(esc(record.name))
st.markdown("  \n".join(f"**{esc(k)}:** {esc(v)}" for k, v in record.register))

st.subheader("Inspections")
if record.inspections.empty:
    st.markdown("No inspection of this school is held.")
else:
    chart_tab, table_tab = st.tabs(["Timeline", "Table"])
    with chart_tab:
        if record.chart_data.empty:
            st.markdown("No graded inspection with an overall grade is held.")
        else:
            st.altair_chart(
                timeline_chart(record.chart_data, "Overall effectiveness at each graded inspection"), width="stretch"
            )
            st.caption(
                "Each diamond is a graded inspection, labelled with its grade; 1 (outstanding) is at the "
                "top. The Table tab lists every inspection, ungraded ones too."
            )
    with table_tab:
        st.dataframe(record.inspections, hide_index=True, width="stretch")

st.subheader("Results by year")
if record.results.empty:
    st.markdown("No KS2 or KS4 results are held for this school.")
else:
    st.dataframe(record.results, hide_index=True, width="stretch")

st.subheader("Target")
target = school_target(store(), record.urn)
if target.current:
    st.markdown(f"**{esc(target.current)}**" + (f"  \n{esc(target.rating)}" if target.rating else ""))
else:
    st.markdown("No target is set for this school.")
st.caption(esc(TARGET_RULE_TEXT))
if not target.history.empty:
    with st.expander(f"Target history ({len(target.history)} entr{'ies' if len(target.history) != 1 else 'y'})"):
        st.dataframe(target.history, hide_index=True, width="stretch")
if can("officer"):
    with st.form("target", clear_on_submit=False):
        rule = st.selectbox("Rule", list(TARGET_RULES), format_func=TARGET_RULES.get)
        today = datetime.date.today()
        baseline = st.date_input(
            "Baseline date",
            value=today,
            format="DD/MM/YYYY",
            help="From when the target runs, e.g. the completion of the building works",
        )
        due = st.date_input(
            "Due",
            value=default_due(today),
            format="DD/MM/YYYY",
            help="Offered three years after today; the BSF schedule's stages are one and three years "
            "after the building works",
        )
        target_note = st.text_area("Note", key="target-note")
        save, withdraw = st.columns(2)
        if save.form_submit_button("Save target"):
            with user_errors(stop=False):
                st.success(esc(set_target(store(), record.urn, rule, baseline, due, target_note, user=current_user())))
                st.rerun()
        if target.current and withdraw.form_submit_button("Withdraw target"):
            with user_errors(stop=False):
                st.success(esc(withdraw_target(store(), record.urn, target_note, user=current_user())))
                st.rerun()
st.subheader("The LA's categorisation and notes")
if record.categories.empty:
    st.markdown("The LA has not categorised this school yet.")
else:
    st.dataframe(record.categories, hide_index=True, width="stretch")
if can("officer"):
    with st.form("la-category", clear_on_submit=True):
        category = st.text_input(
            "Category", **limited("category", help="The LA's own category, e.g. 'Category 3: needs support'")
        )
        note = st.text_area("Note", **limited("note"))
        effective = st.date_input("From", value=datetime.date.today(), format="DD/MM/YYYY")
        if st.form_submit_button("Save category"):
            with user_errors(stop=False):
                st.success(esc(set_la_category(store(), record.urn, category, note, effective, user=current_user())))
                st.rerun()
st.caption(esc(record.attribution))
