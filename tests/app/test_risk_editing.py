"""Officers keep a plan's risks and issues on the Commentary and actions page; every save is audited and scored."""

from datetime import date, timedelta

from kpi import audit
from kpi.risk_register import register
from tests.app.conftest import texts


def _by_label(widgets, label):
    return next(w for w in widgets if w.label == label)


def _open(app):
    app.switch_page("pages/commentary.py")
    at = app.run()
    assert not at.exception
    return at


def test_an_officer_adds_then_rescores_a_risk(app):
    from pages.ui import store

    at = _open(app)
    assert "Risks and issues" in texts(at) and "high 15-25" in texts(at)
    _by_label(at.text_area, "Risk or issue").input("Fewer headteachers apply for primary headships")
    _by_label(at.text_area, "Mitigation").input("Leadership strategy for Kent")
    _by_label(at.selectbox, "Likelihood").set_value(3)
    _by_label(at.selectbox, "Impact").set_value(4)
    _by_label(at.multiselect, "Priorities it threatens").set_value(["P7"])
    at = _by_label(at.button, "Save risk").click().run()
    assert not at.exception
    [added] = [r for r in register(store(), "kent-2013-14").risks if r.risk.startswith("Fewer headteachers")]
    assert (added.code, added.score, added.priorities) == ("R12", 12, ("P7",))
    entry = audit.as_records(audit.read(store(), action="risk"))[0]
    assert entry["detail"]["new"]["score"] == 12 and entry["detail"]["old"] is None

    _by_label(at.selectbox, "Add or edit a risk or issue").set_value("R12").run()
    _by_label(at.selectbox, "Likelihood").set_value(4)
    later = date.today() + timedelta(days=1)
    _by_label(at.date_input, "Assessed on").set_value(later)
    at = _by_label(at.button, "Save risk").click().run()
    assert not at.exception
    reg = register(store(), "kent-2013-14")
    [risk] = [r for r in reg.risks if r.code == "R12"]
    assert risk.score == 16 and [s for _, s in reg.history[risk.risk_id]] == [12, 16]
    [flagged] = [
        f for f in reg.sections(as_of=later, since=date.today())[("kent-2013-14", "P7")].flagged if f.risk.code == "R12"
    ]
    assert flagged.reasons == ("high", "rising")
    assert audit.as_records(audit.read(store(), action="risk"))[0]["detail"]["old"]["score"] == 12


def test_half_a_score_is_refused_and_nothing_is_written(app):
    from pages.ui import store

    at = _open(app)
    before = len(register(store()).risks)
    _by_label(at.text_area, "Risk or issue").input("Budget cut")
    _by_label(at.selectbox, "Likelihood").set_value(2)
    at = _by_label(at.button, "Save risk").click().run()
    assert "both a likelihood and an impact" in texts(at)
    assert len(register(store()).risks) == before
