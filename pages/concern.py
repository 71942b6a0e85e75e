"""Schools causing concern: the LA's schools by the rules it chooses, why each is listed, and its own categories."""

import datetime

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.schools.concern import DEFAULTS_TEXT, RULES, concern_list, filter_concern, rule_words, save_rules, saved_rules
from kpi.schools.views import set_la_category
from pages.ui import can, current_user, esc, store, user_errors
from pages.ui.schools import list_downloads, open_school


@st.cache_data(show_spinner="Finding the schools…", max_entries=32)
def _concern(_store, path, version, area, as_at, rules, years):
    return concern_list(_store, area, as_at, list(rules), years)


s = store()
area = st.query_params.get("la") or s.home_area()
saved, saved_years = saved_rules(s)
head = st.container()

left, right = st.columns([1, 2])
as_at = left.date_input("As at", value=datetime.date.today(), format="DD/MM/YYYY", key="as_at")
years = left.number_input(
    "N: years without an inspection",
    min_value=1,
    max_value=30,
    value=saved_years,
    step=1,
    key="years",
    help="A school is listed when no inspection of it (or of its predecessor) "
    "started in this many years before the date.",
)
with right.container(border=True):
    st.markdown("**List a school when it is**")
    chosen = [
        rule for rule in RULES if st.checkbox(rule_words(rule, int(years)), value=rule in saved, key=f"rule-{rule}")
    ]
st.caption(esc(DEFAULTS_TEXT))
if can("officer") and st.button("Save these rules as the LA's", icon=":material/save:"):
    with user_errors(stop=False):
        st.success(esc(save_rules(s, chosen, int(years), user=current_user())))

with user_errors():
    concern = _concern(s, str(s.path), s.data_version(), area, as_at, tuple(chosen), int(years))

head.title(esc(concern.heading))
st.markdown(f"**{esc(concern.summary)}.**")
if concern.counts:
    st.markdown("\n".join(f"- {esc(words)}: {n} school{'s' if n != 1 else ''}" for words, n in concern.counts))

st.subheader("Schools")
one, two = st.columns([1, 2])
categories = one.multiselect(
    "LA category", concern.la_categories, key="la-category", help="The LA's own categorisation in force at the date"
)
text = two.text_input("School name or URN", key="text")
shown = filter_concern(concern.schools, categories, text)
st.caption(f"{len(shown)} of {len(concern.schools)} schools shown.")
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={
        "URN": st.column_config.NumberColumn(format="%d"),
        "Why listed": st.column_config.TextColumn(width="large"),
        "Graded inspection": st.column_config.DateColumn(format="DD/MM/YYYY"),
    },
)
list_downloads(shown, f"schools-causing-concern-{concern.area}-{concern.as_at.isoformat()}")

st.subheader("Open a school")
open_school(shown)

if can("officer") and not shown.empty:
    st.subheader("The LA's categorisation")
    st.markdown(
        "Set a school's category in the LA's own programme. Each entry is kept, with who set it and "
        "when, and is in the audit log; the school's page shows the history."
    )
    labels = dict(zip(shown["URN"], shown["School"]))
    with st.form("la-category", clear_on_submit=True):
        urn = st.selectbox("School", list(labels), format_func=lambda u: f"{labels[u]} ({u})", key="category-school")
        category = st.text_input("Category", help="The LA's own category, e.g. 'Category 3: needs support'")
        note = st.text_area("Note")
        effective = st.date_input("From", value=datetime.date.today(), format="DD/MM/YYYY")
        if st.form_submit_button("Save category"):
            with user_errors(stop=False):
                st.success(esc(set_la_category(s, urn, category, note, effective, user=current_user())))
st.caption(esc(concern.attribution))
