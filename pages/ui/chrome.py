"""Page-wide style the dashboard needs on every page: one <style> element, sent once per run."""

from __future__ import annotations

import streamlit as st

# Streamlit's own "Download as CSV" on every table exports stored text unchanged, so "=HYPERLINK(...)" or
# "+cmd|..." would run when the file is opened in Excel. The pages offer safe CSV and Excel downloads
# (kpi.exports) wherever a table is worth taking away, so the built-in button is hidden.
TABLE_CSV_HIDDEN = """
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"],
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) { display: none !important; }
"""

# What Streamlit's theme has no setting for (the theme's textColor fixes caption contrast, see
# .streamlit/config.toml). Selectors name elements by role and test id, never by generated class.
# - Keyboard focus: Streamlit marks a focused link with a faint tint (about 1.1:1). Every link, button,
#   tab and expander gets a 3 px near-black ring outside it instead, 19.6:1 on the white page (WCAG 2.4.7
#   and 1.4.11 ask for a visible one at 3:1).
# - The date fields' day, month and year boxes are 18 px wide, side by side: WCAG 2.5.8 asks for 24 px.
# - A table (st.table) wider than a phone scrolls sideways in a box the keyboard cannot reach (WCAG 2.1.1):
#   on a narrow screen its cells wrap, even inside words, so it fits.
ACCESSIBLE = """
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, summary:focus-visible,
[role="button"]:focus-visible, [role="menuitem"]:focus-visible {
  outline: 3px solid #0B0C0C !important; outline-offset: 2px !important; box-shadow: none !important;
}
[data-testid="stDateInput"] [role="spinbutton"] {
  display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center;
}
@media (max-width: 640px) {
  [data-testid="stTable"] :is(th, td) { padding: 4px !important; }
  [data-testid="stTable"] :is(th, td), [data-testid="stTable"] :is(th, td) * {
    white-space: normal !important; overflow-wrap: anywhere !important; } }
"""


def page_style() -> None:
    st.html(f"<style>{TABLE_CSV_HIDDEN}{ACCESSIBLE}</style>")
