"""The GitHub Action is well-formed and runs doclint as documented: in a virtualenv of its own
(the job's python untouched), with pinned dependencies, `args` one argument per line, and a
`sarif` mode that uploads to code scanning. Its bash scripts run here with a fake python and a
fake doclint that print what they were given."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
STEPS = {step.get("id", step.get("name")): step for step in ACTION["runs"]["steps"]}


def test_action_is_a_composite_whose_references_exist_and_script_parses(tmp_path):
    assert ACTION["runs"]["using"] == "composite"
    text = (REPO / "action.yml").read_text()
    for name in re.findall(r"inputs\.([\w-]+)", text):
        assert name in ACTION["inputs"], name
    for name in re.findall(r"steps\.([\w-]+)\.outputs", text):
        assert name in STEPS, name
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            script = tmp_path / "step.sh"
            script.write_text(step["run"])
            assert subprocess.run(["bash", "-n", str(script)]).returncode == 0, step.get("name")
            assert "${{" not in step["run"], "inputs must reach scripts through env, not be spliced in"


def test_no_step_changes_the_jobs_python():
    for step in ACTION["runs"]["steps"]:
        if step.get("uses", "").startswith("actions/setup-python@"):
            # Without this, setup-python puts its python first on PATH for every later step.
            assert str(step["with"]["update-environment"]).lower() == "false", step
        script = step.get("run", "")
        assert "GITHUB_PATH" not in script and "GITHUB_ENV" not in script, step.get("id")
        # No command runs a bare python or pip: only setup-python's (by path) and the venv's own.
        commands = "\n".join(line.split(" # ")[0] for line in script.splitlines() if not line.lstrip().startswith("#"))
        assert not re.search(r"(^|[;&|]|\bthen|\bdo)\s*(python3?|pip3?)\b", commands, re.MULTILINE), step.get("id")


def fake(path: Path, name: str, body: str) -> Path:
    """A program that records its argv as one JSON line in a log, then runs `body` (Python)."""
    path.mkdir(parents=True, exist_ok=True)
    program = path / name
    program.write_text(
        f"#!{sys.executable}\nimport json, os, sys\n"
        f"with open(os.environ['FAKE_LOG'], 'a') as log: log.write(json.dumps([{name!r}, *sys.argv[1:]]) + '\\n')\n"
        + body
    )
    program.chmod(0o755)
    return program


def run_step(step_id: str, tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess, list[list[str]], str]:
    """Run a step's script as the runner does (bash, inputs as environment variables); returns
    the process, every recorded call of a fake, and what the step wrote to $GITHUB_OUTPUT."""
    log, output = tmp_path / "calls.jsonl", tmp_path / "github_output"
    log.write_text(""), output.write_text("")
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    doclint = fake(tmp_path / "bin", "doclint", "")
    environment = {
        "PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin",
        "FAKE_LOG": str(log),
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(runner_temp),
        "DOCLINT": str(doclint),
        "MODE": "gate", "PATHS": ".", "ARGS": "", "FILTER_MODE": "added", "BASE_SHA": "", "GITHUB_TOKEN": "",
        **env,
    }
    process = subprocess.run(["bash", "-c", STEPS[step_id]["run"]], env=environment, cwd=tmp_path, capture_output=True, text=True)
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    return process, calls, output.read_text()


def test_install_makes_its_own_virtualenv_under_runner_temp_with_pinned_dependencies(tmp_path):
    # A fake interpreter standing in for setup-python's: `-m venv DIR` lays out DIR/bin/python.
    venv_maker = "if sys.argv[1:4] == ['-I', '-m', 'venv']:\n    d = sys.argv[-1]\n    os.makedirs(d + '/bin')\n"
    venv_maker += f"    os.symlink({str(tmp_path / 'bin' / 'python')!r}, d + '/bin/python')\n"
    python = fake(tmp_path / "bin", "python", venv_maker)
    process, calls, output = run_step("install", tmp_path, PYTHON=str(python), ACTION_PATH=str(REPO))
    assert process.returncode == 0, process.stderr
    venv = tmp_path / "runner-temp" / "doclint-venv"
    make, install = calls
    assert make == ["python", "-I", "-m", "venv", "--clear", str(venv)]
    assert install[:4] == ["python", "-I", "-m", "pip"] and install[4] == "install"
    assert install[install.index("--constraint") + 1] == f"{REPO}/requirements-action.txt"
    assert install[-1] == str(REPO)
    assert output == f"doclint={venv}/bin/doclint\n"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_requirements_pin_every_runtime_dependency_within_pyproject():
    pins = {}
    for line in (REPO / "requirements-action.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")  # exact versions only
            pins[name.lower()] = version
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert dependencies
    for dependency in dependencies:
        name, minimum = re.fullmatch(r"([\w.-]+)>=([\d.]+)", dependency).groups()
        assert name.lower() in pins, f"{name} is not pinned in requirements-action.txt"
        assert _version(pins[name.lower()]) >= _version(minimum), dependency


def doclint_calls(calls: list[list[str]]) -> list[list[str]]:
    return [call[1:] for call in calls if call[0] == "doclint"]


def test_args_are_one_argument_per_line_and_never_split_or_expanded(tmp_path):
    (tmp_path / "a.md").write_text("")  # a glob that could match, were it expanded
    args = "--config\ndocs/my config.toml\n  --select  \r\n\nleftover-todo,pricing\n*.md\n"
    process, calls, _ = run_step("run", tmp_path, ARGS=args, PATHS="docs guides")
    assert process.returncode == 0, process.stderr
    assert doclint_calls(calls) == [
        ["check", "--config", "docs/my config.toml", "--select", "leftover-todo,pricing", "*.md", "docs", "guides"]
    ]


def test_paths_one_per_line_may_hold_spaces_and_empty_inputs_pass_nothing(tmp_path):
    _, calls, _ = run_step("run", tmp_path, PATHS="docs/getting started\nguides\n")
    assert doclint_calls(calls) == [["check", "docs/getting started", "guides"]]
    process, calls, _ = run_step("run", tmp_path, PATHS="", ARGS="")
    assert process.returncode == 0, process.stderr
    assert doclint_calls(calls) == [["check"]]


def test_annotations_mode_reports_in_github_format(tmp_path):
    _, calls, _ = run_step("run", tmp_path, MODE="annotations", ARGS="--fail-on\nerror", PATHS="docs")
    assert doclint_calls(calls) == [["check", "--format", "github", "--fail-on", "error", "docs"]]


def test_sarif_mode_writes_sarif_and_uploads_it_to_code_scanning(tmp_path):
    process, calls, output = run_step("run", tmp_path, MODE="sarif", PATHS="docs")
    assert process.returncode == 0, process.stderr
    sarif = tmp_path / "runner-temp" / "doclint.sarif"
    assert doclint_calls(calls) == [["check", "--format", "sarif", "--output-file", str(sarif), "--exit-zero", "docs"]]
    assert output == f"sarif-file={sarif}\n"
    [upload] = [step for step in ACTION["runs"]["steps"] if "upload-sarif" in step.get("uses", "")]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["if"] == "inputs.mode == 'sarif'"
    assert upload["with"]["sarif_file"] == "${{ steps.run.outputs.sarif-file }}"


@pytest.mark.parametrize("mode", ["annotations", "gate", "review"])
def test_other_modes_write_no_sarif_output(tmp_path, mode):
    _, calls, output = run_step("run", tmp_path, MODE=mode)
    assert output == "" and doclint_calls(calls)[0][0] in ("check", "review")


def test_an_unknown_mode_is_one_line_and_exit_2(tmp_path):
    process, calls, _ = run_step("run", tmp_path, MODE="gates")
    assert process.returncode == 2 and calls == []
    assert process.stderr == "doclint: unknown mode 'gates' (use gate, annotations, sarif or review)\n"


def test_readme_snippets_pin_a_commit_of_this_repository():
    # There is no release tag yet: a tag in the snippets would not resolve for anyone.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pins = re.findall(r"rev: (\S+)", readme) + re.findall(r"uses: doclint/doclint@(\S+)", readme)
    assert len(pins) == 2 and len(set(pins)) == 1, pins
    assert re.fullmatch(r"[0-9a-f]{40}", pins[0]), pins[0]
    exists = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{pins[0]}^{{commit}}"], capture_output=True)
    assert exists.returncode == 0, f"{pins[0]} is not a commit of this repository"
