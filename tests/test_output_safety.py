"""Output shows what a hostile repository holds, and never obeys it (doclint.formats.safe).

A tree written by a stranger holds a link whose fragment decodes to a newline and a workflow
command, a TODO line full of terminal escapes, bidi overrides and a legacy `##[command]`, a file
named like a workflow command, and a pack whose message and fix hold line breaks and escapes.
Every format, run through the CLI, must then write only printable lines that the GitHub Actions
runner will not take as commands, and stay parseable; and so for a file whose name is not UTF-8.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.formats import FORMATS
from doclint.formats.safe import dumps, visible

SCHEMA_FILE = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

PAGE = (
    "# Page\n\nSee [a](#x%0A::add-mask::secret).\n\n"
    "TODO: \x1b]0;pwned\x07 \x1b[2J ##[add-mask]x \x9b31m \u202eevil\u2066 \x7f.\n\n"
    "A forbidden word.\n"
)
FORGED = "::error file=x::oops.md"
UNDECODABLE = b"caf\xe9.md"
# The pack's message and its fix's replacement, as YAML double-quoted strings.
MESSAGE = "bad\\n::add-mask::pw\\e[2J ##[add-mask]y {match}"
REPLACEMENT = "ok\\x1b]0;t\\x07\\n::stop-commands::z ##[group]"
PACK_RULE = f'type: substitution\nmessage: "{MESSAGE}"\nswap:\n  forbidden: "{REPLACEMENT}"\n'
EXACT_REPLACEMENT = "ok\x1b]0;t\x07\n::stop-commands::z ##[group]"

# What no output may hold: C0 controls but for line ends (and tabs in text), DEL, C1, the bidi
# overrides and lone surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
COMMAND = re.compile(r"::(error|warning|notice) ([^:\r\n]*)::([^\r\n]*)")
PROPERTY = re.compile(r"(file|line|col|endLine|endColumn|title)=[^:,]*")


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> Path:
    """The hostile tree, as the current folder."""
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / FORGED).write_text("TODO: fix.\n", encoding="utf-8")
    (tmp_path / "mypack").mkdir()
    (tmp_path / "mypack" / "pack.yaml").write_text("name: mypack\n", encoding="utf-8")
    (tmp_path / "mypack" / "word.yaml").write_text(PACK_RULE, encoding="utf-8")
    (tmp_path / "doclint.toml").write_text('packs = ["./mypack"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", *args])


def report_file(name: str) -> str:
    """The report of the current folder in format `name`, written with -o, read as strict UTF-8."""
    result = check("--format", name, "-o", "out.report", ".")
    assert result.exit_code == 1, result.output
    return Path("out.report").read_bytes().decode("utf-8")


def assert_inert(name: str, text: str) -> None:
    """No line the runner would obey, no character a terminal would, for format `name`."""
    assert not FORBIDDEN.search(text)
    assert "\t" not in text or name == "text"
    for line in text.split("\n"):
        assert "##[" not in line, line
        if re.match(r"\s*::", line):
            assert name == "github", line
            match = COMMAND.fullmatch(line)
            assert match, line
            assert all(PROPERTY.fullmatch(item) for item in match[2].split(",")), line


def assert_parses(name: str, text: str) -> None:
    """The report is what its consumer reads: JSON, JSON Lines, valid SARIF, XML, commands."""
    if name in ("json", "rdjson"):
        json.loads(text)
    elif name in ("json-lines", "rdjsonl"):
        assert all(json.loads(line) for line in text.splitlines())
    elif name == "sarif":
        schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(json.loads(text))
    elif name == "junit":
        ET.fromstring(text.encode("utf-8"))
    elif name == "github":
        assert all(COMMAND.fullmatch(line) for line in text.splitlines())
    elif name == "concise":
        assert all(re.fullmatch(r"\S.*:\d+:\d+: \S+ (error|warning|info) .+", line) for line in text.splitlines())
    else:
        assert re.search(r" in \d+ of \d+ files?(, .*)?\.\n\Z", text), text  # ends with the summary


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_shows_a_hostile_tree_without_obeying_it(name, hostile):
    text = report_file(name)
    assert_inert(name, text)
    assert_parses(name, text)
    assert check("--format", name, ".").stdout == text  # standard output: the same report


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_writes_a_file_name_that_is_not_utf8(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open(UNDECODABLE, "wb") as file:
        file.write(b"TODO: later.\n")
    text = report_file(name)  # exit 1, a UTF-8 file
    assert_inert(name, text)
    assert_parses(name, text)
    shown = {"sarif": "caf%E9.md", "junit": r"caf\xe9.md", "github": r"caf\xe9.md", "text": r"caf\xe9.md", "concise": r"caf\xe9.md"}
    assert shown.get(name, r"caf\\xe9.md") in text  # in JSON, `\` is `\\`


def test_github_gives_one_command_per_finding_and_nothing_else(hostile):
    lines = report_file("github").splitlines()
    findings = json.loads(report_file("json"))
    assert len(lines) == len(findings) == 4
    assert all(COMMAND.fullmatch(line) for line in lines)
    broken = next(line for line in lines if "broken-link" in line)
    assert broken.endswith("::No anchor #x%0A::add-mask::secret on this page")  # as the toolkit escapes it
    pack = next(line for line in lines if "title=mypack.word" in line)
    assert pack.endswith(r"::bad%0A::add-mask::pw\x1b[2J ##\[add-mask]y forbidden")


def test_text_spells_out_what_would_act(hostile):
    text = report_file("text")
    assert "\n./::error file=x::oops.md:1:1: error leftover-todo" in "\n" + text
    assert r"page.md:3:6: error broken-link No anchor #x\n::add-mask::secret on this page" in text
    assert r" 5 | TODO: \x1b]0;pwned\x07 \x1b[2J ##\[add-mask]x \x9b31m \u202eevil\u2066 \x7f." in text
    assert r"warning mypack.word bad\n::add-mask::pw\x1b[2J ##\[add-mask]y forbidden" in text
    assert r"= safe fix: Replace with 'ok\x1b]0;t\x07\n::stop-commands::z ##\[group]'" in text


def test_text_marker_stays_under_the_span_after_escapes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("page.md").write_text("A\x1b[2J\tx ##[y] TODO: here.\n", encoding="utf-8")
    lines = check("--isolated", "--select", "leftover-todo", "page.md").stdout.splitlines()
    source, marker = lines[2], lines[3]
    assert source == r" 1 | A\x1b[2J   x ##\[y] TODO: here."
    assert source[marker.index("^") :].startswith("TODO:") and marker.endswith("^^^^")


def test_json_formats_parse_and_keep_fixes_exact(hostile):
    findings = json.loads(report_file("json"))
    assert [json.loads(line) for line in report_file("json-lines").splitlines()] == findings
    by_rule = {(f["path"], f["rule"]): f for f in findings}
    assert {path for path, _ in by_rule} == {"page.md", FORGED}
    pack = by_rule["page.md", "mypack.word"]
    assert pack["message"] == r"bad\n::add-mask::pw\x1b[2J ##[add-mask]y forbidden"
    assert pack["fix"]["edits"][0]["content"] == EXACT_REPLACEMENT  # the text --fix would write
    rd = json.loads(report_file("rdjson"))
    assert [json.loads(line) for line in report_file("rdjsonl").splitlines()] == [
        {**d, "source": rd["source"]} for d in rd["diagnostics"]
    ]
    (suggested,) = [d for d in rd["diagnostics"] if d["code"]["value"] == "mypack.word"]
    assert suggested["suggestions"][0]["text"] == EXACT_REPLACEMENT


def test_junit_breaks_legacy_commands_with_a_character_reference(hostile):
    text = report_file("junit")
    assert "##&#91;add-mask]y" in text
    suite = ET.fromstring(text.encode("utf-8"))[0]
    messages = {case.find("failure").get("message") for case in suite}
    assert r"bad\n::add-mask::pw\x1b[2J ##[add-mask]y forbidden" in messages  # &#91; reads as `[`


def test_run_errors_on_stderr_are_one_inert_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("doclint.toml").write_text('"\\u001b[2J\\n::add-mask::k ##[x]" = 1\n', encoding="utf-8")
    Path("page.md").write_text("Fine.\n", encoding="utf-8")
    result = check(".")
    assert result.exit_code == 2
    assert result.stderr == "Error: doclint.toml: \\x1b[2J\\n::add-mask::k ##\\[x]: unknown key\n"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("caf\udce9 \x00\x1b\x7f\x85\x9b\t\r\n", r"caf\xe9 \x00\x1b\x7f\x85\x9b\t\r\n"),
        ("\u202a\u202e\u2066\u2069\ud800\ufffe", r"\u202a\u202e\u2066\u2069\ud800\ufffe"),
        ("Café, 東京, 🎉, \\x1b, ##[", "Café, 東京, 🎉, \\x1b, ##["),  # kept as they are
    ],
)
def test_visible_spells_out_only_what_acts(raw, shown):
    assert visible(raw) == shown


def test_dumps_escapes_without_changing_the_decoded_text():
    value = {"text": "##[x] \x9b \u202e \x7f é \n"}
    text = dumps(value, indent=2)
    assert "##[" not in text and not FORBIDDEN.search(text) and "é" in text
    assert json.loads(text) == value


def test_rule_listings_show_a_hostile_pack_inert(tmp_path, monkeypatch):
    """`doclint rules` and `doclint rule NAME` print a pack's own summary and description."""
    (tmp_path / "mypack").mkdir()
    (tmp_path / "mypack" / "evil.yaml").write_text(
        'type: existence\ntokens: [x]\nsummary: "[link=https://evil.example]click[/link] \\e]0;t\\a"\n'
        'description: "line one\\n::add-mask::pw\\n##[add-mask]z"\n',
        encoding="utf-8",
    )
    (tmp_path / "doclint.toml").write_text('packs = ["./mypack"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (["rules"], ["rules", "--format", "json"], ["rule", "mypack.evil"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert_inert("text", result.output)
    listing = CliRunner().invoke(main, ["rules"], env={"COLUMNS": "400"}).output
    assert "[link=https://evil.example]click[/link] \\x1b]0;t\\x07" in listing  # as written, not as markup
