"""The dashboard's entry point: page config and which pages there are (st.navigation). Nothing else."""
import streamlit as st

from pages.ui import PAGE_FILES, auth_mode, can, signed_in, viewer_gate

st.set_page_config(page_title="School improvement performance", page_icon=":material/monitoring:", layout="wide")


def shown(needed: str) -> str:
    """Menu visibility by role. Pages still check the role themselves: hiding is not protection."""
    return "visible" if can(needed) else "hidden"


pages = {
    "Dashboard": [
        st.Page(PAGE_FILES["overview"], title="Overview", icon=":material/dashboard:", url_path="overview", default=True,
                visibility=shown("viewer")),
        st.Page(PAGE_FILES["indicator"], title="Indicator", icon=":material/show_chart:", url_path="indicator", visibility=shown("viewer")),
        st.Page(PAGE_FILES["compare"], title="Compare", icon=":material/compare_arrows:", url_path="compare", visibility=shown("viewer")),
    ],
    "Board": [
        st.Page(PAGE_FILES["board"], title="Highlight report", icon=":material/summarize:", url_path="board",
                visibility=shown("viewer")),
        st.Page(PAGE_FILES["present"], title="Present", icon=":material/co_present:", url_path="present",
                visibility=shown("viewer")),
        st.Page(PAGE_FILES["commentary"], title="Commentary and actions", icon=":material/edit_note:",
                url_path="commentary", visibility=shown("officer")),
    ],
    "Returns": [
        st.Page(PAGE_FILES["upload"], title="Upload a return", icon=":material/upload_file:", url_path="upload",
                visibility=shown("officer")),
        st.Page(PAGE_FILES["uploads"], title="Uploads", icon=":material/history:", url_path="uploads", visibility=shown("officer")),
    ],
    "Admin": [
        st.Page(PAGE_FILES["admin"], title="Audit log and backup", icon=":material/admin_panel_settings:", url_path="admin",
                visibility=shown("admin")),
        st.Page(PAGE_FILES["import_dfe"], title="Import DfE data", icon=":material/database_upload:", url_path="import-dfe",
                visibility=shown("admin")),
    ],
    "Account": [
        st.Page(PAGE_FILES["signin"], title="Sign out" if signed_in() else "Sign in", icon=":material/login:",
                url_path="signin", visibility="hidden" if auth_mode() == "none" else "visible"),
    ],
}
page = st.navigation(pages)
if page.url_path != "signin":
    viewer_gate()
page.run()
