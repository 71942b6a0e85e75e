"""Sign in and out: through the council's identity provider when [auth] is configured, else the built-in form.

The built-in form is plain HTML posting to the dashboard's own sign-in address (pages/ui/account.py),
which answers with a signed HttpOnly session cookie: the password never travels over Streamlit's
websocket and being signed in survives a reload. The address comes back with an outcome code only
(?signin=refused), whose words kpi.auth chooses.
"""

from html import escape

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.auth import refusal
from kpi.limits import most
from pages.ui import auth_mode, esc, secret_section, signed_in
from pages.ui.account import SIGN_IN, SIGN_OUT, base_path

st.title("Sign in")
mode = auth_mode()
who = signed_in()

if mode == "none":
    st.info(
        "Sign-in is not set up on this copy, so everyone who can open it may use every page. "
        "To add users and roles, see `.streamlit/secrets.example.toml`.",
        icon="ℹ️",
    )
    st.stop()

FORM_CSS = """<style>
.kpi-signin { display: flex; flex-direction: column; gap: 0.35rem; max-width: 26rem; margin: 0.5rem 0 1rem 0; }
.kpi-signin label { font-size: 0.875rem; color: #31333f; margin-top: 0.5rem; }
.kpi-signin input { font: inherit; padding: 0.5rem 0.75rem; border: 1px solid #6f777b; border-radius: 0.5rem;
                    background: #fff; color: #0b0c0c; }
.kpi-signin input:focus-visible, .kpi-signin button:focus-visible { outline: 3px solid #fd0; outline-offset: 0; }
.kpi-signin button { font: inherit; font-weight: 600; margin-top: 1rem; align-self: flex-start; padding: 0.45rem 1rem;
                     border-radius: 0.5rem; border: 1px solid #12436d; background: #12436d; color: #fff; cursor: pointer; }
.kpi-signin button.secondary { background: #fff; color: #12436d; }
</style>"""


def _form(action: str, fields: str, button: str, css_class: str = "") -> None:
    st.html(
        f'{FORM_CSS}<form class="kpi-signin" method="post" action="{escape(base_path() + action)}">{fields}'
        f'<button type="submit" class="{css_class}">{escape(button)}</button></form>'
    )


outcome = st.query_params.get("signin")
message = refusal(
    outcome or "", int(st.query_params.get("wait") or 0) if (st.query_params.get("wait") or "").isdigit() else 0
)

if who:
    name, role = who
    st.success(
        f"You are signed in as **{esc(name)}**"
        f"{' with the ' + role + ' role' if role else ', but you have no role on this dashboard yet'}.",
        icon="✅",
    )
    if role is None:
        st.markdown("Ask an administrator to add you to one of the dashboard's groups or app roles.")
    if mode == "oidc":
        if st.button("Sign out"):
            st.logout()
    else:
        _form(SIGN_OUT, "", "Sign out", "secondary")
    st.stop()

if mode == "oidc":
    auth = secret_section("auth")
    # One provider in [auth] itself, or named sub-sections such as [auth.microsoft] ([auth.roles] is our mapping).
    providers = [k for k, v in auth.items() if isinstance(v, dict) and "client_id" in v and k != "roles"]
    st.markdown("Sign in with your council account.")
    if st.button("Sign in with your council account", type="primary"):
        st.login() if "client_id" in auth or not providers else st.login(providers[0])
    st.stop()

if outcome == "out":
    st.success(message, icon="✅")
elif message:
    st.error(message, icon="⛔")
_form(
    SIGN_IN,
    f'<label for="kpi-user">User name</label><input id="kpi-user" name="username" autocomplete="username" '
    f'maxlength="{most("user_name")}" required>'
    '<label for="kpi-password">Password</label><input id="kpi-password" name="password" type="password" '
    'autocomplete="current-password" required>',
    "Sign in",
)
st.caption(
    "After a failed attempt the next from this computer for that user name waits a little longer each "
    "time; signing in from elsewhere is not held up. You stay signed in for 8 hours, or until you sign out."
)
