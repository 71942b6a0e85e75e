"""The dashboard's entry point: page config and which pages this user may see (st.navigation). Nothing else.

`streamlit run app.py` reads this file twice over. The server imports it once as a module to find `app`
below: Streamlit's own web server plus the built-in sign-in form's addresses (pages/ui/account.py),
which set the HttpOnly session cookie a page cannot. Then every page view runs it as the script
(`__main__`), which lays out the menu.
"""

import streamlit as st

import pages.ui  # noqa: F401  (first, here at the server's start: every page's modules imported once; see pages/ui/links.py)

PRODUCT = "School improvement performance"

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
    ("Schools", "concern", "Schools causing concern", "report", "concern", "viewer"),
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


def dashboard() -> None:
    """One page view: the menu this user may see, then the page."""
    from pages.ui import PAGE_FILES, auth_mode, can, page_style, run_page, signed_in, viewer_gate
    from pages.ui.links import home_at_its_own_address

    st.set_page_config(page_title=PRODUCT, page_icon=":material/monitoring:", layout="wide")
    pages: dict[str, list] = {}
    for section, key, title, icon, url_path, role in MENU:
        pages.setdefault(section, []).append(
            st.Page(
                PAGE_FILES[key],
                title=title,
                icon=f":material/{icon}:",
                url_path=url_path,
                default=key == "overview",
                visibility="visible" if role == "anyone" or can(role) else "hidden",
            )
        )
    pages["Account"] = [
        st.Page(
            PAGE_FILES["signin"],
            title="Sign out" if signed_in() else "Sign in",
            icon=":material/login:",
            url_path="signin",
            visibility="hidden" if auth_mode() == "none" else "visible",
        )
    ]

    # Along the top: in the sidebar, Streamlit puts section labels inside the list of links, which axe-core
    # flags on every page (WCAG 1.3.1); the top bar gives each section its own menu button. Below 768 px
    # wide Streamlit still uses the sidebar (README, Accessibility).
    home_at_its_own_address()  # /overview is the Overview's address as well as "/"
    page = st.navigation(pages, position="top")
    # The browser's title (tab, history, bookmarks, what a screen reader announces first) names the page.
    st.set_page_config(page_title=f"{page.title} · {PRODUCT}")
    if page.url_path not in OPEN_PAGES:
        viewer_gate()
    page_style()
    run_page(page)


if __name__ == "__main__":  # a page view
    dashboard()
else:  # the server, once: Streamlit plus the sign-in form's addresses
    from starlette.routing import Route
    from streamlit import config

    from pages.ui.ahead import make_ahead_under_this_server
    from pages.ui.page_addresses import page_routes
    from pages.ui.server import ignore_client_cache_clears

    ignore_client_cache_clears()  # a hand-made websocket message must not empty every reader's caches
    make_ahead_under_this_server()  # the Highlight report's PDF is made before its button is pressed
    # The old pages-folder mode, which would run a typed address such as /admin without the menu's checks, is
    # switched off by the first page run itself (pages/ui/links.py, through_app), which also lands that run on
    # the page its address names.

    async def _account(request):
        """POST /account/sign-in and /account/sign-out (pages/ui/account.py, loaded once the server is up)."""
        from pages.ui.account import handle

        return await handle(request)

    _root = (config.get_option("server.baseUrlPath") or "").strip("/")
    _base = "/".join(p for p in [_root, "account"] if p)
    app = st.App(
        __file__,
        routes=[
            Route(f"/{_base}/{{action}}", _account, methods=["POST"]),
            # each page's own address connects without first asking for the server under it
            *page_routes([url for *_, url, _role in MENU] + ["signin"], _root),
        ],
    )
