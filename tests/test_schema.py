"""The JSON Schema of doclint.toml: committed up to date, in step with what the config reader
accepts, and right about real configs (the examples, the README's) and a wrong one."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from click.testing import CliRunner
from conftest import REPO

from doclint import config
from doclint.cli import main
from doclint.schema import schema

COMMITTED = REPO / "docs" / "doclint.schema.json"
jsonschema = pytest.importorskip("jsonschema")


def validator():
    return jsonschema.Draft7Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))


def test_the_committed_schema_is_what_doclint_config_schema_prints():
    result = CliRunner().invoke(main, ["config", "--schema"])
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), "run: doclint config --schema > docs/doclint.schema.json"


def test_the_schema_is_a_valid_draft_07_schema_with_every_key_rule_and_option():
    from doclint.registry import all_rules

    found = schema()
    jsonschema.Draft7Validator.check_schema(found)
    assert set(found["properties"]) == set(config.TOP_LEVEL_KEYS)
    assert set(found["properties"]["overrides"]["items"]["properties"]) == set(config.OVERRIDE_KEYS)
    rules = found["definitions"]["rules"]["properties"]
    for rule in all_rules().values():
        assert set(rules[rule.name]["properties"]) == {"severity", *(option.name for option in rule.options)}
    assert "ably.bold-prefix" in rules  # shipped packs' rules too
    assert rules["pricing"]["properties"]["severity"]["enum"] == ["error", "warning", "info", "suggestion", "off"]


def test_the_schema_accepts_the_example_configs_and_the_readmes():
    examples = [tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted((REPO / "examples").glob("*.toml"))]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```toml\n(.*?)```", readme, re.DOTALL):
        if "tool.doclint" in block:
            examples.append(tomllib.loads(block)["tool"]["doclint"])
        elif "[rules." in block or block.startswith("#:schema"):
            examples.append(tomllib.loads(block))
    assert len(examples) >= 3
    for example in examples:
        errors = [error.message for error in validator().iter_errors(example)]
        assert errors == [], (example, errors)


@pytest.mark.parametrize(
    "bad, where",
    [
        ({"selectt": ["pricing"]}, "selectt"),
        ({"rules": {"pricing": {"severity": "fatal"}}}, "fatal"),
        ({"rules": {"pricing": {"allowed_path": []}}}, "allowed_path"),
        ({"rules": {"unfinished-sentence": {"min_words": "3"}}}, "'3'"),
        ({"overrides": [{"ignore": ["pricing"]}]}, "paths"),
        ({"extend": "base.yaml"}, "base.yaml"),
        ({"fail-on": "never"}, "never"),
    ],
)
def test_the_schema_rejects_what_the_config_reader_rejects(bad, where):
    messages = [error.message for error in validator().iter_errors(bad)]
    assert messages and any(where in message for message in messages), messages


def test_doclint_config_names_the_config_and_its_chain(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "base.toml").write_text('packs = ["ably"]\n')
    (tmp_path / "doclint.toml").write_text('extend = "base.toml"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["config"])
    assert (result.exit_code, result.stdout) == (0, "config:   doclint.toml\nextends:  base.toml\npacks:    ably\n")
    (tmp_path / "base.toml").write_text('extend = "doclint.toml"\n')
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 2 and "extends itself in a cycle: doclint.toml -> base.toml -> doclint.toml" in result.output
