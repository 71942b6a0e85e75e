"""Who is signed in and what they may do: sign-in comes from secrets, checked on every run."""

from __future__ import annotations

import getpass

import streamlit as st

from kpi.auth import ROLES, role_allows, roles_from_claims
from kpi.sessions import COOKIE, user_of
from pages.ui.links import PAGE_FILES, through_app
from pages.ui.text import esc

# -- who is signed in, and what they may do --------------------------------------------------
# Sign-in comes from secrets: [auth] -> OpenID Connect (st.login, e.g. Entra ID), [users.NAME] ->
# the built-in form, neither -> a local single-user copy where everyone may use every page.
# The built-in form posts to pages/ui/account.py, which sets a signed, expiring, HttpOnly session
# cookie; every run checks the cookie this browser sent (never st.session_state, which anyone who
# learns the Streamlit session id could take over). Pages that write call require_role(...)
# themselves, so typing a hidden page's URL is refused too.

ACTIONS = {"viewer": "view the dashboard", "officer": "change the figures", "admin": "administer the dashboard"}


def secret_section(section: str) -> dict:
    through_app()  # every role and sign-in check starts here: a run that skipped app.py goes back through it
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


def session_cookie() -> str | None:
    """The session cookie this browser sent when it connected (None when there is none)."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) else None


def signed_in() -> tuple[str, str | None] | None:
    """(name, role) of the signed-in user, or None. The role is re-read from secrets on every run."""
    mode = auth_mode()
    if mode == "oidc":
        if not st.user.get("is_logged_in", False):
            return None
        claims = st.user.to_dict()
        name = claims.get("email") or claims.get("preferred_username") or claims.get("name") or "signed-in user"
        return str(name), roles_from_claims(claims, secret_section("auth").get("roles", {}))
    if mode != "password":
        return None
    from pages.ui.data import store

    name = user_of(store(), session_cookie())
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
        message = (
            f"You need the {needed} role to {what}. You are signed in as {esc(who[0])}"
            f"{' with the ' + who[1] + ' role' if who[1] else ', with no role on this dashboard'}. "
            f"Sign in as {article} {needed}, or ask an administrator to give you the {needed} role."
        )
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
