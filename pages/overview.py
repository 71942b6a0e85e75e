"""Overview: RAG tiles grouped by priority, with filters for plan, priority and RAG."""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.model import RAGS
from kpi.rag import DEFAULT_TOLERANCE
from pages.ui import demo_banner, esc, latest_cards, latest_figures, rag_label, tile

st.title("Performance overview")
demo_banner()

latest = latest_figures()
by_code = latest_cards()

params = st.query_params
plans = list(dict.fromkeys(latest["plan"].dropna()))  # the home authority's plan first
cols = st.columns(3)
plan_names = plans + ["All plans"]
plan = cols[0].selectbox(
    "Plan", plan_names, index=plan_names.index(params["plan"]) if params.get("plan") in plan_names else 0
)
in_plan = latest if plan == "All plans" else latest[latest["plan"] == plan]
priority_names = ["All priorities"] + in_plan.drop_duplicates("priority_code")["priority"].dropna().tolist()
priority = cols[1].selectbox(
    "Priority",
    priority_names,
    index=priority_names.index(params["priority"]) if params.get("priority") in priority_names else 0,
)
rag_filter = cols[2].multiselect(
    "RAG",
    list(RAGS),
    default=[r for r in params.get_all("rag") if r in RAGS],
    format_func=rag_label,
    placeholder="All ratings",
)

# Keep the filters in the URL so a link opens the same view.
st.query_params.update({"plan": plan, "priority": priority})
st.query_params["rag"] = rag_filter

shown = latest
if plan != "All plans":
    shown = shown[shown["plan"] == plan]
if priority != "All priorities":
    shown = shown[shown["priority"] == priority]
if rag_filter:
    shown = shown[shown["rag"].isin(rag_filter)]

counts = shown["rag"].value_counts()
st.caption(
    " · ".join(f"{rag_label(r)}: {int(counts.get(r, 0))}" for r in RAGS)
    + f" — RAG rule: green when the target is met or beaten; amber when missed by no more than the indicator's "
    f"tolerance (default {DEFAULT_TOLERANCE:g} in its units, percentage points for %); red otherwise."
)

if shown.empty:
    st.warning("No indicators match these filters.")
for (_code, prio_title), group in shown.groupby(["priority_code", "priority"], sort=False, dropna=False):
    st.subheader(esc(prio_title if isinstance(prio_title, str) else "Other indicators"))
    group_cards = [by_code[c] for c in group["code"]]
    for start in range(0, len(group_cards), 3):  # one row of columns at a time, so Tab runs across the row
        for column, card in zip(st.columns(3), group_cards[start : start + 3]):
            with column:
                tile(card)
