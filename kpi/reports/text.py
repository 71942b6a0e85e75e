"""Text as the board pack prints it, whatever a user typed: never a crash, never markup, never a runaway box.

Both writers pass every stored string through `clean` (control characters and unpaired surrogates
cannot go into PDF or PowerPoint XML); the PDF escapes it as HTML (WeasyPrint renders HTML, so a title
like ``<b>`` must print as those three characters); a slide has fixed room, so `clip` cuts long text
at a word where it can, and the writer says where the rest is.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

# C0 and C1 controls other than tab and newline, and the two non-characters XML refuses.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
CONTINUED = "continued"
LONG_WORD, BREAK_EVERY = 40, 20
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD},}}")


def clean(value) -> str:
    """The text a pack can print: '' for None; controls dropped (a tab is a space); unpaired surrogates as �;
    composed (NFC), so a letter and its accent stay one character when cut."""
    if value is None:
        return ""
    text = str(value).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def _breakable(text: str) -> str:
    """A zero-width space every BREAK_EVERY characters of a word longer than LONG_WORD (a pasted URL, a key held
    down): the line breaker then meets ordinary break points, where breaking inside one long word costs time
    that grows with the square of its length (20,000 letters: minutes)."""
    return _LONG_WORD.sub(
        lambda m: "\u200b".join(m[0][i : i + BREAK_EVERY] for i in range(0, len(m[0]), BREAK_EVERY)), text
    )


def html(value) -> str:
    """Clean text escaped for HTML to lay out; a newline becomes a line break, a very long word can break."""
    return escape(_breakable(clean(value)), quote=True).replace("\n", "<br>")


def attr(value) -> str:
    """Clean text escaped for an HTML attribute (alternative text, metadata): quotes too, newlines as spaces."""
    return escape(clean(value).replace("\n", " "), quote=True)


def clip(value, limit: int) -> tuple[str, str]:
    """(what fits in `limit` characters, the rest): cut at the last space in the second half of the room,
    else (a word longer than the room) mid-word. The rest is '' when everything fits."""
    text = clean(value)
    if len(text) <= limit:
        return text, ""
    cut = text.rfind(" ", limit // 2, limit + 1)
    cut = cut if cut > 0 else limit
    return text[:cut].rstrip(), text[cut:].lstrip()


def pieces(value, limit: int) -> list[str]:
    """The text in consecutive pieces of at most `limit` characters, cut as `clip` cuts; [''] for no text."""
    out, rest = [], clean(value)
    while True:
        head, rest = clip(rest, limit)
        out.append(head)
        if not rest:
            return out


def short(value, limit: int) -> str:
    """The text cut to `limit` characters with an ellipsis when it is longer (a title in a box of fixed size)."""
    head, rest = clip(value, limit - 1)
    return f"{head}…" if rest else head
