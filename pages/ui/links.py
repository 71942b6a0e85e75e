"""Where each page lives, and running every page through app.py's menu."""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_IMPORT_LINE = re.compile(r"^(?:from ([\w.]+) import|import ([\w.]+))", re.MULTILINE)

HOME = "overview"  # app.py's default page (st.Page(default=True)): its address is "/"
PAGE_FILES = {
    "overview": "pages/overview.py",
    "indicator": "pages/indicator.py",
    "upload": "pages/upload.py",
    "uploads": "pages/uploads.py",
    "signin": "pages/signin.py",
    "admin": "pages/admin.py",
    "board": "pages/board.py",
    "present": "pages/present.py",
    "commentary": "pages/commentary.py",
    "compare": "pages/compare.py",
    "import_dfe": "pages/import_dfe.py",
    "profile": "pages/profile.py",
    "regional": "pages/regional.py",
    "neighbours": "pages/neighbours.py",
    "all_las": "pages/all_las.py",
    "create": "pages/create.py",
    "measures": "pages/measures.py",
    "schools": "pages/schools.py",
    "school": "pages/school.py",
    "concern": "pages/concern.py",
    "import_schools": "pages/import_schools.py",
    "accessibility": "pages/accessibility.py",
}


def through_app() -> None:
    """Rerun through app.py any run that did not come through it, so its menu, page config and viewer_gate apply.

    Because this folder is called pages/, Streamlit starts each server in its old pages-directory
    mode and, until someone's run switches it off, runs a typed URL such as /admin as a bare
    script, skipping app.py. The first run to get here switches the mode off, and any run whose
    stack does not hold app.py's frame (one that started before the switch) is rerun through
    st.navigation, on the page its address names. It is called where every page gets its data or
    its role (store(), secret_section()), never while a module is being imported: a rerun raised
    inside an import would hand the sessions waiting for that import a half-made module
    (ImportErrors on the first loads after a start).
    """
    try:  # Streamlit internals: if a later release moves them, the browser cold-start test says so
        from streamlit import config
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        from streamlit.runtime.scriptrunner_utils.exceptions import RerunException
        from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    except ImportError:
        return
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    if not PagesManager.uses_pages_directory and _on_stack(os.path.abspath(ctx.main_script_path)):
        return
    PagesManager.uses_pages_directory = False
    if config.get_option("global.appTest"):  # AppTest starts every run in that mode; a rerun would drop its clicks
        return
    # By the address the browser asked for, not the old mode's page hash (/overview: app.py's
    # home_at_its_own_address turns it into the home page on the rerun, as on any run).
    name = ctx.pages_manager.intended_page_name or ctx.pages_manager.get_pages().get(ctx.page_script_hash, {}).get(
        "url_pathname", ""
    )
    raise RerunException(RerunData(query_string=ctx.query_string, page_name=name))


def home_at_its_own_address() -> None:
    """Let a typed or bookmarked /overview open the Overview, as "/" does, without "Page not found".

    Streamlit serves the default page only at the root and answers its own url_path with "Page not found,
    running the app's main page". app.py calls this just before st.navigation resolves the address.
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return
    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    if manager is not None and not manager.intended_page_script_hash and manager.intended_page_name == HOME:
        manager.set_script_intent("", "")


def _on_stack(script: str) -> bool:
    """Whether a frame of `script` (app.py, as Streamlit compiled it) is running in this thread."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == script:  # Streamlit compiles scripts under their absolute path
            return True
        frame = frame.f_back
    return False


def import_page_modules() -> None:
    """Import every module the pages import, once, while this package is first imported.

    Every session runs app.py, whose first import is this package, so the first session imports
    everything and the others wait for that one import (Python's lock on it) holding nothing
    else. Without this, ten sessions opening different pages at once after a start would each
    import their page's modules at the same moment, and a concurrent import that meets a cycle
    hands one of them a half-made module. The list is read from the page files themselves
    (their top-level imports), so a new page needs nothing added here.
    """
    for path in PAGE_FILES.values():
        for module in _top_level_imports(ROOT / path):
            if module.split(".")[0] != "pages":  # pages' own helpers import this package: they come after it
                importlib.import_module(module)


def _top_level_imports(path: Path) -> list[str]:
    """The modules a page imports at its top level (lines starting `import x` or `from x import`).

    Read as text, not with the ast module: on Python 3.11 ast.parse beside Streamlit compiling a
    script in another thread can fail ("AST constructor recursion depth mismatch").
    """
    text = path.read_text(encoding="utf-8")
    return [m.group(1) or m.group(2) for m in _IMPORT_LINE.finditer(text) if (m.group(1) or m.group(2)) != "__future__"]
