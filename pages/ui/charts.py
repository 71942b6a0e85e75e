"""Charts whose Vega-Lite spec is built once per data version and view, then reused on every rerun.

Building an Altair chart and validating it against the Vega-Lite schema costs more than the
browser takes to draw it (hundreds of milliseconds for the Compare page's three charts), and
the result depends only on the stored figures and what the view shows, so it is cached on
exactly those: the data version and the caller's key. A builder may give an Altair chart or a
Vega-Lite dict (kpi.charts.trend_chart).
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import streamlit as st

from kpi.charts import vega_lite
from pages.ui.data import store


@st.cache_data(show_spinner=False, max_entries=256)
def _spec(_build: Callable[[], alt.TopLevelMixin | dict], key: tuple) -> dict:
    return vega_lite(_build())


def chart(key: tuple, build: Callable[[], alt.TopLevelMixin | dict], **options) -> None:
    """Draw build()'s chart, built only when (data version, key) is new. The key must name everything
    the chart shows besides the stored figures (the measure, year, authority, size ...)."""
    s = store()
    st.vega_lite_chart(spec=_spec(build, (str(s.path), s.data_version(), *key)), **options)
