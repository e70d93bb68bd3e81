"""Tests for the machine-readable formats: json-lines, github, sarif, rdjson, rdjsonl and junit.

Each format is checked against what its consumer needs: GitHub's workflow-command syntax parsed
back, SARIF validated against the official schema, reviewdog's UTF-8 byte columns, JUnit XML
parsed with ElementTree.

tests/schemas/sarif-schema-2.1.0.json is the official OASIS SARIF 2.1.0 schema (errata01,
`"id": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"`),
copied unchanged from the repository oasis-tcs/sarif-spec, path Schemata/sarif-schema-2.1.0.json,
commit 0a8091f7d4057e57b6d8d9b56129e5f918747b34 (112,768 bytes, sha256
ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner

import doclint
from doclint.cli import main
from doclint.document import Document
from doclint.engine import INTERNAL_ERROR, READ_ERROR, ConfiguredRule, lint_document
from doclint.findings import Edit, Finding, Fix, Severity
from doclint.formats import FORMATS, Report, get
from doclint.registry import all_rules

SCHEMA_FILE = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

# Line 5 ends without a period (unfinished-sentence, warning, safe fix) after non-ASCII text;
# line 7 has a leftover TODO (leftover-todo, error, no fix).
SAMPLE = (
    "Start here.\n\n- First item is done.\n- Second item is done.\n"
    "- Café über naïve third item is not done\n\nTODO: fix.\n"
)
SAMPLE_PATH = "docs/getting started.md"  # a space, which a URI must encode
CLEAN_PATH = "docs/clean.md"
RULES = ("unfinished-sentence", "leftover-todo")


def lint(text: str, path: str) -> list[Finding]:
    rules = [ConfiguredRule.default(all_rules()[name]) for name in RULES]
    return lint_document(Document(path, text), rules)


def report_of(pages: dict[str, str], extra: list[Finding] = ()) -> Report:
    """A report as the CLI makes it: findings of every page, every page checked, source lines."""
    findings = sorted([*(f for path, text in pages.items() for f in lint(text, path)), *extra])
    lines = {path: text.split("\n") for path, text in pages.items()}

    def source_line(path: str, line: int) -> str | None:
        rows = lines.get(path)
        return rows[line - 1] if rows and 0 < line <= len(rows) else None

    return Report(findings, list(pages), source_line)


@pytest.fixture
def sample() -> Report:
    report = report_of({SAMPLE_PATH: SAMPLE, CLEAN_PATH: "A finished paragraph.\n"})
    assert [(f.rule, f.line) for f in report.findings] == [("unfinished-sentence", 5), ("leftover-todo", 7)]
    return report


def only(findings, rule: str) -> Finding:
    (found,) = [finding for finding in findings if finding.rule == rule]
    return found


def finding(**changes) -> Finding:
    values = dict(
        path="page.md", line=1, column=1, end_line=1, end_column=5, rule="leftover-todo",
        severity=Severity.ERROR, message="Leftover TODO marker",
    )
    return Finding(**{**values, **changes})


def test_every_format_name_is_a_module_with_render():
    for name in FORMATS.keys() - {"text"}:
        assert callable(get(name).render), name


@pytest.mark.parametrize("name", ["json-lines", "github", "rdjsonl", "concise"])
def test_line_formats_print_nothing_without_findings(name):
    assert get(name).render(Report([], ["page.md"])) == ""


# --- concise -------------------------------------------------------------------------------------


def test_concise_is_one_line_per_finding_as_editors_read_it(sample):
    lines = get("concise").render(sample).splitlines()
    assert lines == [
        "docs/getting started.md:5:37: unfinished-sentence warning List item ends without a period, but its sibling items end with punctuation",
        "docs/getting started.md:7:1: leftover-todo error Leftover TODO marker: resolve it or remove it before publishing",
    ]
    # What Vim's 'errorformat' %f:%l:%c: %m reads back.
    assert re.fullmatch(r"(.+):(\d+):(\d+): (\S+) (error|warning|info) (.+)", lines[1]).groups()[:3] == ("docs/getting started.md", "7", "1")


def test_concise_keeps_a_message_with_line_breaks_on_one_line():
    text = get("concise").render(Report([finding(message="two\nlines\r")]))
    assert text == "page.md:1:1: leftover-todo error two\\nlines\\r\n"


# --- json-lines ----------------------------------------------------------------------------------


def test_json_lines_are_the_json_format_objects_one_per_line(sample):
    text = get("json-lines").render(sample)
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert [json.loads(line) for line in lines] == json.loads(get("json").render(sample))
    assert len(lines) == len(sample.findings)


# --- github --------------------------------------------------------------------------------------

COMMAND_LINE = re.compile(
    r"::(?P<command>error|warning|notice) (?P<properties>[^:\r\n]*)::(?P<data>[^\r\n]*)"
)


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    text = text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
    return text.replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Split `::command key=value,key=value::data` and undo the toolkit's escaping."""
    match = COMMAND_LINE.fullmatch(line)
    assert match, f"not a workflow command: {line!r}"
    pairs = [item.split("=", 1) for item in match["properties"].split(",")]
    assert all(len(pair) == 2 for pair in pairs), line
    properties = {key: unescape_property(value) for key, value in pairs}
    return match["command"], properties, unescape_data(match["data"])


