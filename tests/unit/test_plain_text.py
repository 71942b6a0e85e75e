"""User text is plain text: Markdown's own syntax escaped, bare addresses no longer addresses, and text placed
in HTML blocks unable to end them. (What the browser makes of it: tests/e2e/test_plain_text_browser.py.)"""

import re

from pages.ui.text import JOINER, esc, html_text

ADDRESS = re.compile(r"(?i)\bhttps?://|\bwww\.|[\w.+-]@[\w-]")


def test_bare_addresses_are_broken_by_an_invisible_joiner_and_read_the_same():
    for text in (
        "https://evil.example/b",
        "HTTPS://EVIL.EXAMPLE",
        "www.evil.example",
        "ceo@evil.example",
        "[click me](https://evil.example/a)",
        "<https://evil.example/e>",
        "mail a.b+c@d.example now",
    ):
        safe = esc(text)
        assert not ADDRESS.search(safe), safe
        assert safe.replace(JOINER, "").replace("\\", "") == text
    assert esc("Data!B3: 60.5% at 3 @ noon") == "Data!B3: 60.5% at 3 @ noon"  # nothing else changes


def test_html_text_cannot_end_its_block():
    out = html_text('a <b>title</b> "q"\n\n[x](https://evil.example)\r\nnext')
    assert "\n" not in out and "\r" not in out and "<b>" not in out
    assert out.startswith("a &lt;b&gt;title&lt;/b&gt; &quot;q&quot;<br><br>")
