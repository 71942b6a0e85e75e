"""All LAs: every authority across every year for one measure, with the change from the year before and the rank."""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import national
from kpi.model import is_missing
from pages.ui import esc
from pages.ui import national as nu

st.title("All LAs")
nu.no_national_data()
top = st.columns([2, 3])
la, about = nu.choose_authority(top[0])
measure = nu.choose_measure(top[1])
frame = nu.values([measure.name])
table = national.all_las_table(frame, nu.las())
if table.empty:
    st.warning("This measure has no years with figures; choose another.", icon="⚠️")
    st.stop()
_, decimals = nu.unit_and_decimals(measure)
latest = table.attrs["latest"]
table.insert(0, "Selected", ["▶" if a == la else "" for a in table["Area code"]])
st.subheader(esc(f"{measure['title']}: every LA, every year"))
st.caption(
    esc(
        f"{len(table)} LAs, best first by their {latest} rank (1 is best; ties share the lowest rank, as in "
        f"DfE's tool). {about['name']} is marked ▶. Click a column heading to sort by it."
    )
)
mine = table.loc[table["Area code"] == la, f"Rank {latest}"]
if len(mine) and not is_missing(mine.iloc[0]):
    ranked = int(table[f"Rank {latest}"].notna().sum())
    st.markdown(esc(f"{about['name']}: rank {int(mine.iloc[0])} of {ranked} LAs in {latest}."))
nu.table(table, stem=f"all-las_{nu.file_part(measure.name)}", sheet="All LAs", decimals=decimals, height=560)
nu.metadata_panel(measure)
nu.footer()