def test_github_commands_parse_back_to_the_findings(sample):
    lines = get("github").render(sample).split("\n")
    assert lines[-1] == ""
    errors_first = sorted(sample.findings, key=lambda found: -found.severity)
    for line, found in zip(lines[:-1], errors_first, strict=True):
        command, properties, message = parse_command(line)
        assert properties == {
            "file": found.path,
            "line": str(found.line),
            "col": str(found.column),
            "endLine": str(found.end_line),
            "endColumn": str(found.end_column),
            "title": found.rule,
        }
        assert message == found.message
        assert list(properties) == ["file", "line", "col", "endLine", "endColumn", "title"]


def test_github_escapes_percent_colon_comma_and_line_breaks():
    path = "docs/100% done, v2: a=b\nc\r.md"
    message = "50% off: a, b\nsecond line\r\nliteral %0A and %25 stay literal, too: x"
    found = finding(path=path, line=3, column=2, end_line=3, end_column=9, rule="my:rule,x", message=message)
    text = get("github").render(Report([found]))
    assert text.count("\n") == 1 and "\r" not in text  # one command, on one line
    command, properties, data = parse_command(text.removesuffix("\n"))
    assert command == "error"
    assert properties == {
        "file": path, "line": "3", "col": "2", "endLine": "3", "endColumn": "9", "title": "my:rule,x",
    }
    assert data == message
    # The toolkit's own encoding, spelled out.
    assert "file=docs/100%25 done%2C v2%3A a=b%0Ac%0D.md," in text
    assert text.endswith("::50%25 off: a, b%0Asecond line%0D%0Aliteral %250A and %2525 stay literal, too: x\n")


def test_github_command_follows_severity():
    findings = [finding(line=n, end_line=n, severity=severity) for n, severity in enumerate(Severity, 1)]
    commands = [parse_command(line)[0] for line in get("github").render(Report(findings)).splitlines()]
    assert commands == ["error", "warning", "notice"]  # most serious first, whatever the order


def kinds(text: str) -> list[str]:
    return [parse_command(line)[0] for line in text.splitlines()]


def test_github_shows_ten_of_each_kind_errors_first_and_counts_the_rest():
    # GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, dropping
    # the ones printed later: errors must come first and nothing may vanish without a word.
    findings = [
        finding(line=n, end_line=n, severity=severity)
        for n, severity in enumerate([Severity.INFO] * 3 + [Severity.WARNING] * 12 + [Severity.ERROR] * 15, 1)
    ]
    lines = get("github").render(Report(findings), summary=True).splitlines()
    assert kinds("\n".join(lines)) == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 4
    assert [parse_command(line)[1]["line"] for line in lines[:10]] == [str(n) for n in range(16, 26)]
    assert lines[-1] == "::notice title=doclint::and 7 more findings: see the job summary"


def test_github_count_notice_takes_a_notice_place_so_that_it_is_shown():
    findings = [finding(line=n, end_line=n, severity=Severity.INFO) for n in range(1, 13)]
    lines = get("github").render(Report(findings), summary=False).splitlines()
    assert kinds("\n".join(lines)) == ["notice"] * 10
    assert lines[-1] == "::notice title=doclint::and 3 more findings: run doclint check to see them all"


def test_github_adds_no_count_when_everything_is_shown():
    findings = [finding(line=n, end_line=n, severity=s) for n, s in enumerate([Severity.ERROR] * 10 + [Severity.INFO] * 10, 1)]
    lines = get("github").render(Report(findings), summary=True).splitlines()
    assert kinds("\n".join(lines)) == ["error"] * 10 + ["notice"] * 10
    assert not any("more finding" in line for line in lines)


