"""AppTest fixtures: the app on a fresh copy of the demo database, caches cleared between tests."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def _app(db, monkeypatch, timeout):
    monkeypatch.setenv("KPI_DB", str(db))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(demo_db, monkeypatch):
    yield from _app(demo_db, monkeypatch, 60)


@pytest.fixture
def linked_app(linked_demo_db, monkeypatch):
    """The app on the demo as shipped: Kent's school-based indicators linked to the built-in snapshot."""
    yield from _app(linked_demo_db, monkeypatch, 90)


def texts(at) -> str:
    """Every piece of text the page rendered, for assertions about what a person sees."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)
