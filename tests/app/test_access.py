"""Access: with users configured, a viewer is refused on the upload page (even by URL); an officer gets it.

Being signed in is the session cookie the sign-in address set (pages/ui/account.py, tested against a real
server in tests/e2e/test_sign_in_attacks.py): here the browser's cookie is given to st.context as the
server would, and everything after that (checking it, the roles, the pages) is the real code.
"""

from types import SimpleNamespace

import pytest

from kpi.auth import hash_password, sign_in
from kpi.sessions import COOKIE
from kpi.store import Store
from tests.app.conftest import texts

PASSWORDS = {"vic": "viewer-pass", "olivia": "officer-pass", "dana": "admin-pass"}
ROLES = {"vic": "viewer", "olivia": "officer", "dana": "admin"}


@pytest.fixture(scope="module")
def users():
    return {name: {"password_hash": hash_password(pw, n=2**10), "role": ROLES[name]} for name, pw in PASSWORDS.items()}


@pytest.fixture
def browser(monkeypatch):
    """The cookies this browser sends when it connects, as st.context.cookies reads them."""
    jar: dict[str, str] = {}
    monkeypatch.setattr(
        "streamlit.runtime.context._get_client_context",
        lambda: SimpleNamespace(cookies=jar, headers={}, remote_ip="198.51.100.7"),
    )
    return jar


def signed_in_as(app, users, browser, demo_db, name):
    """Sign in as the form's address does, and give the browser the cookie it would have been set."""
    app.secrets["users"] = users
    browser[COOKIE] = sign_in(Store(demo_db), users, name, PASSWORDS[name], "198.51.100.7").cookie
    return app


def html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def test_viewer_is_refused_on_the_upload_page(app, users, browser, demo_db):
    signed_in_as(app, users, browser, demo_db, "vic")
    app.switch_page("pages/upload.py")
    at = app.run()
    assert not at.exception
    assert "You need the officer role to upload returns" in at.error[0].value
    assert "signed in as vic with the viewer role" in at.error[0].value
    assert not at.file_uploader


def test_anonymous_visitor_is_refused_and_told_to_sign_in(app, users, browser):
    app.secrets["users"] = users
    app.switch_page("pages/upload.py")
    at = app.run()
    assert "You need the officer role to upload returns. Sign in as an officer" in at.error[0].value
    assert not at.file_uploader


def test_officer_sees_the_upload_page(app, users, browser, demo_db):
    signed_in_as(app, users, browser, demo_db, "olivia")
    app.switch_page("pages/upload.py")
    at = app.run()
    assert not at.error
    assert at.file_uploader and "Upload a return" in texts(at)


def test_the_sign_in_page_is_a_form_posting_to_the_sign_in_address(app, users, browser):
    app.secrets["users"] = users
    app.switch_page("pages/signin.py")
    at = app.run()
    form = html(at)
    assert 'method="post" action="/account/sign-in"' in form
    assert 'autocomplete="username"' in form and 'type="password"' in form and 'maxlength="200"' in form
    assert not at.text_input  # the password never goes over Streamlit's websocket


@pytest.mark.parametrize(
    "query, shown",
    [
        ({"signin": "refused"}, "That user name and password do not match"),
        ({"signin": "wait", "wait": "16"}, "Try again in 16 seconds"),
    ],
)
def test_the_outcome_comes_back_as_a_code_with_fixed_words(app, users, browser, query, shown):
    app.secrets["users"] = users
    app.switch_page("pages/signin.py")
    app.query_params.update(query)
    at = app.run()
    assert shown in at.error[0].value


def test_an_address_cannot_put_words_on_the_sign_in_page(app, users, browser):
    app.secrets["users"] = users
    app.switch_page("pages/signin.py")
    app.query_params.update({"signin": "Your account is locked: call 0800 000 000", "wait": "x"})
    at = app.run()
    assert not at.error and "0800" not in texts(at) + html(at)


def test_a_user_name_in_session_state_is_not_being_signed_in(app, users, browser):
    """What the old sign-in kept, and what anyone holding the Streamlit session id could reach."""
    app.secrets["users"] = users
    app.session_state["auth_user"] = "dana"
    app.switch_page("pages/admin.py")
    at = app.run()
    assert "You need the admin role" in at.error[0].value and not at.dataframe


def test_officer_is_refused_on_the_admin_page_and_an_admin_is_not(app, users, browser, demo_db):
    signed_in_as(app, users, browser, demo_db, "olivia")
    app.switch_page("pages/admin.py")
    assert "You need the admin role" in app.run().error[0].value
    signed_in_as(app, users, browser, demo_db, "dana")
    at = app.run()
    assert not at.error and "Audit log and backup" in texts(at) and at.dataframe


def test_signed_in_page_offers_sign_out_and_a_removed_user_is_signed_out(app, users, browser, demo_db):
    signed_in_as(app, users, browser, demo_db, "olivia")
    app.switch_page("pages/signin.py")
    at = app.run()
    assert "You are signed in as **olivia** with the officer role" in at.success[0].value
    assert 'action="/account/sign-out"' in html(at)
    app.secrets["users"] = {k: v for k, v in users.items() if k != "olivia"}  # taken out of secrets.toml
    app.switch_page("pages/upload.py")
    assert "Sign in as an officer" in app.run().error[0].value


def test_viewing_needs_sign_in_when_configured(app, users, browser):
    app.secrets["users"] = users
    app.secrets["access"] = {"viewing": "signed_in"}
    at = app.run()
    assert "Sign in to view" in texts(at) and not at.metric and "Overview" not in texts(at)


def test_entra_id_app_role_maps_to_officer(app):
    app.secrets["auth"] = {"client_id": "x", "roles": {"KPI.Officer": "officer"}}
    app.user = {"is_logged_in": True, "email": "olivia@council.gov.uk", "roles": ["KPI.Officer"]}
    app.switch_page("pages/upload.py")
    at = app.run()
    assert not at.error and at.file_uploader
    app.user = {"is_logged_in": True, "email": "bob@council.gov.uk", "roles": ["Something.Else"]}
    at = app.run()
    assert "signed in as bob@council.gov.uk, with no role" in at.error[0].value.replace("\u2060", "")
