"""The README stays honest: its quick start runs what exists, and every command it lists is real."""

import os
import re

from kpi.commands import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    blocks = re.findall(r"```bash\n(.*?)```", README.split("## Quick start")[1].split("\n## ")[0], re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["pip install -r requirements.txt && streamlit run app.py", "scripts/test"]
    assert os.access(ROOT / "scripts" / "test", os.X_OK)
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_every_command_in_the_readme_exists():
    choices = build_parser()._subparsers._group_actions[0].choices
    table = README.split("## Command line")[1].split("\n## ")[0]
    listed = set(re.findall(r"^\| `([a-z-]+)[ `]", table, re.M))
    listed |= set(re.findall(r"`(hash-password|audit|backup|restore|uploads|undo|benchmark)`", README))
    assert listed and listed <= set(choices), listed - set(choices)
