"""The schools behind a figure: numerator and denominator, each school, what changed, filters, downloads."""

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.schools.views import PHASE_LABELS, figure_schools, filter_schools, indicator_figure
from pages.ui import esc, series, store, user_errors
from pages.ui.schools import list_downloads, open_school


@st.cache_data(show_spinner="Finding the schools…", max_entries=32)
def _figure(_store, path, version, area, spec, as_at, previous):
    return figure_schools(_store, area, spec, as_at, previous)


params = st.query_params
with user_errors():
    if params.get("code"):
        area, spec, as_at, previous = indicator_figure(series(), params["code"], params.get("period"))
    else:
        s = store()
        area, spec = params.get("la") or s.home_area(), params.get("measure") or "good_or_outstanding"
        as_at = pd.Timestamp(params.get("as_at") or pd.Timestamp.today().date()).date()
        previous = pd.Timestamp(params["previous"]).date() if params.get("previous") else None
    s = store()
    figure = _figure(s, str(s.path), s.data_version(), area, spec, as_at, previous)

st.title(esc(figure.heading))
st.markdown(f"**{esc(figure.value)}** · {esc(figure.fraction)}")
if figure.not_judged:
    st.markdown(f"**{esc(figure.not_judged)}.** {esc(figure.rule)}")
st.caption(esc(figure.definition))

st.subheader("Schools")
left, middle, right = st.columns([2, 2, 1])
phases = left.multiselect("Phase", list(PHASE_LABELS.values()), key="phase")
grades = middle.multiselect("Grade", sorted(figure.schools["Grade"].unique()), key="grade")
counted = right.toggle("Counted only", key="counted")
text = st.text_input("School name or URN", key="text")
shown = filter_schools(figure.schools, phases, grades, counted, text)
st.caption(f"{len(shown)} of {len(figure.schools)} schools shown. Counted: in the figure's numerator.")
st.dataframe(shown, hide_index=True, width="stretch", column_config={"URN": st.column_config.NumberColumn(format="%d")})
list_downloads(shown, f"schools-{figure.area}-{figure.link.spec.replace(':', '-')}-{figure.as_at.isoformat()}")

st.subheader("Open a school")
open_school(shown)

if figure.previous:
    st.subheader(f"What changed {esc(figure.previous)}")
    if figure.changes.empty:
        st.markdown("No school entered or left a category, improved, declined or was newly inspected.")
    else:
        st.dataframe(
            figure.changes,
            hide_index=True,
            width="stretch",
            column_config={"URN": st.column_config.NumberColumn(format="%d")},
        )
st.caption(esc(figure.attribution))
