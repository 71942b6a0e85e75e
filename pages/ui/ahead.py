"""Work made ready before it is asked for: a file whose button a reader is likely to press.

The board pack's PDF takes seconds to make (its charts, then the layout), and a presenter presses its
button on the page they have just opened. Once the page has drawn, the server starts making it on its
own thread, through the same cached function the button calls: st.cache_data lets one call per key
compute while another waits for it, so a press during the making gets that file, and a press after it
gets it at once. Each file is made once per data version and choice (the cache's key), so readers who
only look cost nothing after the first.

Only under the real server, which turns it on at its start (app.py's server branch): a test of a page
(AppTest) has no server, and a thread making a PDF must not outlive the test and its database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

_LOG = logging.getLogger(__name__)
_RUNNING: set[tuple] = set()
_LOCK = threading.Lock()
_SERVER = {"on": False}


def make_ahead_under_this_server() -> None:
    """Called once by the server at its start: from now on pages may make files ahead. The board pack's
    libraries are imported now, as every page's modules are (pages/ui/links.py), so no two threads import
    them at once; their first PDF (fonts, Vega's engine) is then written on a thread of its own, so the
    first pack after a start is as quick as the rest."""
    import vl_convert  # noqa: F401
    import weasyprint  # noqa: F401

    from kpi.reports.pdf import warm_up

    _SERVER["on"] = True
    make_ahead(("warm up",), warm_up)


def make_ahead(key: tuple, make: Callable[[], object]) -> bool:
    """Run make() on its own thread unless one for `key` is running; True if it was started.

    A failure is left for the press to meet (the button calls make's cached function again, and Streamlit
    says the file could not be made), so here it is only logged, by the error's kind alone.
    """
    if not _SERVER["on"]:
        return False
    with _LOCK:
        if key in _RUNNING:
            return False
        _RUNNING.add(key)

    def work() -> None:
        try:
            make()
        except Exception as error:  # noqa: BLE001 (the press reports it; here it must not end the thread loudly)
            _LOG.warning("making %s ahead failed: %s", key[0], type(error).__name__)
        finally:
            with _LOCK:
                _RUNNING.discard(key)

    threading.Thread(target=work, name=f"ahead-{key[0]}", daemon=True).start()
    return True
