"""The dashboard's entry point: page config and which pages this user may see (st.navigation). Nothing else."""
import streamlit as st

from pages.ui import PAGE_FILES, auth_mode, can, page_style, run_page, signed_in, viewer_gate

PRODUCT = "School improvement performance"
st.set_page_config(page_title=PRODUCT, page_icon=":material/monitoring:", layout="wide")

# section, page, menu title, icon, URL path, role the menu shows it to (the page checks the role itself:
# hiding a page is not protection; "anyone": shown and opened without signing in)
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
    ("Board", "board", "Highlight report", "summarize", "board", "viewer"),
    ("Board", "present", "Present", "co_present", "present", "viewer"),
    ("Board", "commentary", "Commentary and actions", "edit_note", "commentary", "officer"),
    ("Returns", "upload", "Upload a return", "upload_file", "upload", "officer"),
    ("Returns", "uploads", "Uploads", "history", "uploads", "officer"),
    ("Admin", "admin", "Audit log and backup", "admin_panel_settings", "admin", "admin"),
    ("Admin", "import_dfe", "Import DfE data", "database_upload", "import-dfe", "admin"),
    ("Admin", "import_schools", "Import school data", "upload", "import-schools", "admin"),
    ("About", "accessibility", "Accessibility statement", "accessibility_new", "accessibility", "anyone"),
]
OPEN_PAGES = {"signin"} | {url for *_, url, role in MENU if role == "anyone"}

pages: dict[str, list] = {}
for section, key, title, icon, url_path, role in MENU:
    pages.setdefault(section, []).append(st.Page(
        PAGE_FILES[key], title=title, icon=f":material/{icon}:", url_path=url_path, default=key == "overview",
        visibility="visible" if role == "anyone" or can(role) else "hidden"))
pages["Account"] = [st.Page(PAGE_FILES["signin"], title="Sign out" if signed_in() else "Sign in", icon=":material/login:",
                            url_path="signin", visibility="hidden" if auth_mode() == "none" else "visible")]

# Along the top: in the sidebar, Streamlit puts section labels inside the list of links, which axe-core
# flags on every page (WCAG 1.3.1); the top bar gives each section its own menu button. Below 768 px
# wide Streamlit still uses the sidebar (README, Accessibility).
page = st.navigation(pages, position="top")
# The browser's title (tab, history, bookmarks, what a screen reader announces first) names the page.
st.set_page_config(page_title=f"{page.title} · {PRODUCT}")
if page.url_path not in OPEN_PAGES:
    viewer_gate()
page_style()
run_page(page)
