"""Upload a return: validate, preview what will change, then commit in one transaction."""

import hashlib

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.highlight import default_plan, plan_label, plans
from kpi.returns import MAX_UPLOAD_BYTES, apply_changes, load_return
from kpi.returns.preview import problem_table
from kpi.returns.preview import tables as preview_tables
from kpi.returns.template import build_template, check_template_period
from pages.ui import current_user, esc, require_role, series, store, user_errors

require_role("officer", "upload returns")

st.title("Upload a return")
st.markdown(
    "Upload an Excel return (.xlsx): the template below, a sheet of Indicator, Period, Measure and Value "
    "rows, or your trend tables as you keep them. Nothing is written until you have checked the preview "
    "and confirmed."
)


@st.cache_data(show_spinner=False, max_entries=32)
def _template(_db, version: int, plan: str | None, priority: str | None, period: str | None) -> bytes:
    """Made once per data version and choice, not on every rerun."""
    return build_template(_db, priority=priority, period=period, plan=plan)


with st.expander("Get a return to fill in (template)", icon=":material/download:"):
    known = plans(store())
    plan_codes = known["plan_code"].tolist()
    plan = st.selectbox(
        "Plan",
        plan_codes,
        index=plan_codes.index(default_plan(store())) if plan_codes else None,
        format_func=lambda c: plan_label(known.set_index("plan_code").loc[c]),
    )
    priorities = store().query("board_priorities")
    priorities = priorities[priorities["plan_code"] == plan]
    names = dict(zip(priorities["priority_code"], priorities["title"]))
    choice = st.selectbox(
        "Priority", [None] + list(names), format_func=lambda c: "All priorities" if c is None else f"{names[c]} ({c})"
    )
    period = st.text_input(
        "Period (optional)",
        placeholder="e.g. 2013/14, Sep 13, Q2 2013-14",
        help="Leave blank for each indicator's next period with a target.",
    )
    with user_errors(stop=False):
        asked = period.strip() or None
        check_template_period(store(), choice, asked, plan)  # a mistyped period is said now, not on the click
        db, version = store(), store().data_version()
        st.download_button(
            "Download the template",
            # made when pressed (on its own thread), not on every run of this page
            lambda: _template(db, version, plan, choice, asked),
            file_name="return-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/table_view:",
            on_click="ignore",
        )

uploaded = st.file_uploader("Return workbook", type=["xlsx"], max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024))

if uploaded is None:
    st.stop()

data = uploaded.getvalue()
if len(data) > MAX_UPLOAD_BYTES:  # enforced here as well as in the widget
    st.error(f"The file is larger than the {MAX_UPLOAD_BYTES // 1048576} MB limit.")
    st.stop()
digest = hashlib.sha256(data).hexdigest()
db = store()
version = db.data_version()
# The workbook is read once per upload (and again only if the stored figures change): reruns reuse it.
held = st.session_state.get("upload_preview")
outdated = held is not None and held[0] == digest and held[1] != version
if held is None or held[:2] != (digest, version):
    held = (digest, version, load_return(db, data, uploaded.name, user=current_user(), dry_run=True))
    st.session_state["upload_preview"] = held
preview = held[2]

if not preview.ok:
    st.error(
        f"{len(preview.problems)} problem(s) in {esc(uploaded.name)}. Nothing has been written. "
        "Fix these in the workbook and upload it again:",
        icon="⛔",
    )
    st.dataframe(problem_table(preview.problems), hide_index=True, width="stretch")
    st.stop()

changes = preview.changes
if st.session_state.get("committed") == digest:
    st.success(st.session_state.get("committed_message", "Committed."), icon="✅")
    st.stop()

c = st.columns(4)
c[0].metric("New values", len(changes.new))
c[1].metric("Changed values", len(changes.changed))
c[2].metric("Unchanged", changes.unchanged_count)
c[3].metric("Warnings", len(changes.parsed.warnings))


tables = preview_tables(changes, series())
for kind, heading in (("changed", "Changed values"), ("new", "New values")):
    if len(tables[kind]):
        st.subheader(heading)
        st.caption(
            "In the order the workbook holds them. RAG: what each actual will be rated against its "
            "period's target (this return's, or the one already stored)."
        )
        st.dataframe(tables[kind], hide_index=True, width="stretch")
if changes.parsed.warnings:
    st.subheader("Warnings")
    st.dataframe(problem_table(changes.parsed.warnings), hide_index=True, width="stretch")

if not changes.may_change:
    st.success("Nothing to change: every value in this return is already stored.", icon="✅")
    st.stop()

if st.button("Confirm and commit", type="primary"):
    if outdated:  # something was written after the officer looked: this run made a new preview, above
        st.error(
            "The stored figures changed after you looked at this preview, so nothing was written. "
            "Above is what the return will change now: check it, then confirm again.",
            icon="⛔",
        )
        st.stop()
    with user_errors():  # written exactly as previewed, or not at all (PreviewOutdated)
        upload_id = apply_changes(db, changes, user=current_user(), file_name=uploaded.name, sha256=digest)
    st.session_state["committed"] = digest
    st.session_state["committed_message"] = (
        f"Committed as upload {upload_id}: {changes.summary()}."
        if upload_id
        else f"Nothing to change: {changes.summary()}."
    )
    st.rerun()
