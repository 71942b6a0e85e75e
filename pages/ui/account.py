"""Where the built-in sign-in form posts: HTTP routes served beside Streamlit through app.py's st.App.

A Streamlit page cannot set a cookie, and a password sent over Streamlit's websocket would leave the
server's answer living only in that websocket's session (whose id appears in every file-upload
address). So the Sign in page's form is a plain HTML form that posts here. This handler checks the
password (throttled per account and client, kpi.throttle), and answers with a redirect that sets a
signed, expiring session cookie: HttpOnly (no page script can read it), SameSite=Lax, Secure over
HTTPS. Every page run then checks that cookie (pages/ui/access.py). Signing out posts here too: the
session is ended in the store and the cookie cleared.

A request must come from the dashboard's own pages (its Origin, or else Referer, names this host),
so another site cannot sign a visitor in or out. The client's address is the connection's as
uvicorn reports it: X-Forwarded-For is honoured only from the proxies uvicorn trusts
(FORWARDED_ALLOW_IPS, 127.0.0.1 by default), so a client elsewhere cannot pose as many.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from kpi.auth import SignInRefused, sign_in, sign_out
from kpi.sessions import COOKIE, SESSION_HOURS
from kpi.store import Store, StoreError, default_db_path

SIGN_IN = "/account/sign-in"
SIGN_OUT = "/account/sign-out"
MAX_FORM_BYTES = 8192

log = logging.getLogger("kpi.account")
_stores: dict[str, Store] = {}


def base_path() -> str:
    """Streamlit's server.baseUrlPath as '/path' ('' when the dashboard is served at the root)."""
    from streamlit import config

    path = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{path}" if path else ""


def _store() -> Store:
    """One Store for these routes (a fault is not kept, so the next request tries again)."""
    path = str(default_db_path())
    if path not in _stores:
        _stores[path] = Store(path)
    return _stores[path]


def _users() -> dict:
    from pages.ui.access import secret_section

    return secret_section("users")


def _from_here(request: Request) -> bool:
    """The request was sent by a page of this dashboard: its Origin (or Referer) names this host."""
    source = request.headers.get("origin") or request.headers.get("referer")
    host = request.headers.get("host")
    return bool(source and host) and urlsplit(source).netloc.lower() == host.lower()


async def _form(request: Request) -> dict[str, str]:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return {}
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0] for k, v in fields.items()}


def _back(outcome: str | None = None, seconds: int = 0) -> RedirectResponse:
    query = {"signin": outcome} if outcome else {}
    if seconds:
        query["wait"] = str(seconds)
    target = f"{base_path()}/signin" + (f"?{urlencode(query)}" if query else "")
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def _client(request: Request) -> str:
    """The client's address; an IPv4 address seen through a dual-stack socket (::ffff:10.1.2.3) as plain IPv4."""
    host = request.client.host if request.client else "unknown"
    return host.removeprefix("::ffff:") if "." in host else host


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


async def sign_in_post(request: Request) -> Response:
    if not _from_here(request):
        return PlainTextResponse("Sign in from the dashboard's own Sign in page.", status_code=403)
    form = await _form(request)
    try:
        done = await run_in_threadpool(
            sign_in, _store(), _users(), form.get("username", ""), form.get("password", ""), _client(request)
        )
    except SignInRefused as refused:
        return _back(refused.code, refused.seconds)
    except StoreError as exc:
        log.error("Sign-in could not use the database: %s", exc)
        return _back("unavailable")
    response = _back()
    response.set_cookie(
        COOKIE,
        done.cookie,
        max_age=int(SESSION_HOURS * 3600),
        path=base_path() or "/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    return response


async def sign_out_post(request: Request) -> Response:
    if not _from_here(request):
        return PlainTextResponse("Sign out from the dashboard's own Sign in page.", status_code=403)
    try:
        await run_in_threadpool(sign_out, _store(), request.cookies.get(COOKIE), _client(request))
    except StoreError as exc:
        log.error("Sign-out could not use the database: %s", exc)
    response = _back("out")
    response.delete_cookie(COOKIE, path=base_path() or "/", httponly=True, samesite="lax", secure=_secure(request))
    return response


async def handle(request: Request) -> Response:
    """app.py's route for /account/{action}: sign-in or sign-out."""
    action = request.path_params.get("action")
    if action == SIGN_IN.rsplit("/", 1)[1]:
        return await sign_in_post(request)
    if action == SIGN_OUT.rsplit("/", 1)[1]:
        return await sign_out_post(request)
    return PlainTextResponse("Not found.", status_code=404)
