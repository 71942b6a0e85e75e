"""Administration: read, filter and export the audit log; take a backup while the dashboard runs.

The log is shown read-only: nothing on this page (or anywhere in the app) edits or deletes it.
"""

import io
import zipfile
from datetime import datetime

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import audit
from kpi.backup import BackupError, backup
from kpi.exports import csv_bytes, xlsx_bytes
from pages.ui import current_user, esc, require_role, store

require_role("admin", "see the audit log and take backups")

st.title("Audit log and backup")
db = store()

st.header("Audit log")
st.caption(
    "Every upload, undo, edit, sign-in, backup and restore: who, when, and what changed (old → new). The log "
    "cannot be edited or deleted, and each row is chained to the one before, so a change made to the file "
    "behind the dashboard's back shows."
)
if st.button("Check the audit log", icon=":material/verified:"):
    check = audit.verify(db)
    (st.success if check.ok else st.error)(esc(check.message()), icon="✅" if check.ok else "⛔")
users, actions = audit.choices(db)
c = st.columns([1, 1, 1, 1, 2])
user = c[0].selectbox("User", ["Anyone"] + users)
action = c[1].selectbox("Action", ["Any"] + actions)
since = c[2].date_input("From", value=None, format="DD/MM/YYYY")
until = c[3].date_input("To", value=None, format="DD/MM/YYYY")
text = c[4].text_input("Contains", placeholder="an indicator code, a file name…")

log = audit.read(
    db,
    user=None if user == "Anyone" else user,
    action=None if action == "Any" else action,
    since=since,
    until=until,
    text=text.strip() or None,
)
st.caption(f"{len(log):,} entries")
log = audit.for_screen(log)
st.dataframe(
    log.drop(columns="detail"),
    hide_index=True,
    width="stretch",
    column_config={
        "id": st.column_config.NumberColumn("No.", format="%d", width="small"),
        "at": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm:ss", width="medium"),
        "user": st.column_config.TextColumn("Who", width="small"),
        "action": st.column_config.TextColumn("Action", width="small"),
        "what": st.column_config.TextColumn("What changed", width="large"),
    },
)
st.caption("Downloads hold the words and, in the last column, the detail as recorded.")
stamp = datetime.now().strftime("%Y%m%d-%H%M")
d = st.columns(2)
d[0].download_button(
    "Download as CSV", csv_bytes(log), f"audit-log-{stamp}.csv", "text/csv", icon=":material/download:"
)
d[1].download_button(
    "Download as Excel",
    xlsx_bytes(log, "Audit log"),
    f"audit-log-{stamp}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)

st.header("Backup")
st.markdown(
    "A backup is a consistent copy of the whole database, taken while the dashboard keeps running. "
    "Restore one with `python -m kpi restore FOLDER --db NEW_FILE`."
)
if st.button("Take a backup now", icon=":material/backup:"):
    folder = db.path.parent / "backups" / f"kpi-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        done = backup(db, folder, user=current_user())
    except BackupError:
        st.error(
            "The backup could not be written. Check that the server has space and may write to the "
            "database's folder, then try again.",
            icon="⛔",
        )
        st.stop()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, f"{folder.name}/{path.name}")
    st.session_state["admin_backup"] = (folder.name, buffer.getvalue(), done.manifest_sha256, done.note)
if "admin_backup" in st.session_state:
    name, data, manifest_sha, note = st.session_state["admin_backup"]
    st.success(
        f"Backup {name} is saved on the server beside the database, in the backups folder. Its manifest's "
        f"SHA-256 is {manifest_sha} (also in the audit log): restore checks every file against it.",
        icon="✅",
    )
    if note:
        st.warning(esc(note), icon="⚠️")
    st.download_button(
        "Download this backup (.zip)", data, f"{name}.zip", "application/zip", icon=":material/download:"
    )
