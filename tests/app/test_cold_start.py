"""Sessions starting at once share one import: every page enters through pages.ui, which imports what all pages need.

Python 3.11 hands a thread a half-made module when two threads import into the same package from
different ends at once, so the pages must not each import their own modules first. The browser
test (tests/e2e/test_cold_start_browser.py) opens ten sessions on a freshly started server.
"""

import subprocess
import sys

from pages.ui.links import HOME, PAGE_FILES, ROOT, _top_level_imports

OURS = ("kpi", "pages")


def _ours(path) -> list[str]:
    return [m for m in _top_level_imports(path) if m.split(".")[0] in OURS]


def test_app_and_every_page_import_pages_ui_before_any_other_module_of_ours():
    for path in ["app.py", *PAGE_FILES.values()]:
        ours = _ours(ROOT / path)
        assert ours and ours[0] == "pages.ui", f"{path}: the first of our imports must be pages.ui, not {ours[:1]}"


def test_importing_pages_ui_imports_every_module_the_pages_import():
    check = (
        "import sys\n"
        "import pages.ui\n"
        "from pages.ui.links import PAGE_FILES, ROOT, _top_level_imports\n"
        "wanted = {m for p in PAGE_FILES.values() for m in _top_level_imports(ROOT / p) if not m.startswith('pages.')}\n"
        "print(sorted(wanted - set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]", result.stdout


def test_a_new_page_is_read_for_its_imports(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        '"""A page."""\nfrom __future__ import annotations\n\nimport pandas as pd\n\nimport pages.ui  # noqa\n'
        "from kpi.cards import (\n    card,\n)\n\n\ndef later():\n    import kpi.backup\n"
    )
    assert _top_level_imports(page) == ["pandas", "pages.ui", "kpi.cards"]


def test_the_home_page_links_py_maps_from_its_address_is_app_pys_default():
    assert f'default=key == "{HOME}"' in (ROOT / "app.py").read_text(encoding="utf-8")
