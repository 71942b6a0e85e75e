"""Streamlit helpers the national pages share: cached reads, the authority chooser, the model choice, the footer.

Every read is one query for every LA at once, cached on the data version (and the neighbour
model), so choosing another authority filters what is cached instead of querying again.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi import national
from kpi.benchmark import SN_MODEL
from pages.ui.data import store
from pages.ui.text import esc

HOME_KEY = "national_home_la"


def _key():
    s = store()
    return s, str(s.path), s.data_version()


@st.cache_data(show_spinner=False, max_entries=4)
def _las(_db, path: str, version: int) -> pd.DataFrame:
    return national.las(_db)


@st.cache_data(show_spinner=False, max_entries=4)
def _models(_db, path: str, version: int) -> pd.DataFrame:
    return national.models(_db)


@st.cache_data(show_spinner=False, max_entries=8)
def _neighbours(_db, path: str, version: int, model: str) -> pd.DataFrame:
    return national.neighbours(_db, model)


@st.cache_data(show_spinner=False, max_entries=4)
def _measures(_db, path: str, version: int) -> pd.DataFrame:
    return national.measures(_db)


@st.cache_data(show_spinner=False, max_entries=8)
def _latest(_db, path: str, version: int, model: str, measures: tuple) -> pd.DataFrame:
    return national.latest_all(_db, measures, model)


@st.cache_data(show_spinner=False, max_entries=32)
def _values(_db, path: str, version: int, measures: tuple) -> pd.DataFrame:
    return national.values(_db, measures)


@st.cache_data(show_spinner=False, max_entries=4)
def _note(_db, path: str, version: int) -> str:
    return national.latest_data_note(_db, national.measures(_db))


def las() -> pd.DataFrame:
    return _las(*_key())


def models() -> pd.DataFrame:
    return _models(*_key())


def neighbours(model: str) -> pd.DataFrame:
    return _neighbours(*_key(), model)


def measures() -> pd.DataFrame:
    return _measures(*_key())


def latest(model: str, measure_list) -> pd.DataFrame:
    return _latest(*_key(), model, tuple(measure_list))


def values(measure_list) -> pd.DataFrame:
    return _values(*_key(), tuple(measure_list))


def no_national_data() -> bool:
    """Stop the page with a plain message when no DfE data is loaded (only where no snapshot ships)."""
    if las().empty:
        st.info("No DfE national data is loaded. An administrator can load it on the Import DfE data page, or "
                "with python -m kpi update-data.", icon="ℹ️")
        st.stop()
    return False


def choose_authority(column=None) -> tuple[str, pd.Series]:
    """The session's home authority: ?la= in the address, else this session's last choice, else the plan's own.

    Any of the current LAs may be chosen; the choice goes back into the address so the view can be shared.
    """
    frame = las()
    default = st.session_state.get(HOME_KEY) or store().home_area()
    code, warning = national.resolve_la(frame, st.query_params.get("la"), default)
    if warning:
        st.warning(esc(warning), icon="⚠️")
    options = frame["area_code"].tolist()
    names = dict(zip(frame["area_code"], frame["name"]))
    where = column or st
    la = where.selectbox("Authority (type to search)", options, index=options.index(code),
                         format_func=lambda a: f"{names.get(a, a)} ({a})",
                         help="Makes any authority home for this session. Your own plan's authority stays the default.")
    st.session_state[HOME_KEY] = la
    st.query_params["la"] = la
    return la, frame.set_index("area_code").loc[la]


def choose_model(column=None) -> tuple[str, str]:
    """(model, its name): ?model= in the address, else the default (newest) model."""
    frame = models()
    options = frame["model"].tolist() or [SN_MODEL]
    titles = dict(zip(frame["model"], frame["title"]))
    asked = st.query_params.get("model")
    where = column or st
    model = where.radio("Statistical-neighbour model", options, index=options.index(asked) if asked in options else 0,
                        format_func=lambda m: titles.get(m, m), horizontal=True,
                        help="DfE's children's services statistical neighbours. Every neighbour figure names its model.")
    st.query_params["model"] = model
    return model, titles.get(model, model)


def footer() -> None:
    """The national data's edition, what it holds, and DfE's Open Government Licence attribution."""
    st.divider()
    st.caption(esc(_note(*_key())))
    st.caption(esc(national.ATTRIBUTION))
