"""A page opened at its own address (/indicator?code=..., a bookmark, a link in the board pack) connects at once.

Streamlit's page in the browser does not know where the server's root is. Opened at /indicator, it first
asks /indicator/_stcore/health, gets "not found", waits and then asks /_stcore/health: about 100 ms
before anything runs, on every page but the home page (scripts/bench_pages: an eighth of an empty page's
whole load). At the addresses of the dashboard's own pages the server therefore answers with Streamlit's
index.html plus one line that names the root: the address less its last segment, which is where the
second try would have gone (so a proxy that strips a path prefix still works). The line sets
`window.__streamlit.BACKEND_BASE_URL`, Streamlit's own setting for pages that embed it; its browser code
reads it once, when it loads. Only the server imports this (app.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

# Static text: nothing from the request goes into the page.
ROOT_HINT = (
    "<script>window.__streamlit = Object.assign(window.__streamlit || {}, {BACKEND_BASE_URL: "
    'location.origin + location.pathname.replace(/\\/+$/, "").replace(/\\/[^\\/]*$/, "")});</script>'
)


@lru_cache(maxsize=1)
def index_html() -> str:
    """Streamlit's index.html with the root named before its first script; unchanged if it has none."""
    from streamlit import file_util

    html = (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")
    at = html.find("<script")
    return html if at < 0 else html[:at] + ROOT_HINT + html[at:]


async def _page(request: Request) -> HTMLResponse:
    """The page itself runs over the websocket as at any address; this only serves the HTML that starts it."""
    return HTMLResponse(index_html(), headers={"Cache-Control": "no-cache"})


def page_routes(url_paths: list[str], base: str = "") -> list[Route]:
    """GET and HEAD routes for each page's address under the server's base path (server.baseUrlPath)."""
    prefix = f"/{base.strip('/')}" if base.strip("/") else ""
    return [Route(f"{prefix}/{path}", _page, methods=["GET", "HEAD"]) for path in url_paths]
