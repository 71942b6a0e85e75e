"""One school: register details, inspection timeline (a chart and its table), results by year, the LA's notes."""
import datetime

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.schools.charts import timeline_chart
from kpi.schools.views import school_record, set_la_category
from pages.ui import can, current_user, esc, store, user_errors

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
            st.altair_chart(timeline_chart(record.chart_data, "Overall effectiveness at each graded inspection"),
                            width="stretch")
            st.caption("Each diamond is a graded inspection, labelled with its grade; 1 (outstanding) is at the "
                       "top. The Table tab lists every inspection, ungraded ones too.")
    with table_tab:
        st.dataframe(record.inspections, hide_index=True, width="stretch")

st.subheader("Results by year")
if record.results.empty:
    st.markdown("No KS2 or KS4 results are held for this school.")
else:
    st.dataframe(record.results, hide_index=True, width="stretch")

st.subheader("The LA's categorisation and notes")
if record.categories.empty:
    st.markdown("The LA has not categorised this school yet.")
else:
    st.dataframe(record.categories, hide_index=True, width="stretch")
if can("officer"):
    with st.form("la-category", clear_on_submit=True):
        category = st.text_input("Category", help="The LA's own category, e.g. 'Category 3: needs support'")
        note = st.text_area("Note")
        effective = st.date_input("From", value=datetime.date.today(), format="DD/MM/YYYY")
        if st.form_submit_button("Save category"):
            with user_errors(stop=False):
                st.success(esc(set_la_category(store(), record.urn, category, note, effective, user=current_user())))
                st.rerun()
st.caption(esc(record.attribution))
