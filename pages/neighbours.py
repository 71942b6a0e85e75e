"""Statistical neighbours: the authority and each of its neighbours over time, in the model chosen."""

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import national, national_charts
from pages.ui import esc
from pages.ui import national as nu

st.title("Statistical neighbours")
nu.no_national_data()
top = st.columns([2, 3])
la, about = nu.choose_authority(top[0])
measure = nu.choose_measure(top[1])
model, model_name = nu.choose_model()
groups = nu.neighbours(model)
mine = groups[groups["area_code"] == la]
if mine.empty:
    st.warning(esc(f"{about['name']} has no neighbours in the {model_name}; choose the other model."), icon="⚠️")
    st.stop()
frame = nu.values([measure.name])
unit, decimals = nu.unit_and_decimals(measure)
long = national.neighbour_series(frame, la, mine["neighbour_code"].tolist())
names = [about["name"], *mine["neighbour_name"].tolist(), "Neighbour average", "England"]
st.subheader(esc(f"{about['name']} and its neighbours ({model_name})"))
st.caption(
    esc(
        f"{measure['title']}. DfE's {model_name}: the ten authorities most like {about['name']}, closest first. "
        "The neighbour average is the mean of the neighbours with figures, as in DfE's tool."
    )
)
shown = st.multiselect(
    "Series to show",
    names,
    default=[about["name"], "Neighbour average", "England"],
    help="Add neighbours to the chart; the table below always has them all.",
)
stem = f"neighbours_{nu.file_part(measure.name)}_{la}_{model}"
nu.chart(
    national_charts.lines(
        long[long["series"].isin(shown)],
        highlight=about["name"],
        unit=unit,
        decimals=decimals,
        title=f"{about['name']} and its neighbours, {model_name}",
    ),
    alt_text=f"Line chart of {', '.join(shown)} by year for {measure['title']}",
    stem=stem,
    caption=f"{about['name']}: thick solid line, circles. Neighbour average ({model_name}): dotted line, "
    "squares. England: dash-dot line, diamonds. Each neighbour: its own dash and marker.",
)
order = long.drop_duplicates("label")["label"].tolist()
wide = long.pivot_table(index="series", columns="label", values="value", aggfunc="first", sort=False)
wide = wide.reindex(index=names, columns=order).reset_index().rename(columns={"series": "Area"})
closeness = dict(zip(mine["neighbour_name"], mine["closeness"]))
wide.insert(
    1, "Closeness", [closeness.get(n) or ("" if n != about["name"] else "this authority") for n in wide["Area"]]
)
wide.insert(
    1,
    "Neighbour",
    [pd.NA if n not in closeness else int(mine.set_index("neighbour_name").loc[n, "position"]) for n in wide["Area"]],
)
wide["Neighbour"] = wide["Neighbour"].astype("Int64")
nu.table(wide, stem=stem, sheet="Neighbours", decimals=decimals)
nu.metadata_panel(measure)
nu.footer()
