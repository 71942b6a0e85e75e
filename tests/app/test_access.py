"""Access: with users configured, a viewer is refused on the upload page (even by URL); an officer gets it."""
import pytest

from kpi.auth import hash_password
from tests.app.conftest import texts

PASSWORDS = {"vic": "viewer-pass", "olivia": "officer-pass", "dana": "admin-pass"}
ROLES = {"vic": "viewer", "olivia": "officer", "dana": "admin"}


@pytest.fixture(scope="module")
def users():
    return {name: {"password_hash": hash_password(pw, n=2 ** 10), "role": ROLES[name]} for name, pw in PASSWORDS.items()}


def signed_in_as(app, users, name, password=None):
    app.secrets["users"] = users
    app.switch_page("pages/signin.py")
    at = app.run()
    at.text_input(key="signin_name").input(name)
    at.text_input[1].input(password or PASSWORDS[name])
    return at.button[0].click().run()


def test_viewer_is_refused_on_the_upload_page(app, users):
    at = signed_in_as(app, users, "vic")
    at.switch_page("pages/upload.py")
    at = at.run()
    assert not at.exception
    assert "You need the officer role to upload returns" in at.error[0].value
    assert "signed in as vic with the viewer role" in at.error[0].value
    assert not at.file_uploader


def test_anonymous_visitor_is_refused_and_told_to_sign_in(app, users):
    app.secrets["users"] = users
    app.switch_page("pages/upload.py")
    at = app.run()
    assert "You need the officer role to upload returns. Sign in as an officer" in at.error[0].value
    assert not at.file_uploader


def test_officer_sees_the_upload_page(app, users):
    at = signed_in_as(app, users, "olivia")
    at.switch_page("pages/upload.py")
    at = at.run()
    assert not at.error
    assert at.file_uploader and "Upload a return" in texts(at)


def test_wrong_password_does_not_sign_in(app, users):
    at = signed_in_as(app, users, "olivia", "not-it")
    assert "do not match" in at.error[0].value
    at.switch_page("pages/upload.py")
    assert "Sign in as an officer" in at.run().error[0].value


def test_officer_is_refused_on_the_admin_page_and_admin_after_signing_in_is_not(app, users):
    at = signed_in_as(app, users, "olivia")
    at.switch_page("pages/admin.py")
    assert "You need the admin role" in at.run().error[0].value
    at.switch_page("pages/signin.py")
    at = at.run()
    at.button[0].click().run()  # Sign out
    at = signed_in_as(app, users, "dana")
    at.switch_page("pages/admin.py")
    at = at.run()
    assert not at.error and "Audit log and backup" in texts(at) and at.dataframe


def test_viewing_needs_sign_in_when_configured(app, users):
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
    assert "signed in as bob@council.gov.uk, with no role" in at.error[0].value
