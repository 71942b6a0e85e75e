"""The accessibility statement page: laid out from kpi.accessibility, open without signing in, in the menu."""

from kpi.accessibility import KNOWN_ISSUES, statement
from tests.app.conftest import texts


def test_the_statement_shows_every_section_of_the_regulations_form(app):
    app.switch_page("pages/accessibility.py")
    at = app.run()
    assert not at.exception
    shown = texts(at) + "\n".join(h.value for h in at.header)
    expected = statement()
    assert expected.title in shown and "Last reviewed 3 December 2026" in shown
    for section in expected.sections:
        assert section.heading in [h.value for h in at.header]
    for what, *_ in KNOWN_ISSUES:
        assert what in shown
    assert "Equality and Human Rights Commission" in shown and "Equality Commission for Northern Ireland" in shown
    assert "within 5 working days" in shown
    # no contact configured: an administrator (everyone, on a local copy) is told what to add
    assert "accessibility" in at.warning[0].value and "response" in at.warning[0].value


def test_the_council_s_own_contact_details_come_from_secrets(app):
    app.secrets["accessibility"] = {
        "organisation": "Kent County Council",
        "email": "access@kent.gov.uk",
        "response_days": 10,
    }
    app.switch_page("pages/accessibility.py")
    at = app.run()
    shown = texts(at).replace("\u2060", "")  # the invisible joiner that keeps a bare address from turning into a link
    assert "run by Kent County Council" in shown and "email access@kent.gov.uk" in shown
    assert "within 10 working days" in shown and not at.warning


def test_the_statement_opens_without_signing_in_when_viewing_needs_it(app):
    app.secrets["users"] = {"vic": {"password_hash": "x", "role": "viewer"}}
    app.secrets["access"] = {"viewing": "signed_in"}
    at = app.run()
    assert "Sign in to view" in texts(at)  # the dashboard itself is closed ...
    at.switch_page("pages/accessibility.py")
    at = at.run()
    assert not at.exception and "Sign in to view" not in texts(at)  # ... but the statement is open
    assert "partially compliant" in texts(at) and not at.warning  # and says nothing to a stranger about secrets
