"""The one place a page shows a refusal the user can fix."""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st

from kpi.errors import UserError
from pages.ui.text import esc


@contextmanager
def user_errors(*, stop: bool = True):
    """Show a kpi.errors.UserError's plain message, then stop the page (or with stop=False carry on below).

    Anything else is a fault in the product and is not caught here.
    """
    try:
        yield
    except UserError as exc:
        st.error(esc(str(exc)), icon="⛔")
        if stop:
            st.stop()


def run_page(page) -> None:
    """Run the chosen page; a refusal met part-way (a database fault, say) ends it plainly, never with a traceback."""
    with user_errors(stop=False):
        page.run()
