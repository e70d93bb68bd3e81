"""The GitHub Action and the pre-commit hook definitions are well-formed."""

from __future__ import annotations

import re
import subprocess

import yaml
from conftest import REPO


def test_action_is_a_composite_whose_references_exist_and_script_parses(tmp_path):
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    text = (REPO / "action.yml").read_text()
    for name in re.findall(r"inputs\.([\w-]+)", text):
        assert name in action["inputs"], name
    for step in action["runs"]["steps"]:
        if "run" in step:
            script = tmp_path / "step.sh"
            script.write_text(step["run"])
            assert subprocess.run(["bash", "-n", str(script)]).returncode == 0, step.get("name")
            assert "${{" not in step["run"], "inputs must reach scripts through env, not be spliced in"


def test_pre_commit_hook_covers_markdown_and_mdx():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "doclint" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "mdx"}
    assert hook["entry"] == "doclint check"
