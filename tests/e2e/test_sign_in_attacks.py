"""Sign-in that cannot be bypassed or borrowed, tried as the issue's attacker did, against `streamlit run`.

- Streamlit's clear-cache message, sent by an unauthenticated websocket client before each guess,
  used to clear the failed-attempt counter (20 of 20 guesses went through): now 1 of 20 is checked.
- The delay used to refuse even the right password, so anyone could lock a user out: now the right
  password from any other client goes straight in.
- Being signed in lived in the Streamlit session, whose id is in every file-upload address: a script
  that reconnected with that id became the signed-in admin. Now it gets the session but not the role.
- A reload signed the user out: now the HttpOnly cookie keeps them in, and sign-out ends it for good.
"""

import io
import json
import math
import subprocess
import sys
import time

import pytest
from openpyxl import Workbook

from tests.conftest import ROOT
from tests.e2e.conftest import browser_sign_in, start_secured_app, stop_app, wait_idle
from tests.e2e.raw_client import Raw, post_form

USERS = {"dana": ("admin-pass", "admin"), "olivia": ("officer-pass", "officer")}


@pytest.fixture(scope="module")
def secured(demo_db_template, tmp_path_factory):
    proc, url, db = start_secured_app(tmp_path_factory.mktemp("attacks"), demo_db_template, USERS)
    yield url, db
    stop_app(proc)


def sign_in_post(url, name, password, client=None):
    """The sign-in form posted by a script; `client` poses as another address through a trusted proxy."""
    return post_form(
        url + "/account/sign-in",
        {"username": name, "password": password},
        headers={"X-Forwarded-For": client} if client else None,
    )


def outcome(headers) -> str:
    return headers.get("location", "")


def session_cookie(headers) -> str:
    return headers.get("set-cookie", "").split(";")[0]


