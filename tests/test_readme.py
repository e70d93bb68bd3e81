"""The README's examples are true: its config blocks load, and its JSON sample is the shape the
json format writes."""

from __future__ import annotations

import re

from conftest import REPO

from doclint.config import load

README = (REPO / "README.md").read_text(encoding="utf-8")


def _write_readme_pack(root):
    """The README's "Writing a rule pack" example, file by file."""
    for block in re.findall(r"```yaml\n# (docs-style/[\w.-]+)\n(.*?)```", README, re.DOTALL):
        path = root / block[0]
        path.parent.mkdir(exist_ok=True)
        path.write_text(block[1], encoding="utf-8")


def test_readme_pack_example_works_as_described(tmp_path):
    import json

    from click.testing import CliRunner

    from doclint.cli import main

    _write_readme_pack(tmp_path)
    (tmp_path / "doclint.toml").write_text('packs = ["./docs-style"]\n')
    (tmp_path / "page.md").write_text("Log in to the dashboard, then click here.\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    found = [(f["rule"], f["fix"] is not None) for f in json.loads(result.stdout)]
    assert found == [("house.sign-in", True), ("house.click-here", False)]


def test_every_toml_config_in_the_readme_loads(tmp_path):
    _write_readme_pack(tmp_path)
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


def test_output_format_samples_are_exact(monkeypatch):
    from click.testing import CliRunner

    from doclint.cli import main

    monkeypatch.chdir(REPO)
    monkeypatch.delenv("NO_COLOR", raising=False)
    samples = re.findall(r"<!-- sample: ([\w-]+) -->\n```\w+\n(.*?)```", README, re.DOTALL)
    assert {name for name, _ in samples} == {"text", "concise", "json", "json-lines", "github", "sarif", "rdjson", "rdjsonl", "junit"}
    for name, expected in samples:
        result = CliRunner().invoke(main, ["check", "--isolated", "--format", name, "fixtures/sample.md"])
        assert result.stdout == expected, name
