"""Authority profile: ?la= opens any authority, every card carries its national figures, the choice stays."""

from tests.app.conftest import texts


def _profile(app, **params):
    app.switch_page("pages/profile.py")
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


def _cards(app):
    return [m.value for m in app.markdown if m.value.startswith("**")]


def test_the_address_opens_any_authoritys_profile_with_every_topic(app):
    at = _profile(app, la="840")
    words = texts(at)
    assert "Durham (840), North East" in words
    for topic in (
        "Early years",
        "Key stage 2",
        "Key stage 4",
        "Absence",
        "Exclusions",
        "SEND",
        "Children in need",
        "Looked after children",
    ):
        assert topic in [s.value for s in at.subheader]
    cards = _cards(at)
    assert len(cards) >= 20
    ks2 = next(c for c in cards if "Expected standard - All Pupils" in c)
    for part in (
        "Rank ",
        " of 15",
        "quartile ",
        "Neighbour average ",
        "May 2025 model",
        "England ",
        "North East ",
        "Target at or better than the neighbour average",
        " on 2024",
    ):
        assert part in ks2, part
    assert any(word in ks2 for word in ("Green", "Amber", "Red"))
    assert "Open Government Licence v3.0" in words and "National data: DfE LAIT data" in words


def test_switching_authority_redraws_and_goes_back_into_the_address(app):
    at = _profile(app, la="840")
    at.selectbox[0].set_value("886").run()
    assert "Kent (886), South East" in texts(at)
    assert at.query_params["la"] == ["886"] or at.query_params["la"] == "886"


def test_an_unknown_authority_is_named_and_the_home_authority_shown(app):
    at = _profile(app, la="999")
    assert any("“999” is not a local authority" in w.value for w in at.warning)
    assert "Kent (886), South East" in texts(at)


def test_the_older_neighbour_model_is_named_on_every_neighbour_figure(app):
    at = _profile(app, la="886", model="dfe_sn_2021")
    cards = [c for c in _cards(at) if "Neighbour average" in c]
    assert cards and all("April 2021 model" in c for c in cards)
