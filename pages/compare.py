"""Compare: one DfE measure for one LA against its statistical neighbours, its region, England and every LA.

Every choice is kept in the query string (?measure=…&year=…&la=…), written out in full even
when it is the default, so a copied link opens exactly this view after later imports too.
"""

import re

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import national
from kpi.benchmark import benchmark, benchmark_frame, distribution
from kpi.compare_charts import benchmark_trend, distribution_chart, neighbour_bars
from kpi.compare_words import band_text, summary_sentence
from kpi.exports import csv_bytes, xlsx_bytes
from kpi.formatting import format_diff, format_value, ordinal
from kpi.model import POLARITY_WORDS
from pages.ui import PAGE_FILES, can, chart, direction_label, esc, store, user_errors
from pages.ui import national as nu

DEFAULT_MEASURE = "KS2RWM_Expected_STD"  # the headline primary measure school-improvement services report
IMPORT_COMMAND = (
    "python -m kpi import-dfe --db PATH --lait ../shared/data/dfe/lait/bds_long_0.parquet "
    "--neighbours ../shared/data/dfe/lait/sn_may_2025.xlsx "
    "--dictionary ../shared/data/dfe/lait/lait_data_dictionary.csv --home 886"
)


# Cached per data version: a new import bumps it, so nothing stale is ever shown.
@st.cache_data(show_spinner=False, max_entries=4)
def _measures(_db, path: str, version: int) -> pd.DataFrame:
    return _db.query("dfe_measure_names")


@st.cache_data(show_spinner=False, max_entries=64)
def _years(_db, path: str, version: int, measure: str) -> pd.DataFrame:
    return _db.query("dfe_measure_years", measure=measure)


@st.cache_data(show_spinner=False, max_entries=64)
def _areas(_db, path: str, version: int, measure: str, period_key: str) -> pd.DataFrame:
    """Every LA, region and England with its name and region, for the pickers and the labels."""
    return _db.query("dfe_areas")


@st.cache_data(show_spinner=False, max_entries=64)
def _trend(_db, path: str, version: int, measure: str, la: str) -> pd.DataFrame:
    return benchmark_frame(_db, measure, la)


@st.cache_data(show_spinner=False, max_entries=64)
def _view(_db, path: str, version: int, measure: str, year: str, la: str):
    """The benchmark figures and every LA's value; a BenchmarkError reaches user_errors below."""
    figures = benchmark(_db, measure, year, la)
    spread = distribution(_db, measure, year, la)
    return figures, spread


def _pick(options: list, wanted, default):
    return options.index(wanted) if wanted in options else options.index(default)


def _file_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-") or "x"


db = store()
path, version = str(db.path), db.data_version()
measures = _measures(db, path, version)

st.title("Compare")
if measures.empty:
    st.info(
        "No DfE data has been imported yet, so there is nothing to compare. An administrator can load DfE's "
        "national data (LAIT) and the statistical-neighbour model on the **Import DfE data** page, or from a "
        "terminal with:",
        icon="ℹ️",
    )
    st.code(IMPORT_COMMAND, language="bash")
    if can("admin"):
        st.page_link(PAGE_FILES["import_dfe"], label="Import DfE data", icon=":material/database_upload:")
    st.stop()

# -- choices, from and back to the query string --------------------------------------------
codes = measures["measure"].tolist()
titles = dict(zip(measures["measure"], measures["title"]))
asked = {k: st.query_params.get(k) for k in ("measure", "year", "la")}
default_measure = DEFAULT_MEASURE if DEFAULT_MEASURE in codes else codes[0]
c = st.columns([3, 1, 2])
measure = c[0].selectbox(
    "Measure (type to search)",
    codes,
    index=_pick(codes, asked["measure"], default_measure),
    format_func=lambda m: f"{titles.get(m) or m} ({m})",
)

years = _years(db, path, version, measure)
if years.empty:
    st.warning("This measure has no years that could be read from DfE's file; choose another measure.", icon="⚠️")
    st.stop()
labels = years["label"].tolist()
areas = _areas(db, path, version, measure, years["period_key"].iloc[-1])
names = dict(zip(areas["area_code"], areas["name"]))
regions = dict(zip(areas["area_code"], areas["region_code"]))
la_codes = sorted(areas.loc[areas["kind"] == "la", "area_code"], key=lambda a: (names.get(a) or a, a))
home = db.home_area()
home = home if home in la_codes else la_codes[0]
shown_la = asked["la"] if asked["la"] in la_codes else home
history = _trend(db, path, version, measure, shown_la)
with_data = history.loc[history["value"].notna(), "label"].tolist()
year = c[1].selectbox("Year", labels, index=_pick(labels, asked["year"], with_data[-1] if with_data else labels[-1]))
la = c[2].selectbox(
    "Local authority",
    la_codes,
    index=_pick(la_codes, asked["la"], home),
    format_func=lambda a: f"{names.get(a, a)} ({a})",
)
for key, value, options in (("measure", measure, codes), ("year", year, labels), ("la", la, la_codes)):
    if asked[key] and asked[key] not in options:
        st.warning(
            f"The link asked for {key} “{esc(asked[key])}”, which is not in the DfE data; "
            f"showing {esc(value)} instead.",
            icon="⚠️",
        )
