"""What the school pages share: a list's safe downloads, made when clicked, and opening one school from a list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi.exports import csv_bytes, xlsx_bytes
from pages.ui.links import PAGE_FILES
from pages.ui.text import esc

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def list_downloads(frame: pd.DataFrame, stem: str, sheet: str = "Schools") -> None:
    """CSV and Excel of the list as shown (formula-safe, kpi.exports), built only when a button is clicked."""
    row = st.container(horizontal=True)
    row.download_button(
        "Download CSV",
        lambda: csv_bytes(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"csv-{stem}",
    )
    row.download_button(
        "Download Excel",
        lambda: xlsx_bytes({sheet: frame}),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        icon=":material/download:",
        on_click="ignore",
        key=f"xlsx-{stem}",
    )


def open_school(frame: pd.DataFrame, key: str = "open") -> None:
    """A chooser of the list's schools (URN and School columns) and a link to the chosen school's page."""
    urns = frame["URN"].tolist()
    if not urns:
        return
    labels = dict(zip(frame["URN"], frame["School"]))
    urn = st.selectbox("School", urns, format_func=lambda u: f"{labels[u]} ({u})", key=key)
    st.page_link(
        PAGE_FILES["school"], label=f"Open {esc(labels[urn])}", icon=":material/school:", query_params={"urn": str(urn)}
    )
