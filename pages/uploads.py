"""Uploads: who loaded what and when; undo one, restoring exactly the values it replaced."""
import streamlit as st

from kpi.returns import UndoRefused, undo_upload
from pages.ui import current_user, require_role, store

require_role("officer", "see and undo uploads")

st.title("Uploads")
db = store()
uploads = db.query("uploads")
if uploads.empty:
    st.info("No uploads yet.")
    st.stop()

table = uploads[["id", "user", "file", "loaded_at", "added", "changed", "unchanged", "warnings", "undone_at", "undone_by"]]
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"loaded_at": st.column_config.DatetimeColumn("Loaded at", format="D MMM YYYY, HH:mm"),
                            "undone_at": st.column_config.DatetimeColumn("Undone at", format="D MMM YYYY, HH:mm")})

active = uploads[uploads["undone_at"].isna()]
if active.empty:
    st.stop()
st.subheader("Undo an upload")
choice = st.selectbox("Upload", active["id"].tolist(),
                      format_func=lambda i: f"{i}: {active.set_index('id').loc[i, 'file']}")
if st.button("Undo this upload"):
    try:
        undo_upload(db, int(choice), user=current_user())
        st.success(f"Upload {choice} undone: the values it replaced are restored.")
        st.rerun()
    except UndoRefused as exc:
        st.error(str(exc))
