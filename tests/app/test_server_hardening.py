"""A browser's "clear cache" websocket message must not empty the caches every reader shares."""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from unittest import mock

import pytest
import streamlit as st
from streamlit.runtime.app_session import AppSession

from pages.ui import server


@pytest.fixture
def restored():
    original = AppSession._handle_clear_cache_request
    st.cache_data.clear(), st.cache_resource.clear()  # each test starts with nothing cached
    yield
    AppSession._handle_clear_cache_request = original
    if hasattr(AppSession, server._IGNORED):
        delattr(AppSession, server._IGNORED)


def _cached():
    calls = []

    @st.cache_data
    def figure(x):
        calls.append(x)
        return x

    @st.cache_resource
    def resource():
        calls.append("resource")
        return object()

    return calls, figure, resource


def _browser_asks_to_clear():
    """What AppSession does on a "clear_cache" message from the browser."""
    AppSession._handle_clear_cache_request(SimpleNamespace(_session_state=mock.Mock()))


def test_streamlit_dispatches_the_message_to_the_handler_replaced():
    assert "_handle_clear_cache_request" in inspect.getsource(AppSession.handle_backmsg)


def test_unchanged_streamlit_empties_every_cache_on_the_message(restored):
    calls, figure, resource = _cached()
    figure(1), resource()
    _browser_asks_to_clear()
    figure(1), resource()
    assert calls == [1, "resource", 1, "resource"]  # why the server replaces the handler


def test_the_server_ignores_the_message(restored):
    calls, figure, resource = _cached()
    figure(1)
    held = resource()
    assert server.ignore_client_cache_clears() and server.ignore_client_cache_clears()  # once, idempotent
    _browser_asks_to_clear()
    assert figure(1) == 1 and resource() is held
    assert calls == [1, "resource"]
