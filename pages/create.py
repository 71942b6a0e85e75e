"""Create your own: several LAs (or a preset: my neighbours, my region, all) by several measures over a year range.

Every choice is in the address (?la=&preset=&areas=&measures=&from=&to=), so a table can be bookmarked
and shared; the table downloads as CSV and Excel, and a chart is drawn where it stays readable.
"""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import national, national_charts
from pages.ui import esc
from pages.ui import national as nu

MAX_CHART_AREAS = 12  # more lines than this cannot be told apart: the table shows them instead
MAX_MEASURES = 8

st.title("Create your own")
nu.no_national_data()
top = st.columns([2, 2])
la, about = nu.choose_authority(top[0])
model, model_name = nu.choose_model(top[1])
las = nu.las()
names = dict(zip(las["area_code"], las["name"]))
params = st.query_params

preset_keys = ["none", *national.PRESETS]
preset_words = {"none": "Only the LAs I choose", **national.PRESETS}
asked_preset = params.get("preset")
preset = st.radio(
    "Start from",
    preset_keys,
    index=preset_keys.index(asked_preset) if asked_preset in preset_keys else 1,
    format_func=preset_words.get,
    horizontal=True,
    help=f"My neighbours uses the {model_name}; my region is {about['region_name']}.",
)
asked_areas = [a for a in (params.get("areas") or "").split(",") if a in names]
extra = st.multiselect(
    "Add LAs",
    las["area_code"].tolist(),
    default=asked_areas,
    format_func=lambda a: names[a],
    placeholder="Type an authority's name",
)
areas = list(
    dict.fromkeys(
        [*(national.preset_areas(preset, la, las, nu.neighbours(model)) if preset != "none" else [la]), *extra]
    )
)
catalogue = nu.measures()
catalogue = catalogue[catalogue["years"] > 0]
titles = dict(zip(catalogue["measure"], catalogue["title"]))
asked_measures = [m for m in (params.get("measures") or "").split(",") if m in titles]
chosen = st.multiselect(
    "Measures",
    catalogue["measure"].tolist(),
    default=asked_measures or ["KS2RWM_Expected_STD", "AVG_Attain8_Score"],
    format_func=lambda m: f"{titles[m]} ({m})",
    max_selections=MAX_MEASURES,
    placeholder="Type to search DfE's measures",
)
england = st.checkbox("Include England", value=params.get("england", "yes") != "no")
if not chosen:
    st.info("Choose at least one measure.", icon="ℹ️")
    st.stop()
frame = nu.values(chosen)
low, high = national.year_span(frame)
first = int(params.get("from")) if str(params.get("from", "")).isdigit() else max(low, high - 4)
last = int(params.get("to")) if str(params.get("to", "")).isdigit() else high
first, last = st.slider(
    "Years (by the year each period ends)", low, high, (min(max(first, low), high), max(min(last, high), low))
)
st.query_params.update(
    {
        "preset": preset,
        "areas": ",".join(extra),
        "measures": ",".join(chosen),
        "from": str(first),
        "to": str(last),
        "england": "yes" if england else "no",
    }
)

long = national.custom_table(frame, areas, first, last, england=england, titles={m: titles[m] for m in chosen})
wide = national.custom_wide(long)
starting = {
    "none": about["name"],
    "neighbours": f"{about['name']} and its neighbours",
    "region": f"{about['name']}'s region",
    "all": "Every LA",
}[preset]
st.subheader(
    esc(
        f"{starting}{' and others' if extra else ''}: {len(areas)} LA{'s' if len(areas) != 1 else ''} × "
        f"{len(chosen)} measure{'s' if len(chosen) != 1 else ''}, {first} to {last}"
    )
)
st.caption(
    "Bookmark or copy this page's address to come back to exactly this table. "
    + (f"Neighbours: {esc(model_name)}." if preset == "neighbours" else "")
)
if wide.empty:
    st.warning("No figures for these choices; widen the years or choose other measures.", icon="⚠️")
    st.stop()
stem = f"create-your-own_{la}_{first}-{last}"
nu.table(wide, stem=stem, sheet="Table")
with st.expander("The same figures, one row per value (with national rank)"):
    nu.table(long, stem=f"{stem}_long", sheet="Values")

st.subheader("Charts")
shown_areas = len(areas) + int(england)
if shown_areas > MAX_CHART_AREAS:
    st.info(
        f"{shown_areas} areas are too many lines to tell apart on a chart; the table above has every figure. "
        f"Choose {MAX_CHART_AREAS} or fewer to see charts.",
        icon="ℹ️",
    )
else:
    for measure in chosen:
        part = long[long["Measure"] == measure].rename(columns={"Area": "series", "Value": "value", "Year": "label"})
        if part["value"].notna().sum() == 0:
            continue
        part = part.merge(
            frame[["measure", "label", "end_date"]].drop_duplicates(),
            how="left",
            left_on=["Measure", "label"],
            right_on=["measure", "label"],
        )
        unit, decimals = nu.unit_and_decimals(catalogue.set_index("measure").loc[measure])
        nu.chart(
            national_charts.lines(
                part[["label", "end_date", "series", "value"]],
                highlight=about["name"],
                unit=unit,
                decimals=decimals,
                title=titles[measure],
                height=300,
            ),
            alt_text=f"Line chart of {titles[measure]} for {len(areas)} LAs by year",
            stem=f"{stem}_{nu.file_part(measure)}",
            caption=f"{about['name']}: thick solid line, circles. England: dash-dot line, diamonds. Every other "
            "LA: its own dash and marker. The value axis fits the figures rather than starting at zero.",
        )
nu.footer()
