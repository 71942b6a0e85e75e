"""Where each page lives, and running every page through app.py's menu."""
from __future__ import annotations

import streamlit as st

PAGE_FILES = {
    "overview": "pages/overview.py",
    "indicator": "pages/indicator.py",
    "upload": "pages/upload.py",
    "uploads": "pages/uploads.py",
    "signin": "pages/signin.py",
    "admin": "pages/admin.py",
    "board": "pages/board.py",
    "present": "pages/present.py",
    "commentary": "pages/commentary.py",
    "compare": "pages/compare.py",
    "import_dfe": "pages/import_dfe.py",
    "profile": "pages/profile.py",
    "regional": "pages/regional.py",
    "neighbours": "pages/neighbours.py",
    "all_las": "pages/all_las.py",
    "create": "pages/create.py",
    "measures": "pages/measures.py",
    "schools": "pages/schools.py",
    "school": "pages/school.py",
    "import_schools": "pages/import_schools.py",
    "accessibility": "pages/accessibility.py",
}


def _leave_pages_directory_mode() -> None:
    """Run every page through app.py, so its menu, page config and viewer_gate always apply.

    Because this folder is called pages/, Streamlit starts each server in its old
    pages-directory mode and, until someone opens "/", runs a typed URL such as /admin as a
    bare script, skipping app.py. Every page imports this module, so the first such run
    switches the mode off and reruns the same page through st.navigation.
    """
    try:  # Streamlit internals: if a later release moves them, the browser access test says so
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", False) and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False
        st.rerun()
