"""SARIF that GitHub code scanning accepts, beyond the schema: the fields GitHub requires and the
limits it enforces ("SARIF support for code scanning" and "SARIF results exceed one or more
limits" in GitHub's docs), on the whole Ably corpus and on small repositories built here.

GitHub needs, per result, a `ruleId`, a `message.text` and a location with an `artifactLocation.uri`
(relative to the repository root, which it resolves against the checkout) and a
`region.startLine`; per rule descriptor it shows `shortDescription`, `fullDescription` (at most
1,024 characters), `help` and `helpUri`; it matches alerts across uploads by
`partialFingerprints`; it rejects a run of more than 25,000 results.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPO

from doclint.cli import main
from doclint.formats import sarif

SCHEMA_FILE = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def check_sarif(*args: str, cwd: Path) -> tuple[dict, str]:
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "sarif", *args])
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), result.stderr


def assert_github_accepts(log: dict) -> None:
    """The fields GitHub code scanning requires and the limits it sets, on one log."""
    assert log["version"] == "2.1.0" and len(log["runs"]) <= 20
    (run,) = log["runs"]
    assert run["automationDetails"]["id"] == "doclint/"
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) <= 25_000 and len(run["results"]) <= 25_000
    for rule in rules:
        assert rule["shortDescription"]["text"].strip(), rule["id"]
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024, rule["id"]
        assert rule["fullDescription"]["text"] != rule["id"], rule["id"]  # described, not named
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip(), rule["id"]
        assert rule["helpUri"].startswith("https://"), rule["id"]
        assert len(rule.get("properties", {}).get("tags", [])) <= 20
    for result in run["results"]:
        assert result["ruleId"] and result["message"]["text"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "file:", "..")) and "://" not in artifact["uri"], artifact
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["doclintFingerprint/v1"]
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}
    assert str(REPO) not in json.dumps(log) and "/home/" not in json.dumps(log)  # no absolute paths


@pytest.fixture(scope="module")
def corpus_logs(corpus) -> list[dict]:
    """SARIF of the whole Ably corpus, with no config and with the Ably config (its pack too)."""
    plain, _ = check_sarif("--isolated", str(corpus), cwd=REPO)
    configured, _ = check_sarif("--config", "examples/ably-docs.toml", str(corpus), cwd=REPO)
    return [plain, configured]


def test_corpus_sarif_validates_against_the_schema(corpus_logs):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for log in corpus_logs:
        validator.validate(log)


def test_corpus_sarif_meets_github_code_scanning(corpus_logs):
    _, configured = corpus_logs
    for log in corpus_logs:
        assert_github_accepts(log)
        assert len(log["runs"][0]["results"]) > 100
    ids = {rule["id"] for rule in configured["runs"][0]["tool"]["driver"]["rules"]}
    assert any(name.startswith("ably.") for name in ids)  # pack rules, fully described
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in configured["runs"][0]["results"]}
    assert any(uri.startswith("src/pages/docs/") for uri in uris)  # relative to the corpus root
    # Fingerprints tell the findings apart (the same rule on the same line text twice differs).
    results = configured["runs"][0]["results"]
    assert len({r["partialFingerprints"]["doclintFingerprint/v1"] for r in results}) == len(results)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "docs").mkdir()
    page = "# Guide\n\nIntro.\n\nTODO: write this.\n\nMore. TODO: write this.\n\nTODO: write this.\n"
    (tmp_path / "docs" / "guide.md").write_text(page, encoding="utf-8")
    return tmp_path


def _by_fingerprint(log: dict) -> dict[str, int]:
    return {r["partialFingerprints"]["doclintFingerprint/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]}


def test_fingerprints_survive_a_blank_line_inserted_above(repository):
    page = repository / "docs" / "guide.md"
    before, _ = check_sarif("--isolated", "docs", cwd=repository)
    page.write_text("\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    after, _ = check_sarif("--isolated", "docs", cwd=repository)
    lines_before, lines_after = _by_fingerprint(before), _by_fingerprint(after)
    assert len(lines_before) == 3  # two identical TODO lines get different fingerprints
    assert set(lines_before) == set(lines_after)
    assert all(lines_after[key] == line + 1 for key, line in lines_before.items())
    # Editing the finding's line itself is a new alert.
    page.write_text(page.read_text(encoding="utf-8").replace("More. TODO", "More.  TODO:  now"), encoding="utf-8")
    edited, _ = check_sarif("--isolated", "docs", cwd=repository)
    assert len(set(_by_fingerprint(edited)) - set(lines_after)) == 1


def test_uris_are_relative_to_the_repository_root_from_any_folder(repository):
    from_root, _ = check_sarif("--isolated", "docs/guide.md", cwd=repository)
    from_docs, _ = check_sarif("--isolated", "guide.md", cwd=repository / "docs")
    from_outside, _ = check_sarif("--isolated", str(repository / "docs"), cwd=repository.parent)
    for log in (from_root, from_docs, from_outside):
        assert_github_accepts(log)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
        assert uris == {"docs/guide.md"}
    assert _by_fingerprint(from_root) == _by_fingerprint(from_docs) == _by_fingerprint(from_outside)


def test_results_are_capped_at_the_limit_with_a_warning(repository, monkeypatch):
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    (repository / "docs" / "guide.md").write_text(
        "# Guide\n\n- The first step is done.\n- The second step is not done\n\nTODO: one.\n\nTODO: two.\n", encoding="utf-8"
    )
    log, stderr = check_sarif("--isolated", "docs", cwd=repository)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "error"]  # the most severe are kept
    assert stderr.strip() == "doclint: SARIF holds 2 of 3 results, the most severe (GitHub code scanning takes at most 2 per run)"
    uncapped, quiet = check_sarif("--isolated", "--select", "leftover-todo", "docs", cwd=repository)
    assert len(uncapped["runs"][0]["results"]) == 2 and quiet == ""


def test_long_descriptions_are_cut_on_a_boundary():
    text = "First sentence here. " * 40 + "\n\n" + "word " * 300
    clipped = sarif.clip(text)
    assert len(clipped) <= 1024 and clipped.endswith("here.…")
    words = sarif.clip("word " * 400)
    assert len(words) <= 1024 and words.endswith("word…")
    assert sarif.clip("Short.") == "Short."
