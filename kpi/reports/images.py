"""Trend charts as PNG, rendered offline by vl-convert (no browser, no network), for the board pack."""
from __future__ import annotations

import pandas as pd
import vl_convert as vlc

from kpi.charts import trend_chart

WIDTH, HEIGHT, SCALE = 560, 200, 2


def chart_png(rows: pd.DataFrame, width: int = WIDTH, height: int = HEIGHT, outlook=None) -> bytes:
    """The same Altair chart the Indicator page shows, at a fixed size (the page's is 'container' wide)."""
    chart = trend_chart(rows, height=height, outlook=outlook).properties(width=width)
    return vlc.vegalite_to_png(chart.to_json(), scale=SCALE)
