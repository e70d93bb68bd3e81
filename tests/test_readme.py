"""The README's examples are true: its config blocks load, and its JSON sample is the shape the
json format writes."""

from __future__ import annotations

import re

from conftest import REPO

from doclint.config import load

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_toml_config_in_the_readme_loads(tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", README, re.DOTALL)
    configs = [block for block in blocks if "tool.doclint" in block or "[rules." in block]
    assert len(configs) >= 1
    for block in configs:
        path = tmp_path / ("pyproject.toml" if "tool.doclint" in block else "doclint.toml")
        path.write_text(block, encoding="utf-8")
        load(path)  # raises ConfigError naming the key if the README is wrong


def test_readme_lists_every_rule_and_option():
    from doclint.registry import all_rules

    for rule in all_rules().values():
        assert f"`{rule.name}`" in README, rule.name
        for option in rule.options:
            assert f"`{option.name}`" in README, (rule.name, option.name)


def test_readme_documents_every_command_and_option():
    from doclint.cli import main

    for name, command in main.commands.items():
        assert f"doclint {name}" in README, name
        for param in command.params:
            for flag in param.opts:
                if flag.startswith("--") and flag != "--help":
                    assert f"`{flag}" in README, (name, flag)
