"""Page-wide style the dashboard needs on every page."""
from __future__ import annotations

import streamlit as st

# Streamlit's own "Download as CSV" on every table exports stored text unchanged, so "=HYPERLINK(...)" or
# "+cmd|..." would run when the file is opened in Excel. The pages offer safe CSV and Excel downloads
# (kpi.exports) wherever a table is worth taking away, so the built-in button is hidden.
TABLE_CSV_HIDDEN = """<style>
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"],
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) { display: none !important; }
</style>"""


def hide_table_csv_button() -> None:
    st.html(TABLE_CSV_HIDDEN)
