"""User text made safe for Markdown, and for the HTML a few layouts (Present, the risk matrix) write."""

from __future__ import annotations

import html
import re

import pandas as pd

from kpi.limits import most, stated

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~#])")
_MD_LEADING = re.compile(r"^(\s*)([-+]|\d+\.)(\s)", re.MULTILINE)
# GitHub-flavoured Markdown also turns bare addresses into links ("https://...", "www....", "name@host"), after
# escapes are read, so a backslash cannot stop it. An invisible word joiner (U+2060) before the colon, the dot or
# the at sign leaves the text as it reads, and as a screen reader says it, but no longer an address.
_AUTOLINK = re.compile(r"(?i)(?<=\bhttp)(?=:)|(?<=\bhttps)(?=:)|(?<=\bwww)(?=\.)|(?<=[\w.+-])(?=@[\w-])")
JOINER = "\u2060"


def _missing(text) -> bool:
    return text is None or (isinstance(text, float) and pd.isna(text))


def esc(text) -> str:
    """User text shown as plain text inside Markdown: no links (not even bare addresses), HTML, emphasis,
    colour directives or LaTeX."""
    if _missing(text):
        return ""
    escaped = _AUTOLINK.sub(JOINER, _MD_SPECIAL.sub(r"\\\1", str(text)))
    return _MD_LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", escaped)


def html_text(text) -> str:
    """User text inside an HTML block of st.markdown(unsafe_allow_html=True): escaped, and with its line breaks
    as <br>, because a blank line would end the block and let the rest be read as Markdown (links and all)."""
    if _missing(text):
        return ""
    return re.sub(r"\r\n|\r|\n", "<br>", html.escape(str(text), quote=True))


def limited(kind: str, value=None, help: str | None = None) -> dict:
    """A text field's max_chars (kpi.limits; never below the text it starts with, so nothing held is cut off
    unseen) and its help saying the limit; Streamlit shows the count against it as the person types."""
    start = 0 if _missing(value) else len(str(value))
    return {"max_chars": max(most(kind), start), "help": f"{help} {stated(kind)}" if help else stated(kind)}
