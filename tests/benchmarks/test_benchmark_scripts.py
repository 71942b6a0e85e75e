"""CI runs every benchmark script small, only to prove it works; docs/benchmarks.md has the full-size figures."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DFE, ROOT
from tests.e2e.conftest import CHROMIUM

SCRIPTS = {
    "bench_load.py": r"load \d+ values .*ratio [\d.]+x",
    "bench_board_pack.py": r"board pack pdf .*ratio [\d.]+x",
    "bench_dfe.py": r"dfe_import: .*ratio [\d.]+x",
    "bench_pages.py": r"Overview: \d+ ms, ratio [\d.]+x(.|\n)*Commentary: \d+ ms, ratio [\d.]+x",
    "bench_national.py": r"snapshot load: .*ratio [\d.]+x(.|\n)*profile: \d+ ms, ratio [\d.]+x(.|\n)*switching authority: \d+ ms",
    "bench_schools.py": r"import_schools: .*ratio [\d.]+x(.|\n)*school_figures: .*ratio [\d.]+x(.|\n)*"
    r"(schools list page: \d+ ms, ratio [\d.]+x(.|\n)*dashboard peak memory: \d+ MB|Chromium is not at)",
    "bench_pack_press.py": r"empty page: \d+ ms(.|\n)*PDF pressed at once: [\d.]+ s .*ratio [\d.]+x(.|\n)*"
    r"PDF pressed after [\d.]+ s reading: [\d.]+ s .*ratio [\d.]+x",
    "bench_store_open.py": r"store_open cold .*ratio [\d.]+x",
    "bench_readers.py": r"first loads at once: \d+, with an exception: \d+(.|\n)*readers for .*ratio [\d.]+x"
    r"(.|\n)*protocol readers .*ratio [\d.]+x(.|\n)*command-line load .* done"
    r"(.|\n)*officer's upload .* committed(.|\n)*server memory: \d+ MB at start",
}


@pytest.mark.parametrize("script,expected", SCRIPTS.items())
def test_script_runs_small_and_prints_its_ratio(script, expected):
    if script == "bench_dfe.py" and not (DFE / "lait" / "bds_long_0.parquet").exists():
        pytest.skip("DfE data is not at ../shared/data/dfe")
    if (
        script in ("bench_pages.py", "bench_national.py", "bench_readers.py", "bench_pack_press.py")
        and not Path(CHROMIUM).exists()
    ):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}; the README's test command installs it")
    if script == "bench_schools.py" and not (ROOT.parent / "shared" / "data" / "schools").is_dir():
        pytest.skip("the school files are not at ../shared/data/schools")
    result = subprocess.run(
        [sys.executable, "-m", f"scripts.{script.removesuffix('.py')}", "--small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(expected, result.stdout), result.stdout
