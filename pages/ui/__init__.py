"""Streamlit helpers the pages share; the only place besides the page files where Streamlit is imported.

links: where pages live; text: safe Markdown; data: the store and cached reads; tiles: labels and the
Overview tile (laid out from kpi.cards); access: sign-in and roles. Everything figures-related comes from kpi/.
"""

from pages.ui.access import (
    ACTIONS,
    auth_mode,
    can,
    current_role,
    current_user,
    require_role,
    secret_section,
    session_cookie,
    signed_in,
    viewer_gate,
    viewing_open,
)
from pages.ui.charts import chart
from pages.ui.chrome import page_style
from pages.ui.data import demo_banner, highlight, latest_cards, latest_figures, outlooks, outlooks_at, series, store
from pages.ui.errors import run_page, user_errors
from pages.ui.links import PAGE_FILES, import_page_modules
from pages.ui.text import esc
from pages.ui.tiles import direction_label, rag_label, tile

__all__ = [
    "ACTIONS",
    "PAGE_FILES",
    "auth_mode",
    "can",
    "chart",
    "current_role",
    "current_user",
    "demo_banner",
    "outlooks",
    "outlooks_at",
    "direction_label",
    "esc",
    "page_style",
    "highlight",
    "latest_cards",
    "latest_figures",
    "rag_label",
    "require_role",
    "run_page",
    "secret_section",
    "series",
    "session_cookie",
    "signed_in",
    "store",
    "tile",
    "user_errors",
    "viewer_gate",
    "viewing_open",
]

import_page_modules()  # last: the pages' own modules import names from this package
