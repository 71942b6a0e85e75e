"""Measures: what DfE's dictionary says about every national measure, and what the national data holds."""

import streamlit as st

from pages.ui import esc
from pages.ui import national as nu

st.title("Measures and sources")
nu.no_national_data()
st.info(esc(nu.latest_note()), icon=":material/update:")
measure = nu.choose_measure()
nu.metadata_panel(measure, expanded=True)

st.subheader("Every measure")
catalogue = nu.measures()
topics = ["All topics", *sorted(catalogue["topic"].dropna().unique())]
topic = st.selectbox("Topic", topics)
shown = catalogue if topic == "All topics" else catalogue[catalogue["topic"] == topic]
table = shown.rename(
    columns={
        "topic": "Topic",
        "title": "Title",
        "measure": "Measure",
        "polarity": "Polarity",
        "unit": "Unit",
        "first_year": "First year",
        "latest_year": "Latest year",
        "last_update": "Last updated",
        "next_update": "Next update",
        "source": "Source",
    }
)
nu.table(
    table[
        [
            "Topic",
            "Title",
            "Measure",
            "Polarity",
            "Unit",
            "First year",
            "Latest year",
            "Last updated",
            "Next update",
            "Source",
        ]
    ],
    stem="dfe-measures",
    sheet="Measures",
    height=480,
)
nu.footer()
