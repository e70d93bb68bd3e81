"""The per-page time limit counts CPU time, covers every step of a page's lint (rules, site
checks, suppressions, fixes), can be raised, and says how."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint import limits
from doclint.cli import main
from doclint.findings import Edit, Fix, Problem
from doclint.registry import all_rules
from doclint.rule import Rule, SiteCheck


def spin(*args):
    while True:
        pass


@pytest.fixture
def register(monkeypatch):
    """Add rules to the registry for one test."""
    registry = dict(all_rules())

    def add(rule: Rule) -> None:
        registry[rule.name] = rule
        for where in ("doclint.registry.all_rules", "doclint.config.all_rules", "doclint.run.all_rules"):
            monkeypatch.setattr(where, lambda: registry)

    return add


def check(*args: str) -> list[tuple[str, str, str]]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "-j", "1", *args])
    assert result.exit_code in (0, 1), result.output
    return [(Path(f["path"]).name, f["rule"], f["message"]) for f in json.loads(result.stdout)]


def test_a_page_that_waits_is_not_cut_off_only_one_that_computes(tmp_path, register):
    """A busy machine makes a page slow on the clock, not in CPU time: only CPU time counts."""

    def wait(doc, options):
        time.sleep(1.2)  # wall-clock time well past the limit, almost no CPU
        yield Problem(0, 1, "waited")

    register(Rule(name="wait", summary="sleeps", check=wait))
    (tmp_path / "a.md").write_text("Text.\n")
    (tmp_path / "doclint.toml").write_text("time-limit = 0.3\n")
    assert check("--select", "wait", str(tmp_path)) == [("a.md", "wait", "waited")]


def test_the_config_sets_the_limit_and_the_finding_says_how_to_raise_it(tmp_path, register):
    register(Rule(name="spin", summary="never ends", check=spin))
    (tmp_path / "a.md").write_text("Text.\n")
    (tmp_path / "doclint.toml").write_text("time-limit = 0.3\n")
    [(page, rule, message)] = check("--select", "spin", str(tmp_path))
    assert (page, rule) == ("a.md", "time-limit")
    assert message == limits.message(0.3)
    assert "--time-limit SECONDS" in message and "`time-limit` in the config" in message


def test_site_checks_and_suppressions_run_under_the_limit(tmp_path, register):
    register(Rule(name="spin-site", summary="s", check=None, site=SiteCheck(lambda doc, options: {}, spin)))
    (tmp_path / "a.md").write_text("Text.\n")
    assert check("--isolated", "--select", "spin-site", "--time-limit", "0.3", str(tmp_path)) == [("a.md", "time-limit", limits.message(0.3))]


def test_fix_runs_under_the_limit_and_leaves_the_file_alone(tmp_path, register):
    calls = []

    def slow_to_settle(doc, options):
        calls.append(1)
        if len(calls) > 1:  # the second lint, after the first fix, never ends
            spin()
        yield Problem(0, 0, "fixable", Fix((Edit(0, 0, "x"),)))

    register(Rule(name="restless", summary="s", check=slow_to_settle, fixable=True))
    page = tmp_path / "a.md"
    page.write_text("Text.\n")
    assert check("--isolated", "--select", "restless", "--fix", "--time-limit", "0.3", str(tmp_path)) == [("a.md", "time-limit", limits.message(0.3))]
    assert page.read_text() == "Text.\n"


@pytest.mark.parametrize("value", ["0", "-1", "true", '"10"', "100000"])
def test_a_bad_time_limit_in_config_is_a_clear_error(tmp_path, value):
    (tmp_path / "doclint.toml").write_text(f"time-limit = {value}\n")
    (tmp_path / "a.md").write_text("Text.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2 and "time-limit" in result.output and "Traceback" not in result.output
