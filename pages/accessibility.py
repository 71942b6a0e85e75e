"""Accessibility statement: laid out from kpi.accessibility, open to everyone without signing in."""

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.accessibility import contact_from, long_date, statement
from pages.ui import can, esc, secret_section

s = statement(contact_from(secret_section("accessibility")))
st.title(esc(s.title))
st.markdown(f"**{esc(s.summary)}** Last reviewed {esc(long_date(s.reviewed))}.")
if s.missing_contact and can("admin"):
    st.warning(esc(s.missing_contact), icon=":material/contact_mail:")
for section in s.sections:
    st.header(esc(section.heading), anchor=False)
    for text in section.paragraphs:
        st.markdown(esc(text))
    if section.bullets:
        st.markdown("\n".join(f"- {esc(item)}" for item in section.bullets))
    for text in section.after:
        st.markdown(esc(text))
    for words, address in section.links:
        st.markdown(f"[{esc(words)}]({address})")
