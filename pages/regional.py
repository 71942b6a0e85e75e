"""Regional: the authority's region with each of its LAs, and every region against England, as tables and charts."""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import national, national_charts
from pages.ui import esc
from pages.ui import national as nu

st.title("Regional")
nu.no_national_data()
top = st.columns([2, 3, 1])
la, about = nu.choose_authority(top[0])
measure = nu.choose_measure(top[1])
frame = nu.values([measure.name])
labels = frame.drop_duplicates("label")["label"].tolist()
if not labels:
    st.warning("This measure has no years with figures; choose another.", icon="⚠️")
    st.stop()
with_data = frame.loc[frame["value"].notna(), "label"].drop_duplicates().tolist()
year = nu.choose_year(labels, top[2], default=with_data[-1] if with_data else None)
unit, decimals = nu.unit_and_decimals(measure)
region = str(about["region_name"])
stem = f"regional_{nu.file_part(measure.name)}_{nu.file_part(year)}_{la}"

st.subheader(esc(f"{region}: each LA in {year}"))
table = national.region_table(frame, nu.las(), about["region_code"], year)
st.caption(
    esc(
        f"{measure['title']} ({measure['unit'] or 'value'}). Best first; national rank 1 is best of all LAs. "
        f"{about['name']} is marked ▶ on the chart."
    )
)
spread = table.assign(
    kind=["england" if c == "970" else "region" if c == about["region_code"] else "la" for c in table["Area code"]]
)
nu.chart(
    national_charts.dots(
        spread,
        label="Area",
        value="Value",
        highlight=about["name"],
        polarity=measure["polarity"],
        unit=unit,
        decimals=decimals,
        title=f"{region}, {year}",
    ),
    alt_text=f"Dot chart of each LA in {region} for {year}, best at the top, with the region and England",
    stem=f"{stem}_region",
    caption=f"{about['name']}: large diamond, marked ▶. {region} and England: squares. Other LAs: circles. "
    "The value axis fits the figures rather than starting at zero.",
)
nu.table(table, stem=f"{stem}_region", sheet="Region", decimals=decimals)

st.subheader("Every region against England")
wide = national.regions_over_time(frame)
names = wide["Area"].tolist()
shown = st.multiselect(
    "Series to show",
    names,
    default=[n for n in names if n in (region, "England")] or names,
    help="Choose which regions the chart shows; the table below always has them all.",
)
long = frame[frame["kind"].isin(["region", "england"]) & frame["name"].isin(shown)]
long = long.rename(columns={"name": "series"})[["label", "end_date", "series", "value"]]
nu.chart(
    national_charts.lines(
        long, highlight=region, unit=unit, decimals=decimals, title=f"{measure['title']}: regions and England"
    ),
    alt_text=f"Line chart of {', '.join(shown)} by year",
    stem=f"{stem}_regions",
    caption=f"{region}: thick solid line, circles. England: dash-dot line, diamonds. Other regions: their own "
    "dash and marker. Gaps are years without figures.",
)
nu.table(wide, stem=f"{stem}_regions", sheet="Regions", decimals=decimals)
nu.metadata_panel(measure)
nu.footer()