def test_github_multi_line_finding_gives_lines_only():
    # The toolkit: columns "cannot be sent when startLine and endLine are different values".
    found = finding(line=2, column=4, end_line=5, end_column=3)
    _, properties, _ = parse_command(get("github").render(Report([found])).strip())
    assert properties == {"file": "page.md", "line": "2", "endLine": "5", "title": "leftover-todo"}


# --- sarif ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def sarif_of(report: Report) -> dict:
    return json.loads(get("sarif").render(report))


def sarif_variety() -> Report:
    """The sample plus pseudo-rule findings, an unsafe multi-edit fix and awkward paths."""
    unsafe = Fix((Edit(0, 4, "Done"), Edit(10, 10, "!")), safe=False, description="")
    extra = [
        finding(path=SAMPLE_PATH, line=1, end_line=1, rule=INTERNAL_ERROR, message="rule 'x' failed"),
        finding(path="odd %/naïve #1?.md", rule=READ_ERROR, message="cannot decode"),
        finding(path="/abs/dir/page one.mdx", rule="leftover-todo", fix=unsafe, fix_positions=((1, 1, 1, 5), (2, 3, 2, 3))),
        finding(path=SAMPLE_PATH, line=2, end_line=2, rule="invalid-suppression", severity=Severity.WARNING, message="?"),
        finding(path=SAMPLE_PATH, line=3, end_line=3, rule="unused-suppression", severity=Severity.INFO, message="unused"),
    ]
    return report_of({SAMPLE_PATH: SAMPLE}, extra)


def test_sarif_validates_against_the_official_schema(sarif_validator, sample):
    for report in (sample, sarif_variety(), Report([], [CLEAN_PATH])):
        sarif_validator.validate(sarif_of(report))


def test_sarif_schema_is_really_enforced(sarif_validator, sample):
    log = sarif_of(sample)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate(log)


def test_sarif_log_shape(sample):
    log = sarif_of(sample)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "doclint"
    assert run["tool"]["driver"]["version"] == doclint.__version__
    assert run["columnKind"] == "unicodeCodePoints"  # doclint counts characters
    assert [result["level"] for result in run["results"]] == ["warning", "error"]
    assert get("sarif").render(sample) == get("sarif").render(sample)  # deterministic


def test_sarif_rule_index_points_at_the_rule():
    report = sarif_variety()
    run = sarif_of(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert sorted(rule["id"] for rule in rules) == sorted({f.rule for f in report.findings})
    for result, found in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] == found.rule
        assert rules[result["ruleIndex"]]["id"] == found.rule
    known = all_rules()["unfinished-sentence"]
    described = next(rule for rule in rules if rule["id"] == "unfinished-sentence")
    assert described["shortDescription"] == {"text": known.summary}
    # The description's opening, cut to GitHub's 1,024 characters after a whole paragraph.
    full = described["fullDescription"]["text"]
    assert len(full) <= 1024 and full.endswith("…")
    assert full.startswith("Flags list items that are sentences but stop without terminal punctuation.\n\n")
    assert described["help"]["markdown"].startswith(known.description.strip())
    assert described["defaultConfiguration"] == {"level": "warning"}
    assert described["properties"] == {"tags": list(known.tags)}
    # doclint's own file findings are described like rules, with their docs page.
    pseudo = next(rule for rule in rules if rule["id"] == INTERNAL_ERROR)
    assert pseudo["fullDescription"]["text"].startswith("A rule raised an error on this page.")
    assert pseudo["helpUri"].endswith("/docs/rules/internal-error.md")


def test_sarif_fix_replaces_the_right_region(sample):
    found = only(sample.findings, "unfinished-sentence")
    result = sarif_of(sample)["runs"][0]["results"][sample.findings.index(found)]
    (fix,) = result["fixes"]
    assert fix["description"] == {"text": found.fix.description}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "docs/getting%20started.md"
    (replacement,) = change["replacements"]
    line = SAMPLE.split("\n")[4]
    end = len(line) + 1  # the period goes just after the last character of line 5
    assert replacement == {
        "deletedRegion": {"startLine": 5, "startColumn": end, "endLine": 5, "endColumn": end},
        "insertedContent": {"text": "."},
    }
    region = replacement["deletedRegion"]
    fixed = line[: region["startColumn"] - 1] + "." + line[region["endColumn"] - 1 :]
    assert fixed == "- Café über naïve third item is not done."
    assert "fixes" not in sarif_of(sample)["runs"][0]["results"][1]  # leftover-todo has no fix