st.query_params.update({"measure": measure, "year": year, "la": la})

with user_errors():
    figures, spread = _view(db, path, version, measure, year, la)

meta = years.iloc[0]
unit = dict(zip(measures["measure"], measures["unit"])).get(measure)
decimals = None if pd.isna(meta["decimals"]) else int(meta["decimals"])
polarity = figures["polarity"]
trend = _trend(db, path, version, measure, la)
region_code = figures.get("region_code") or (regions.get(la) if isinstance(regions.get(la), str) else None)
la_name = names.get(la, la)
region_name = names.get(region_code, "Region") if region_code else "Region"
thresholds = figures["quartile_thresholds"]
fmt = lambda v: format_value(v, unit, decimals)  # noqa: E731

st.subheader(esc(titles.get(measure) or measure))
st.caption(
    f"{esc(measure)} · {POLARITY_WORDS.get(polarity or 'none')} · unit: {esc(unit or '—')} · "
    f"{esc(la_name)}, {esc(year)} · DfE Local Authority Interactive Tool data, neighbours: "
    f"{esc(national.model_title(nu.models(), 'dfe_sn'))}"
)

# -- headline figures ------------------------------------------------------------------------
row1 = st.columns(4)
previous = labels[labels.index(figures["year"]) - 1] if labels.index(figures["year"]) > 0 else None
change = figures["change"]
row1[0].metric(
    la_name,
    fmt(figures["value"]),
    border=True,
    delta=None if change is None else ("No change" if change == 0 else format_diff(change, unit, decimals)),
    delta_color="off" if not change else {"higher": "normal", "lower": "inverse"}.get(polarity, "off"),
    delta_arrow="off" if not change else "auto",
    delta_description=f"on {previous}" if previous and change is not None else None,
)
row1[1].metric(
    "Neighbour average",
    fmt(figures["sn_average"]),
    border=True,
    delta=f"{figures['sn_n']} of {int(spread['is_neighbour'].sum())} with data",
    delta_arrow="off",
    delta_color="off",
    help=f"Mean of the statistical neighbours with data, as DfE's tool; their median is {fmt(figures['sn_median'])}.",
)
row1[2].metric(region_name, fmt(figures["region"]), border=True)
row1[3].metric("England", fmt(figures["england"]), border=True)
row2 = st.columns(4)
row2[0].metric(
    "National rank",
    ordinal(figures["rank"]) if figures["rank"] else "—",
    border=True,
    delta=f"of {figures['rank_of']} LAs; 1st is best" if figures["rank"] else None,
    delta_arrow="off",
    delta_color="off",
)
band = figures["quartile"]
row2[1].metric(
    "Quartile band (A is best)",
    f"{band}" if band else "—",
    border=True,
    delta=band_text(band, thresholds, polarity, unit, decimals) if band else None,
    delta_arrow="off",
    delta_color="off",
)
row2[2].metric(
    "Rank among neighbours",
    ordinal(figures["sn_rank"]) if figures["sn_rank"] else "—",
    border=True,
    delta=f"of {figures['sn_rank_of']}, with {la_name}" if figures["sn_rank"] else None,
    delta_arrow="off",
    delta_color="off",
)
row2[3].metric(
    "Direction of travel",
    figures["direction"].capitalize() if figures["direction"] else "—",
    delta=direction_label(figures["direction"], polarity) if figures["direction"] else None,
    delta_arrow="off",
    delta_color="off",
    border=True,
)

st.markdown(
    esc(
        summary_sentence(
            figures,
            la_name=la_name,
            unit=unit,
            decimals=decimals,
            region_name=f"the {region_name} region" if region_code else "its region",
        )
    )
)
if thresholds:
    st.caption(
        f"Quartile thresholds across all LAs in {esc(year)}: {', '.join(fmt(t) for t in thresholds)}. "
        "A value on a threshold falls in the band of lower values, as in DfE's tool."
    )

