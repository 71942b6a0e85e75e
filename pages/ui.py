"""Streamlit helpers the pages share: the store, cached reads, tiles and safe text.

The only other place besides the page files where Streamlit is imported; everything
figures-related comes from kpi/.
"""
from __future__ import annotations

import getpass
import re

import pandas as pd
import streamlit as st

from kpi import figures
from kpi.auth import ROLES, Throttle, role_allows, roles_from_claims
from kpi.cards import Card, cards
from kpi.demo import build_demo_if_empty, is_demo
from kpi.model import ARROWS, DIRECTION_WORDS, NO_DIRECTION, RAG_ICONS, RAG_WORDS, is_missing
from kpi.store import Store, StoreError, default_db_path


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


_leave_pages_directory_mode()

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
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~#])")
_MD_LEADING = re.compile(r"^(\s*)([-+]|\d+\.)(\s)", re.MULTILINE)


def esc(text) -> str:
    """User text shown as plain text inside Markdown: no links, HTML, emphasis, colour directives or LaTeX."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return _MD_LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", escaped)


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(path: str) -> Store:
    store = Store(path)
    build_demo_if_empty(store)
    return store


def store() -> Store:
    """The process's one Store; builds the demo on first start. Stops the page with a plain message if busy."""
    try:
        return _open_store(str(default_db_path()))
    except StoreError as exc:
        st.error(str(exc), icon="⛔")
        st.stop()


@st.cache_data(show_spinner=False, max_entries=16)
def _series(_store: Store, path: str, version: int) -> pd.DataFrame:
    return figures.all_series(_store)


@st.cache_data(show_spinner=False, max_entries=16)
def _latest(_store: Store, path: str, version: int) -> pd.DataFrame:
    return figures.latest(series())


def latest_figures() -> pd.DataFrame:
    """One row per indicator, its latest period with an actual: computed once per data version."""
    s = store()
    return _latest(s, str(s.path), s.data_version())


