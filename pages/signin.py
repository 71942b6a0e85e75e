"""Sign in and out: through the council's identity provider when [auth] is configured, else the built-in form."""
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.auth import authenticate
from pages.ui import auth_mode, esc, secret_section, sign_in_throttle, signed_in, user_errors

st.title("Sign in")
mode = auth_mode()
who = signed_in()

if mode == "none":
    st.info("Sign-in is not set up on this copy, so everyone who can open it may use every page. "
            "To add users and roles, see `.streamlit/secrets.example.toml`.", icon="ℹ️")
    st.stop()

if who:
    name, role = who
    st.success(f"You are signed in as **{esc(name)}**"
               f"{' with the ' + role + ' role' if role else ', but you have no role on this dashboard yet'}.",
               icon="✅")
    if role is None:
        st.markdown("Ask an administrator to add you to one of the dashboard's groups or app roles.")
    if st.button("Sign out"):
        if mode == "oidc":
            st.logout()
        st.session_state.pop("auth_user", None)
        st.rerun()
    st.stop()

if mode == "oidc":
    auth = secret_section("auth")
    # One provider in [auth] itself, or named sub-sections such as [auth.microsoft] ([auth.roles] is our mapping).
    providers = [k for k, v in auth.items() if isinstance(v, dict) and "client_id" in v and k != "roles"]
    st.markdown("Sign in with your council account.")
    if st.button("Sign in with your council account", type="primary"):
        st.login() if "client_id" in auth or not providers else st.login(providers[0])
    st.stop()

with st.form("signin", clear_on_submit=True):
    name = st.text_input("User name", key="signin_name", autocomplete="username")
    password = st.text_input("Password", type="password", autocomplete="current-password")
    submitted = st.form_submit_button("Sign in", type="primary")

if submitted:
    with user_errors():
        user, _ = authenticate(secret_section("users"), name, password, sign_in_throttle())
    st.session_state["auth_user"] = user  # the role is re-read from secrets on every run
    st.rerun()
