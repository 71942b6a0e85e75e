"""Authority profile: any LA's DfE measures by topic, each a card rated against a target by position.

?la= opens any authority; the choice stays for the session. The figures for every LA come from one
cached query per data version and model, so switching authority is a filter, not a query.
"""

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi import national
from pages.ui import PAGE_FILES, can, current_user, esc, store, user_errors
from pages.ui import national as nu

TARGET_CHOICES = [
    "quartile A",
    "quartile B",
    "at or better than the neighbour average",
    "in line with the neighbour average",
    "at or better than England",
    "top 3 of neighbours",
    "top 50 nationally",
]

st.title("Authority profile")
nu.no_national_data()
top = st.columns([2, 2])
la, about = nu.choose_authority(top[0])
model, model_name = nu.choose_model(top[1])

choice = national.profile_choice(store())
rows = national.profile_rows(
    nu.profile_figures(model, la, choice["measure"]), choice, nu.measures(), model_name=model_name, names=nu.names()
)
st.subheader(esc(f"{about['name']} ({la}), {about['region_name']}"))
st.caption(
    "DfE's national figures for this authority, each against a target by position. Neighbour figures use "
    f"the {esc(model_name)}. Rank 1 is best; quartile A is the best quarter of LAs."
)

for topic, group in rows.groupby("topic", sort=False):
    st.subheader(esc(topic), anchor=False)
    group_cards = national.profile_cards(group)
    for start in range(0, len(group_cards), 3):
        for column, card in zip(st.columns(3), group_cards[start : start + 3]):
            with column, st.container(border=True, key=f"profile-{card.code}"):
                head = (
                    f"**{esc(card.title)}**  \n:{card.rag_badge}-badge[{esc(card.rag_label)}] "
                    f"{esc(card.direction_label)}  \n"
                    f'<span style="font-size:2rem;font-weight:700;line-height:1.25">{esc(card.value)}</span> '
                    f"{esc(card.period) if card.has_figure else ''}"
                )
                body = [card.change, card.target_line, card.place, card.comparators]
                st.markdown("  \n".join([head] + [esc(b) for b in body if b]), unsafe_allow_html=True, help=card.reason)
                st.page_link(
                    PAGE_FILES["compare"],
                    label=f"Compare: {esc(card.title)}",
                    icon=":material/compare_arrows:",
                    query_params={"measure": card.code, "year": card.period, "la": la},
                )

with st.expander("Targets for the profile's measures"):
    st.caption(
        "Each measure is rated against a target by position, the same rule as a plan's targets: "
        "quartile, rank, England or the neighbour average. The choice applies to every authority's profile."
    )
    table = pd.DataFrame({"Measure": rows["measure"], "Title": rows["title"], "Target": rows["target_text"]})
    if can("officer"):
        edited = st.data_editor(
            table,
            hide_index=True,
            width="stretch",
            disabled=["Measure", "Title"],
            column_config={
                "Target": st.column_config.SelectboxColumn(
                    "Target", options=sorted(set(TARGET_CHOICES) | set(table["Target"].dropna())), required=True
                )
            },
            key="profile-targets",
        )
        if st.button("Save targets", icon=":material/save:"):
            wanted = {m: t for m, t, old in zip(edited["Measure"], edited["Target"], table["Target"]) if t != old}
            with user_errors(stop=False):
                changed = national.set_profile_targets(store(), wanted, current_user())
                st.success(f"Saved {changed} target{'s' if changed != 1 else ''}.", icon="✅")
                st.rerun()
    else:
        st.dataframe(table, hide_index=True, width="stretch")
        st.caption("Officers can change these targets.")
    st.caption(
        "Amber: one quartile band short, two neighbour places or 10% of LAs short, or (for England or the "
        "neighbour average) within a quarter of the spread between all LAs' lower and upper quartiles."
    )

nu.footer()