def series() -> pd.DataFrame:
    """Every indicator's assessed series: one query per data version, shared by every page and user."""
    s = store()
    return _series(s, str(s.path), s.data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _cards(_store: Store, path: str, version: int) -> dict[str, Card]:
    return {c.code: c for c in cards(latest_figures(), series())}


def latest_cards() -> dict[str, Card]:
    """Every indicator's card for its latest figures, by code: worded once per data version."""
    s = store()
    return _cards(s, str(s.path), s.data_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _highlight(_store: Store, path: str, version: int, plan, period, as_of):
    from kpi.highlight import highlight_report
    return highlight_report(_store, plan=plan, period=period, as_of=as_of, series=series())


def highlight(plan, period, as_of):
    """The highlight report for a plan, period and date: computed once per data version (board and presenter)."""
    s = store()
    return _highlight(s, str(s.path), s.data_version(), plan, period, as_of)


def demo_banner() -> None:
    if is_demo(store()):
        st.info("You are looking at **demo data**, written from published plans: Kent's 2013-14 business plan "
                "(figures, targets and ratings), Central Bedfordshire's 2015-19 targets and milestones, and "
                "Sandwell's 2008-11 actions. Upload a return to use your own.", icon=":material/info:")


def rag_label(rag: str) -> str:
    return f"{RAG_ICONS.get(rag, '')} {RAG_WORDS.get(rag, rag)}"


def direction_label(direction, polarity) -> str:
    if is_missing(direction) or not direction:
        return NO_DIRECTION
    return f"{ARROWS.get((direction, polarity), '')} {DIRECTION_WORDS[direction]}"


def tile(card: Card) -> None:
    """One indicator's tile, laid out from its card: two elements inside a bordered box, few for a fast page.

    The value is large text, not a heading, so the page's headings stay the priorities.
    """
    with st.container(border=True, key=f"tile-{card.code}"):
        head = (f"**{esc(card.title)}**  \n:{card.rag_badge}-badge[{esc(card.rag_label)}] "
                f"{esc(card.direction_label)}  \n"
                f'<span style="font-size:2rem;font-weight:700;line-height:1.25">{esc(card.value)}</span> '
                f"{esc(card.period) if card.has_figure else ''}")
        body = card.lines + ([card.no_figures] if card.no_figures else [])
        st.markdown("  \n".join([head] + [esc(line) for line in body]), unsafe_allow_html=True)
        st.page_link(PAGE_FILES["indicator"], label=card.link_label, icon=":material/show_chart:",
                     query_params={"code": card.code})


# -- who is signed in, and what they may do --------------------------------------------------
# Sign-in comes from secrets: [auth] -> OpenID Connect (st.login, e.g. Entra ID), [users.NAME] ->
# the built-in form, neither -> a local single-user copy where everyone may use every page.
# Pages that write call require_role(...) themselves, so typing a hidden page's URL is refused too.

ACTIONS = {"viewer": "view the dashboard", "officer": "change the figures", "admin": "administer the dashboard"}


def secret_section(section: str) -> dict:
    try:
        value = st.secrets.get(section)
    except Exception:  # no secrets file at all
        return {}
    return value.to_dict() if hasattr(value, "to_dict") else dict(value or {})


def auth_mode() -> str:
    """'oidc' when secrets has [auth], 'password' when it has [users], else 'none' (local, no sign-in)."""
    if secret_section("auth"):
        return "oidc"
    return "password" if secret_section("users") else "none"


@st.cache_resource
def sign_in_throttle() -> Throttle:
    """One per process: the failed-attempt counts every session shares."""
    return Throttle()


def signed_in() -> tuple[str, str | None] | None:
    """(name, role) of the signed-in user, or None. The role is re-read from secrets on every run."""
    mode = auth_mode()
    if mode == "oidc":
        if not st.user.get("is_logged_in", False):
            return None
        claims = st.user.to_dict()
        name = claims.get("email") or claims.get("preferred_username") or claims.get("name") or "signed-in user"
        return str(name), roles_from_claims(claims, secret_section("auth").get("roles", {}))
    name = st.session_state.get("auth_user") if mode == "password" else None
    entry = next((v for k, v in secret_section("users").items() if name and k.lower() == name.lower()), None)
    if entry is None:
        return None
    role = str(entry.get("role", "")).lower()
    return name, role if role in ROLES else None


def current_role() -> str | None:
    """The signed-in user's role; 'admin' on a local copy with no sign-in configured; None when not signed in."""
    if auth_mode() == "none":
        return "admin"
    who = signed_in()
    return who[1] if who else None


def viewing_open() -> bool:
    """[access] viewing = "open" (the default, as in the demo) or "signed_in"."""
    return str(secret_section("access").get("viewing", "open")).strip().lower() != "signed_in"


def can(needed: str) -> bool:
    """Whether the person at the screen may do what `needed` allows: for showing or hiding controls."""
    if needed == "viewer" and viewing_open():
        return True
    return role_allows(current_role(), needed)


def require_role(needed: str, to: str | None = None) -> str | None:
    """Stop the page with a plain refusal unless the signed-in role is at least `needed`.

    Call it at the top of every page that writes, e.g. require_role("officer", "upload returns").
    """
    if can(needed):
        return current_role()
    article = "an" if needed[0] in "aeiou" else "a"
    what = to or ACTIONS.get(needed, "use this page")
    who = signed_in()
    if who:
        message = (f"You need the {needed} role to {what}. You are signed in as {esc(who[0])}"
                   f"{' with the ' + who[1] + ' role' if who[1] else ', with no role on this dashboard'}. "
                   f"Sign in as {article} {needed}, or ask an administrator to give you the {needed} role.")
    else:
        message = f"You need the {needed} role to {what}. Sign in as {article} {needed} to continue."
    st.error(message, icon="🔒")
    st.page_link(PAGE_FILES["signin"], label="Sign in", icon=":material/login:")
    st.stop()


def viewer_gate() -> None:
    """Stop the page unless viewing is open or the person has signed in ([access] viewing)."""
    if can("viewer"):
        return
    st.info("Sign in to view this dashboard.", icon="🔒")
    st.page_link(PAGE_FILES["signin"], label="Sign in", icon=":material/login:")
    st.stop()


def current_user() -> str:
    """Who to record as having made a change: the signed-in user; on a local copy, the operating-system user."""
    who = signed_in()
    if who:
        return who[0]
    if auth_mode() == "none":
        try:
            return getpass.getuser()
        except Exception:
            pass
    return st.session_state.get("user_name", "dashboard")
