"""Trend charts for the board pack, rendered offline by vl-convert (no browser, no network) from the same
Vega-Lite spec the Indicator page draws (kpi.charts.trend_chart, forecast band and signals included):
SVG for the PDF (vector, crisp in print), PNG for PowerPoint (which every version shows)."""

from __future__ import annotations

import functools
import json

import pandas as pd
import vl_convert as vlc

from kpi.charts import trend_chart

WIDTH, HEIGHT, SCALE = 560, 200, 2
# The PDF's text font, so labels are measured in the font the PDF draws them in (WeasyPrint draws the SVG's text).
CONFIG = {"font": "DejaVu Sans"}


def chart_spec(rows: pd.DataFrame, width: int = WIDTH, height: int = HEIGHT, outlook=None) -> str:
    """The page's chart at a fixed size (the page's is 'container' wide), as Vega-Lite JSON."""
    return json.dumps(trend_chart(rows, height=height, width=width, outlook=outlook))


# Drawn once per spec, which holds everything a chart shows: a pack for another period, plan or date redraws
# only the charts whose figures differ (in the demo, one to five of 21), and each drawing takes 50 ms. A few MB.
@functools.lru_cache(maxsize=256)
def chart_png(spec: str) -> bytes:
    return vlc.vegalite_to_png(spec, scale=SCALE, config=CONFIG)


@functools.lru_cache(maxsize=256)
def chart_svg(spec: str) -> str:
    return vlc.vegalite_to_svg(spec, config=CONFIG)