def audit_rows(db, action):
    out = subprocess.run(
        [sys.executable, "-m", "kpi", "audit", "--db", str(db), "--action", action, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_session_cookie_is_httponly_signed_and_expiring(secured):
    url, db = secured
    status, headers = sign_in_post(url, "olivia", "officer-pass", client="10.0.0.5")
    assert status == 303 and outcome(headers) == "/signin"
    cookie = headers["set-cookie"]
    assert cookie.startswith("kpi_session=v1.") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age=28800" in cookie and "Path=/" in cookie
    value = session_cookie(headers)
    raw = Raw(url, cookie=value)
    assert "You are signed in as **olivia**" in raw.rerun("signin").text
    raw.close()
    forged = value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB")  # its signature altered
    raw = Raw(url, cookie=forged)
    assert "You need the officer role" in raw.rerun("upload").text
    raw.close()
    assert any(r["user"] == "olivia" and r["detail"] == {"client": "10.0.0.5"} for r in audit_rows(db, "sign-in"))


def test_clear_cache_over_the_websocket_does_not_reset_the_throttle(secured):
    url, db = secured
    attacker = Raw(url)  # unauthenticated, no browser
    attacker.rerun("signin")
    checked, started = 0, time.monotonic()
    for guess in range(20):
        attacker.clear_cache()  # the message that used to empty the counter ...
        attacker.rerun("signin")  # ... handled before this run, so before the next guess
        status, headers = sign_in_post(url, "dana", f"guess-{guess}", client="203.0.113.9")
        assert status == 303 and "set-cookie" not in headers
        assert outcome(headers) == "/signin?signin=refused" or outcome(headers).startswith("/signin?signin=wait")
        checked += outcome(headers) == "/signin?signin=refused"
    attacker.close()
    elapsed = time.monotonic() - started
    # Delays of 1, 2, 4, 8 ... seconds: in `elapsed` seconds at most 2 + log2(1 + elapsed) guesses are checked.
    assert 1 <= checked <= 2 + math.log2(1 + elapsed) and checked < 10, (checked, elapsed)
    failed = [r for r in audit_rows(db, "sign-in failed") if r["detail"] == {"client": "203.0.113.9"}]
    assert len(failed) == checked and failed[0]["user"] == "dana"


def test_the_delay_holds_back_the_guessing_client_but_not_the_real_user(secured):
    url, _ = secured
    refused = 0
    while refused < 3:  # three checked guesses: a delay of 4 s, long enough to outlast a slow machine's post
        status, headers = sign_in_post(url, "dana", f"a-guess-{refused}", client="203.0.113.10")
        assert outcome(headers) == "/signin?signin=refused" or outcome(headers).startswith("/signin?signin=wait")
        if outcome(headers) == "/signin?signin=refused":
            refused += 1
        else:
            time.sleep(0.25)
    status, headers = sign_in_post(url, "dana", "admin-pass", client="203.0.113.10")  # right, but from there
    assert outcome(headers).startswith("/signin?signin=wait&wait=") and "set-cookie" not in headers
    assert 1 <= int(outcome(headers).rsplit("=", 1)[1]) <= 4
    status, headers = sign_in_post(url, "dana", "admin-pass", client="198.51.100.20")  # the real user's desk
    assert outcome(headers) == "/signin" and session_cookie(headers).startswith("kpi_session=")


def test_a_session_id_borrowed_from_a_file_upload_address_is_not_enough(secured, page):
    url, _ = secured
    browser_sign_in(page, url, "dana", "admin-pass")
    page.goto(url + "/upload")
    wait_idle(page)
    uploads = []
    page.on("request", lambda r: uploads.append(r.url) if "/_stcore/upload_file/" in r.url else None)
    book, buffer = Workbook(), io.BytesIO()
    book.active.append(["Indicator", "Period", "Measure", "Value"])
    book.save(buffer)
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "r.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}]
    )
    page.wait_for_timeout(1500)
    assert uploads, "the upload address was not seen"
    session_id = uploads[0].split("/_stcore/upload_file/")[1].split("/")[0]  # what a proxy's log shows

    thief = Raw(url, session_id=session_id)
    run = thief.rerun("admin")
    thief.close()
    assert run.session_id == session_id  # the thief did get the admin's session ...
    assert "You need the admin role" in run.text  # ... but not the admin's role
    assert "Audit log and backup" not in run.text

    cookie = next(c for c in page.context.cookies() if c["name"] == "kpi_session")
    assert cookie["httpOnly"] and page.evaluate("document.cookie").find("kpi_session") == -1
    owner = Raw(url, cookie=f"kpi_session={cookie['value']}")  # the browser's own cookie does open it
    assert "Audit log and backup" in owner.rerun("admin").text
    owner.close()


def test_signed_in_survives_a_reload_and_signing_out_ends_the_session(secured, page):
    url, db = secured
    browser_sign_in(page, url, "olivia", "officer-pass")
    page.reload()
    wait_idle(page)
    page.get_by_text("You are signed in as olivia").wait_for(timeout=30000)
    page.goto(url + "/upload")
    wait_idle(page)
    page.locator("input[type='file']").wait_for(state="attached", timeout=30000)  # the officer's upload box
    assert page.locator("input[type='file']").count() == 1
    kept = next(c for c in page.context.cookies() if c["name"] == "kpi_session")["value"]

    page.goto(url + "/signin")
    wait_idle(page)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for(timeout=30000)
    assert not [c for c in page.context.cookies() if c["name"] == "kpi_session"]
    replay = Raw(url, cookie=f"kpi_session={kept}")  # a copy of the cookie, kept from before
    assert "You need the officer role" in replay.rerun("upload").text
    replay.close()
    assert audit_rows(db, "sign-out")[0]["user"] == "olivia"


def test_another_site_cannot_post_the_forms(secured):
    url, _ = secured
    for path in ("/account/sign-in", "/account/sign-out"):
        status, _ = post_form(
            url + path, {"username": "dana", "password": "admin-pass"}, headers={"Origin": "https://evil.example"}
        )
        assert status == 403
