"""Admin: import school files (Ofsted's outcomes, inspection history, register, KS2/KS4), as the command line does."""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.schools.files import SchoolFile, SchoolImportError
from kpi.schools.importer import import_schools
from kpi.schools.shapes import SHAPES
from pages.ui import current_user, esc, require_role, store, user_errors

require_role("admin", "import school data")
st.title("Import school data")
st.markdown(
    "Upload the files as you download them; each is recognised by its columns. Everything is "
    "checked first and written in one go: if any row has a problem, nothing is imported. A file "
    "imported before changes nothing."
)
st.markdown("\n".join(f"- **{esc(s.title)}**: {esc(', '.join(s.required))}" for s in SHAPES))
files = st.file_uploader("School files (CSV or Excel)", type=["csv", "xlsx"], accept_multiple_files=True)
if files and st.button("Import", type="primary"):
    with user_errors(stop=False):
        try:
            summary = import_schools(store(), [SchoolFile(f.name, f.getvalue()) for f in files], user=current_user())
        except SchoolImportError as exc:  # every problem, each naming file, row and column
            st.error(esc(str(exc)), icon="⛔")
            st.markdown("\n".join(f"- {esc(p)}" for p in exc.problems))
            st.stop()
        new = [f["file"] for f in summary["files"] if f["new"]]
        if not new:
            st.info("No changes: every file was imported before.")
        else:
            st.success(
                f"Imported {len(new)} file{'s' if len(new) != 1 else ''}: {summary['schools_new']:,} new schools, "
                f"{summary['inspections_new']:,} new inspections, {summary['results_new']:,} new results."
            )
