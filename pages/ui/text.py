"""User text made safe for Markdown."""
from __future__ import annotations

import re

import pandas as pd

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~#])")
_MD_LEADING = re.compile(r"^(\s*)([-+]|\d+\.)(\s)", re.MULTILINE)


def esc(text) -> str:
    """User text shown as plain text inside Markdown: no links, HTML, emphasis, colour directives or LaTeX."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return _MD_LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", escaped)