def test_sarif_unsafe_fix_keeps_every_edit_and_says_unsafe():
    run = sarif_of(sarif_variety())["runs"][0]
    (fix,) = [r["fixes"][0] for r in run["results"] if r["ruleId"] == "leftover-todo" and "fixes" in r]
    assert fix["properties"] == {"applicability": "unsafe"}
    replacements = fix["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == ["Done", "!"]
    assert replacements[1]["deletedRegion"] == {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 3}


URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def test_sarif_uris_are_encoded_uri_references():
    run = sarif_of(sarif_variety())["runs"][0]
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in run["results"]
    }
    # An absolute path outside any repository is relative to its project root (its folder): no
    # runner path in the log.
    assert uris == {"docs/getting%20started.md", "odd%20%25/na%C3%AFve%20%231%3F.md", "page%20one.mdx"}
    for uri in uris:
        assert URI_REFERENCE.fullmatch(uri), uri
        assert not re.search(r"%(?![0-9A-F]{2})", uri), uri
    assert unquote("odd%20%25/na%C3%AFve%20%231%3F.md") == "odd %/naïve #1?.md"


# --- rdjson and rdjsonl --------------------------------------------------------------------------


def test_rdjson_structure(sample):
    result = json.loads(get("rdjson").render(sample))
    assert result["source"]["name"] == "doclint"
    assert result["severity"] == "ERROR"  # the most serious diagnostic
    diagnostics = result["diagnostics"]
    assert len(diagnostics) == len(sample.findings)
    for diagnostic, found in zip(diagnostics, sample.findings, strict=True):
        assert diagnostic["message"] == found.message
        assert diagnostic["location"]["path"] == found.path
        assert set(diagnostic["location"]["range"]) == {"start", "end"}
        for end in ("start", "end"):
            position = diagnostic["location"]["range"][end]
            assert set(position) == {"line", "column"}
            assert all(isinstance(value, int) and value >= 1 for value in position.values())
        assert diagnostic["severity"] == {"error": "ERROR", "warning": "WARNING"}[str(found.severity)]
        # The rule's docs page, as `doclint.ruledocs.link` names it (reviewdog links the code).
        assert diagnostic["code"] == {"value": found.rule, "url": f"https://github.com/doclint/doclint/blob/main/docs/rules/{found.rule}.md"}


def test_rdjson_columns_are_utf8_bytes(sample):
    found = only(sample.findings, "unfinished-sentence")
    line = SAMPLE.split("\n")[found.line - 1]
    assert not line.isascii()
    diagnostic = json.loads(get("rdjson").render(sample))["diagnostics"][sample.findings.index(found)]
    start, end = diagnostic["location"]["range"]["start"], diagnostic["location"]["range"]["end"]
    # Column c in characters starts after the UTF-8 bytes of the c - 1 characters before it.
    expected_start = len(line[: found.column - 1].encode("utf-8")) + 1
    expected_end = len(line[: found.end_column - 1].encode("utf-8")) + 1
    assert (start, end) == ({"line": 5, "column": expected_start}, {"line": 5, "column": expected_end})
    assert expected_start != found.column and expected_end != found.end_column
    assert line.encode("utf-8")[expected_start - 1 : expected_end - 1].decode() == "done"
    (suggestion,) = diagnostic["suggestions"]
    after_line = len(line.encode("utf-8")) + 1
    assert suggestion == {
        "range": {"start": {"line": 5, "column": after_line}, "end": {"line": 5, "column": after_line}},
        "text": ".",
    }


def test_rdjsonl_lines_are_the_rdjson_diagnostics(sample):
    text = get("rdjsonl").render(sample)
    lines = text.split("\n")
    assert lines[-1] == ""
    diagnostics = [json.loads(line) for line in lines[:-1]]
    expected = json.loads(get("rdjson").render(sample))["diagnostics"]
    assert [{k: v for k, v in d.items() if k != "source"} for d in diagnostics] == expected
    assert all(d["source"]["name"] == "doclint" for d in diagnostics)


