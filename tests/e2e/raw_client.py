"""What a script can do to the dashboard without a browser: post forms, and speak Streamlit's websocket.

`Raw` is an attacker's websocket client: it may claim any Streamlit session id (as a browser does when
it reconnects), send any BackMsg (clear-cache among them) and read what the server renders, with
only the cookies it is given. `post_form` sends a form as a script would, with any headers.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

_TEXT_FIELDS = ("markdown", "alert", "heading", "text", "html", "exception")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_form(url: str, fields: dict, *, headers: dict | None = None):
    """POST a urlencoded form without following the redirect -> (status, headers)."""
    data = urllib.parse.urlencode(fields).encode()
    base = url.split("/account/")[0]
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": base, **(headers or {})},
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers


class Run:
    """One script run as the server sent it: the session it ran in and every text it rendered."""

    def __init__(self):
        self.session_id: str | None = None
        self.texts: list[str] = []
        self.exceptions = 0  # exception boxes the run showed

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


class Raw:
    def __init__(self, base_url: str, *, session_id: str | None = None, cookie: str | None = None):
        ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Origin": base_url}
        if cookie:
            headers["Cookie"] = cookie
        protocols = ["streamlit", "none"] + ([session_id] if session_id else [])
        self.ws = connect(ws_url, subprotocols=protocols, additional_headers=headers, open_timeout=30, max_size=None)

    def send(self, msg: BackMsg) -> None:
        self.ws.send(msg.SerializeToString())

    def rerun(self, page_name: str = "", query: str = "") -> Run:
        msg = BackMsg()
        msg.rerun_script.CopyFrom(ClientState(query_string=query, page_name=page_name))
        self.send(msg)
        return self.read_run()

    def clear_cache(self) -> None:
        msg = BackMsg()
        msg.clear_cache = True
        self.send(msg)

    def read_run(self, timeout: float = 90) -> Run:
        run = Run()
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(self.ws.recv(timeout=timeout))
            kind = fwd.WhichOneof("type")
            if kind == "new_session" and fwd.new_session.initialize.session_id:
                run.session_id = fwd.new_session.initialize.session_id
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                field = element.WhichOneof("type")
                run.exceptions += field == "exception"
                if field in _TEXT_FIELDS:
                    part = getattr(element, field)
                    run.texts.append(getattr(part, "body", "") or getattr(part, "message", ""))
            elif (
                kind == "script_finished"
                and fwd.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
            ):
                return run

    def close(self) -> None:
        self.ws.close()
