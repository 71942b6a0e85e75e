"""The process's one store and the cached reads every page shares, keyed on the data version."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi import figures
from kpi.cards import Card, cards
from kpi.demo import build_demo_if_empty, demo_notice, is_demo
from kpi.store import Store, default_db_path
from pages.ui.errors import user_errors
from pages.ui.links import through_app


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(path: str) -> Store:
    store = Store(path)
    build_demo_if_empty(store)
    return store


def store() -> Store:
    """The process's one Store; builds the demo on first start. Stops the page with a plain message on a fault.

    A fault (busy, damaged, missing, full disk) is not cached: the next run tries again, so the
    dashboard recovers by itself once the cause is gone.
    """
    through_app()  # every page's data starts here: a run that skipped app.py goes back through it
    with user_errors():
        s = _open_store(str(default_db_path()))
        s.data_version()  # two stat calls when nothing changed; finds a damaged or vanished file early
        return s


@st.cache_data(show_spinner=False, max_entries=16)
def _series(_store: Store, path: str, version: int) -> pd.DataFrame:
    return figures.all_series(_store)


@st.cache_data(show_spinner=False, max_entries=16)
def _latest(_store: Store, path: str, version: int) -> pd.DataFrame:
    from kpi.outlook import annotate

    return annotate(figures.latest(series()), outlooks())


@st.cache_resource(show_spinner=False, max_entries=32)
def _outlooks(_store: Store, path: str, version: int, period: str | None):
    from kpi.highlight import period_outlooks

    return period_outlooks(_store, series(), period)


def outlooks_at(period: str | None) -> dict:
    """Every indicator's forecast and signal (kpi.outlook) as at a period (None: the latest figures), worked
    out once per data version and period: the Indicator page, the highlight report's words, Present's chart
    and the board pack's charts all read these."""
    s = store()
    return _outlooks(s, str(s.path), s.data_version(), period or None)


def outlooks() -> dict:
    """Every indicator's forecast and signal for the latest figures."""
    return outlooks_at(None)


def latest_figures() -> pd.DataFrame:
    """One row per indicator, its latest period with an actual: computed once per data version."""
    s = store()
    return _latest(s, str(s.path), s.data_version())


def series() -> pd.DataFrame:
    """Every indicator's assessed series: one query per data version, shared by every page and user."""
    s = store()
    return _series(s, str(s.path), s.data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _cards(_store: Store, path: str, version: int) -> dict[str, Card]:
    return {c.code: c for c in cards(latest_figures(), series())}


def latest_cards() -> dict[str, Card]:
    """Every indicator's card for its latest figures, by code: worded once per data version."""
    s = store()
    return _cards(s, str(s.path), s.data_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _highlight(_store: Store, path: str, version: int, plan, period, as_of, since=None):
    from kpi.highlight import highlight_report

    found = outlooks_at(period)
    return highlight_report(_store, plan=plan, period=period, as_of=as_of, series=series(), since=since, found=found)


def highlight(plan, period, as_of, since=None):
    """The highlight report for a plan, period and date (and the last board's date, for rising risks):
    computed once per data version (board and presenter)."""
    s = store()
    return _highlight(s, str(s.path), s.data_version(), plan, period, as_of, since)


def demo_banner() -> None:
    if is_demo(store()):
        st.info(demo_notice(), icon=":material/info:")