def test_rd_suggestions_only_for_safe_fixes():
    safe = Fix((Edit(0, 4, "Done"),), safe=True)
    unsafe = Fix((Edit(0, 4, "Done"),), safe=False)
    findings = [
        finding(line=1, end_line=1, fix=safe, fix_positions=((1, 1, 1, 5),)),
        finding(line=2, end_line=2, fix=unsafe, fix_positions=((2, 1, 2, 5),)),
    ]
    report = Report(findings, ["page.md"])
    for diagnostics in (
        json.loads(get("rdjson").render(report))["diagnostics"],
        [json.loads(line) for line in get("rdjsonl").render(report).splitlines()],
    ):
        assert diagnostics[0]["suggestions"] == [
            {"range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 5}}, "text": "Done"}
        ]
        assert "suggestions" not in diagnostics[1]


def test_rd_columns_fall_back_to_characters_without_the_line():
    found = finding(column=37, end_column=41)
    diagnostic = json.loads(get("rdjson").render(Report([found])))["diagnostics"][0]
    assert diagnostic["location"]["range"]["start"]["column"] == 37
    assert diagnostic["location"]["range"]["end"]["column"] == 41


def test_rdjson_through_the_cli_reads_the_real_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("page.md").write_text(SAMPLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "rdjson", "page.md"])
    assert result.exit_code == 1, result.output
    diagnostics = json.loads(result.stdout)["diagnostics"]
    unfinished = next(d for d in diagnostics if d["code"]["value"] == "unfinished-sentence")
    line = SAMPLE.split("\n")[4]
    assert unfinished["location"]["range"]["end"]["column"] == len(line.encode("utf-8")) + 1


@pytest.mark.parametrize("name", sorted(FORMATS.keys() - {"text"}))
def test_every_format_runs_through_the_cli(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("page.md").write_text(SAMPLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", name, "page.md"])
    assert result.exit_code == 1, result.output
    assert "leftover-todo" in result.stdout


# --- junit ---------------------------------------------------------------------------------------


def junit_of(report: Report) -> ET.Element:
    text = get("junit").render(report)
    assert text.startswith("<?xml version=")
    return ET.fromstring(text.encode("utf-8"))


def test_junit_counts_and_testcases(sample):
    root = junit_of(sample)
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite" and suite.get("name") == "doclint"
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == ("3", "2", "0")
    cases = suite.findall("testcase")
    assert len(cases) == 3
    names = [case.get("name") for case in cases]
    assert names == [
        f"unfinished-sentence at {SAMPLE_PATH}:5:37",
        f"leftover-todo at {SAMPLE_PATH}:7:1",
        CLEAN_PATH,
    ]
    # The clean file passes; the file with findings has no passing testcase of its own.
    clean = cases[2]
    assert clean.get("classname") == CLEAN_PATH and len(clean) == 0
    assert SAMPLE_PATH not in names
    failure = cases[1].find("failure")
    assert failure.get("type") == "leftover-todo"
    assert failure.get("message") == only(sample.findings, "leftover-todo").message
    assert failure.text == f"{SAMPLE_PATH}:7:1: error leftover-todo {failure.get('message')}"


def test_junit_escapes_markup_in_messages_and_paths():
    message = 'Use <b>bold</b> & "quotes" or \'apostrophes\' not ]]> or <![CDATA['
    path = 'docs/a & b <"c">.md'
    report = Report([finding(path=path, message=message, severity=Severity.WARNING)], [path, "ok & fine.md"])
    text = get("junit").render(report)
    assert "&lt;b&gt;" in text and "&amp;" in text
    suite = junit_of(report)[0]
    (failing, passing) = suite.findall("testcase")
    assert failing.get("classname") == path
    assert failing.get("name") == f"leftover-todo at {path}:1:1"
    failure = failing.find("failure")
    assert failure.get("message") == message
    assert failure.text == f"{path}:1:1: warning leftover-todo {message}"
    assert passing.get("name") == "ok & fine.md"


def test_junit_shows_characters_xml_cannot_hold():
    report = Report([finding(message="bell\x07, nul\x00 and \ufffe")], ["page.md"])
    failure = junit_of(report)[0].find("testcase/failure")
    assert failure.get("message") == "bell\\x07, nul\\x00 and \\ufffe"


def test_junit_without_findings_passes_every_file():
    suite = junit_of(Report([], ["a.md", "b.md"]))[0]
    assert (suite.get("tests"), suite.get("failures")) == ("2", "0")
    assert [case.get("name") for case in suite] == ["a.md", "b.md"]
