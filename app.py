"""The dashboard's entry point: page config and which pages this user may see (st.navigation). Nothing else."""
import streamlit as st

from pages.ui import PAGE_FILES, auth_mode, can, hide_table_csv_button, run_page, signed_in, viewer_gate

PRODUCT = "School improvement performance"
st.set_page_config(page_title=PRODUCT, page_icon=":material/monitoring:", layout="wide")

# section, page, menu title, icon, URL path, role the menu shows it to (the page checks the role itself:
# hiding a page is not protection)
MENU = [
    ("Dashboard", "overview", "Overview", "dashboard", "overview", "viewer"),
    ("Dashboard", "indicator", "Indicator", "show_chart", "indicator", "viewer"),
    ("Dashboard", "compare", "Compare", "compare_arrows", "compare", "viewer"),
    ("National", "profile", "Authority profile", "location_city", "profile", "viewer"),
    ("National", "regional", "Regional", "map", "regional", "viewer"),
    ("National", "neighbours", "Statistical neighbours", "hub", "neighbours", "viewer"),
    ("National", "all_las", "All LAs", "table_rows", "all-las", "viewer"),
    ("National", "create", "Create your own", "table_view", "create", "viewer"),
    ("National", "measures", "Measures and sources", "menu_book", "measures", "viewer"),
    ("Schools", "schools", "Schools behind a figure", "format_list_bulleted", "schools", "viewer"),
    ("Schools", "school", "School", "school", "school", "viewer"),
    ("Schools", "concern", "Schools causing concern", "report", "concern", "viewer"),
    ("Board", "board", "Highlight report", "summarize", "board", "viewer"),
    ("Board", "present", "Present", "co_present", "present", "viewer"),
    ("Board", "commentary", "Commentary and actions", "edit_note", "commentary", "officer"),
    ("Returns", "upload", "Upload a return", "upload_file", "upload", "officer"),
    ("Returns", "uploads", "Uploads", "history", "uploads", "officer"),
    ("Admin", "admin", "Audit log and backup", "admin_panel_settings", "admin", "admin"),
    ("Admin", "import_dfe", "Import DfE data", "database_upload", "import-dfe", "admin"),
    ("Admin", "import_schools", "Import school data", "upload", "import-schools", "admin"),
]

pages: dict[str, list] = {}
for section, key, title, icon, url_path, role in MENU:
    pages.setdefault(section, []).append(st.Page(
        PAGE_FILES[key], title=title, icon=f":material/{icon}:", url_path=url_path, default=key == "overview",
        visibility="visible" if can(role) else "hidden"))
pages["Account"] = [st.Page(PAGE_FILES["signin"], title="Sign out" if signed_in() else "Sign in", icon=":material/login:",
                            url_path="signin", visibility="hidden" if auth_mode() == "none" else "visible")]

page = st.navigation(pages)
# The browser's title (tab, history, bookmarks, what a screen reader announces first) names the page.
st.set_page_config(page_title=f"{page.title} · {PRODUCT}")
if page.url_path != "signin":
    viewer_gate()
hide_table_csv_button()
run_page(page)