# -- charts ----------------------------------------------------------------------------------
view = ("compare", measure, year, la)  # the charts are built once per data version and view
chart(
    (*view, "neighbours"),
    lambda: neighbour_bars(
        spread, figures, unit=unit, decimals=decimals, title=f"{la_name} and its statistical neighbours, {year}"
    ),
    width="stretch",
    alt=f"Bar chart of {la_name} and its neighbours for {year}",
)
st.caption(
    f"{esc(la_name)}: dark blue bar with a black outline, marked ▶. England: orange dash-dot line. "
    "Neighbour average: purple dotted line. Best at the top."
)
chart(
    (*view, "trend"),
    lambda: benchmark_trend(
        trend, la_name=la_name, region_name=region_name, unit=unit, decimals=decimals, title=f"{la_name} over time"
    ),
    width="stretch",
    alt=f"Line chart of {la_name} against its neighbours, region and England by year",
)
st.caption(
    f"{esc(la_name)}: solid line, circles · Neighbour average: dotted line, squares · {esc(region_name)}: "
    "dashed line, crosses · England: dash-dot line, diamonds. Gaps are years without data."
)
chart(
    (*view, "distribution"),
    lambda: distribution_chart(
        spread,
        thresholds,
        la,
        polarity=polarity,
        unit=unit,
        decimals=decimals,
        title=f"Every LA in {year}" + (", with quartile bands" if thresholds else ""),
    ),
    width="stretch",
    alt=f"Dot plot of every LA's value in {year} with {la_name} marked",
)
st.caption(
    f"Each dot is an LA, best on the left. {esc(la_name)}: large diamond, labelled; neighbours: squares. "
    + ("Shaded stripes are the quartile bands A (best) to D." if thresholds else esc(figures["note"] or ""))
)

# -- the same figures as tables, to read or download -------------------------------------------
group = spread[spread["is_la"] | spread["is_neighbour"]].sort_values(
    "value", ascending=polarity == "lower", na_position="last", kind="stable"
)
neighbours_table = pd.concat(
    [
        pd.DataFrame(
            {
                "Area code": group["area_code"],
                "Area": group["name"],
                "Role": ["Selected LA" if x else "Statistical neighbour" for x in group["is_la"]],
                "Value": group["value"].astype(float),
                "National rank": group["rank"],
                "Quartile band": group["quartile"],
            }
        ),
        pd.DataFrame(
            {
                "Area code": ["", region_code or "", "970"],
                "Area": [f"Neighbour average ({figures['sn_n']} with data)", region_name, "England"],
                "Role": ["Comparator", "Region", "Comparator"],
                "Value": [figures["sn_average"], figures["region"], figures["england"]],
                "National rank": pd.array([None] * 3, dtype="Int64"),
                "Quartile band": [None] * 3,
            }
        ),
    ],
    ignore_index=True,
)
trend_table = pd.DataFrame(
    {
        "Year": trend["label"],
        la_name: trend["value"],
        "Neighbour average": trend["sn_average"],
        "Neighbours with data": trend["sn_n"],
        "Neighbour median": trend["sn_median"],
        region_name: trend["region"],
        "England": trend["england"],
    }
)
all_table = pd.DataFrame(
    {
        "National rank": spread["rank"],
        "Area code": spread["area_code"],
        "LA": spread["name"],
        "Value": spread["value"].astype(float),
        "Quartile band": spread["quartile"],
        "Statistical neighbour": [
            "Selected LA" if a else ("Yes" if n else "") for a, n in zip(spread["is_la"], spread["is_neighbour"])
        ],
    }
)

st.subheader("Tables")
stem = f"compare_{_file_part(measure)}_{_file_part(year)}_{_file_part(la)}"
value_format = st.column_config.NumberColumn(format=f"%.{decimals}f" if decimals is not None else None)
for tab, (name, table) in zip(
    st.tabs(["Neighbours", "Trend", "All LAs"]),
    [("neighbours", neighbours_table), ("trend", trend_table), ("all-las", all_table)],
):
    with tab:
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height="content" if len(table) <= 20 else "auto",
            placeholder="—",
            column_config={
                col: value_format
                for col in table.columns
                if col in ("Value", la_name, "Neighbour average", "Neighbour median", region_name, "England")
            },
        )
        d = st.container(horizontal=True)
        # made only when someone clicks (an Excel file per table on every rerun was a third of the page)
        d.download_button(
            "Download CSV",
            lambda t=table: csv_bytes(t),
            file_name=f"{stem}_{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key=f"csv-{name}",
        )
        d.download_button(
            "Download Excel",
            lambda t=table, n=name: xlsx_bytes(t, sheet_name=n),
            file_name=f"{stem}_{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key=f"xlsx-{name}",
        )

nu.footer()
