"""Every on-screen text field states its limit and stops at it: the same table (kpi.limits) a return is
checked against. Streamlit shows the count against the limit as the person types."""

from kpi.limits import most, stated


def _fields(at):
    return {w.label: w for w in [*at.text_area, *at.text_input]}


def test_commentary_action_and_risk_fields_state_and_keep_their_limits(app):
    app.switch_page("pages/commentary.py")
    at = app.run()
    assert not at.exception
    fields = _fields(at)
    for label, kind in (
        ("Why is it where it is, and what is being done?", "commentary"),
        ("Action", "action"),
        ("Owner", "owner"),
        ("Risk or issue", "risk"),
        ("Mitigation", "mitigation"),
    ):
        field = fields[label]
        assert field.proto.max_chars == most(kind), label
        assert stated(kind) in field.help, label


def test_a_value_held_longer_than_the_limit_is_shown_whole_not_cut(app, demo_db):
    """Text stored before the limits (or straight into the file) is never silently cut by the field."""
    from kpi.store import Store

    with Store(demo_db).transaction() as cur:
        cur.execute("UPDATE actions SET description = ? WHERE action_id = 1", ["z" * 1500])
    app.switch_page("pages/commentary.py")
    at = app.run()
    next(s for s in at.selectbox if s.label == "Add or edit an action").set_value(1)
    at = at.run()
    action = _fields(at)["Action"]
    assert action.value == "z" * 1500 and action.proto.max_chars == 1500
