"""What the server changes in Streamlit once, at its start (app.py imports this only as the server).

A browser can send Streamlit a "clear cache" message over its websocket. Streamlit's handler empties
st.cache_data and st.cache_resource for every user of the process: the database instance, every cached
figure, the national snapshot. The toolbar's "Clear cache" item is hidden (client.toolbarMode =
"viewer"), so no person asks for it; only a hand-made message can. One such message a second would make
every reader wait for everything to be worked out again, so the server ignores it. Caches never need
clearing by hand: every cached read is keyed on the data version, and a restart empties them.
"""

from __future__ import annotations

from streamlit.runtime import app_session

_IGNORED = "_kpi_ignores_client_cache_clears"


def ignore_client_cache_clears() -> bool:
    """Make a browser's "clear cache" message do nothing; True if Streamlit's handler was found and replaced."""
    cls = app_session.AppSession
    if getattr(cls, _IGNORED, False):
        return True
    if not callable(getattr(cls, "_handle_clear_cache_request", None)):
        return False  # a Streamlit without the handler: nothing to replace

    def _ignore(self) -> None:
        """Left as it is: caches are keyed on the data version, so nothing a browser asks for needs them emptied."""

    cls._handle_clear_cache_request = _ignore
    setattr(cls, _IGNORED, True)
    return True
