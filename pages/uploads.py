"""Uploads: who loaded what and when; undo one after seeing exactly what it will remove."""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.returns import plan_undo, undo_upload
from pages.ui import current_user, esc, require_role, store, user_errors

require_role("officer", "see and undo uploads")

st.title("Uploads")
db = store()

# The last undo's outcome stays on screen until the officer does something else.
if message := st.session_state.get("undo_message"):
    st.success(message, icon="✅")

uploads = db.query("uploads")
if uploads.empty:
    st.info("No uploads yet.")
    st.stop()

table = uploads[
    ["id", "user", "file", "loaded_at", "added", "changed", "unchanged", "warnings", "undone_at", "undone_by"]
]
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "id": st.column_config.NumberColumn("No.", format="%d", width="small"),
        "user": st.column_config.TextColumn("Who", width="small"),
        "file": st.column_config.TextColumn("File", width="large"),
        "loaded_at": st.column_config.DatetimeColumn("Loaded at", format="D MMM YYYY, HH:mm"),
        "added": st.column_config.NumberColumn("Added", width="small"),
        "changed": st.column_config.NumberColumn("Changed", width="small"),
        "unchanged": st.column_config.NumberColumn("Unchanged", width="small"),
        "warnings": st.column_config.NumberColumn("Warnings", width="small"),
        "undone_at": st.column_config.DatetimeColumn("Undone at", format="D MMM YYYY, HH:mm"),
        "undone_by": st.column_config.TextColumn("Undone by", width="small"),
    },
)

active = uploads[uploads["undone_at"].isna()]
if active.empty:
    st.stop()
st.subheader("Undo an upload")
files = active.set_index("id")["file"].to_dict()
if st.session_state.pop("undo_reset", False):  # after an undo, nothing is chosen for the next one
    st.session_state.pop("undo_choice", None)
choice = st.selectbox(
    "Upload to undo",
    list(files),
    index=None,
    key="undo_choice",
    placeholder="Choose an upload",
    format_func=lambda i: f"{i}: {files[i]}",
)
if choice is None:
    st.stop()

with user_errors():
    plan = plan_undo(db, int(choice))
st.warning(esc(plan.summary()), icon=":material/undo:")
if plan.indicators:
    st.markdown("**Indicators it touches:** " + esc("; ".join(plan.indicators)))
for note in plan.notes():
    st.info(esc(note), icon=":material/info:")
if plan.blockers:
    st.error(
        f"Upload {choice} cannot be undone while later uploads ({', '.join(map(str, plan.blockers))}) have "
        "changed the same values: undo those first.",
        icon="⛔",
    )
    st.stop()
sure = True
if plan.needs_second_confirmation:
    for caution in plan.cautions():
        st.error(esc(caution), icon=":material/warning:")
    sure = st.checkbox(f"I understand, and still want to undo upload {choice}", key=f"undo_sure_{choice}")

# What the officer saw on the last run; the undo goes ahead only if the figures are still those.
seen = st.session_state.get("undo_seen")
st.session_state["undo_seen"] = (choice, plan.data_version)
if st.button(f"Undo upload {choice}", type="primary", disabled=not sure):
    if seen != (choice, plan.data_version):
        st.error(
            "The figures changed after you looked, so nothing was undone. Above is what the undo will "
            "remove now: check it, then confirm again.",
            icon="⛔",
        )
        st.stop()
    with user_errors():
        undo_upload(db, int(choice), user=current_user(), expected_version=plan.data_version)
    st.session_state["undo_message"] = plan.done()
    st.session_state["undo_reset"] = True
    st.rerun()
