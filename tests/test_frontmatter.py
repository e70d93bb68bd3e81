from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import corpus_page, lint, positions

from doclint.cli import main
from doclint.findings import Severity

CORPUS_SCHEMA = {
    "required": ["title", "meta_description"],
    "types": {"title": "string", "meta_description": "string", "redirect_from": "list", "languages": "list"},
}


def test_missing_required_key_is_reported_at_the_opening_delimiter():
    [finding] = lint("---\nmeta_description: Who is online.\n---\n\nText.\n", "frontmatter", required=["title"])
    assert (finding.line, finding.column, finding.end_column) == (1, 1, 4)
    assert "no `title`" in finding.message
    assert finding.severity is Severity.ERROR


def test_page_without_front_matter_is_reported_at_line_1_only_when_keys_are_required():
    text = "# Presence\n\nText.\n"
    assert lint(text, "frontmatter") == []
    [finding] = lint(text, "frontmatter", required=["title", "meta_description"])
    assert (finding.line, finding.column, finding.end_column) == (1, 1, 11)
    assert finding.message == "No front matter: this page needs `title`, `meta_description`"


def test_empty_required_key_is_reported_at_its_line():
    text = "---\nmeta_description: x\ntitle:\n---\n"
    [finding] = lint(text, "frontmatter")
    assert (finding.line, finding.column, finding.message) == (3, 1, "`title` is empty; it should be a string")
    [finding] = lint(text, "frontmatter", required=["title"])
    assert (finding.line, finding.column, finding.message) == (3, 1, "`title` is empty, and every page needs one")


def test_invalid_yaml_is_an_error_at_the_parsers_line_with_its_message():
    [finding] = lint("---\ntitle: Presence\nmeta_description: Presence: who is online\n---\n", "frontmatter")
    assert (finding.line, finding.column) == (3, 1)
    assert finding.message == "Front matter is not valid YAML: mapping values are not allowed in this context"
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("No", "`title` should be a string, not a boolean (put the value in quotes)"),
        ("2024", "`title` should be a string, not a number (put the value in quotes)"),
        ("[Presence, Chat]", "`title` should be a string, not a list"),
    ],
)
def test_yaml_that_is_not_a_string_title_is_flagged_by_default(value, message):
    [finding] = lint(f"---\nredirect_from: []\ntitle: {value}\n---\n", "frontmatter")
    assert (finding.line, finding.column) == (3, 1)
    assert finding.message == message


def test_types_from_options_each_reported_at_the_keys_line():
    text = (
        "---\ntitle: Presence\nredirect_from:\nweight: heavy\ndraft: 'yes'\n"
        "published: 2024-01-05\nupdated: '2024-02-01'\nreviewed: next week\n---\n"
    )
    types = {"redirect_from": "list", "weight": "number", "draft": "boolean", "published": "date", "updated": "date", "reviewed": "date"}
    findings = lint(text, "frontmatter", path="page.mdx", types=types)
    assert [(f.line, f.message) for f in findings] == [
        (3, "`redirect_from` is empty; it should be a list"),
        (4, "`weight` should be a number, not a string"),
        (5, "`draft` should be a boolean, not a string"),
        (8, "`reviewed` should be a date, not a string"),
    ]


def test_allowed_values_check_strings_and_each_list_item_with_a_suggestion():
    text = "---\ntitle: Presence\nsection: Chats\nlanguages:\n  - javascript\n  - kotlinn\n---\n"
    allowed = {"section": ["chat", "Chat", "pubsub"], "languages": ["javascript", "kotlin", "swift"]}
    findings = lint(text, "frontmatter", allowed=allowed)
    assert positions(findings) == [(3, 1), (4, 1)]
    assert findings[0].message == "`section` is 'Chats', not one of 'chat', 'Chat', 'pubsub' (did you mean 'Chat'?)"
    assert "'kotlinn'" in findings[1].message and "did you mean 'kotlin'" in findings[1].message


def test_max_lengths_count_the_value_and_point_at_the_key():
    description = "x" * 161
    text = f'---\ntitle: Presence\nmeta_description: "{description}"\n---\n'
    [finding] = lint(text, "frontmatter", max_lengths={"meta_description": 160})
    assert (finding.line, finding.column, finding.end_column) == (3, 1, len(description) + 21)
    assert finding.message == "`meta_description` is 161 characters long; keep it to 160"
    assert lint(text, "frontmatter", max_lengths={"meta_description": 161}) == []


def test_quoted_keys_and_list_items_do_not_confuse_the_key_lines():
    text = "---\nredirect_from:\n  - '/docs/title: old'\nnotes: |\n  title: nested\nlinks:\n- title: a\n- title: b\n\"title\": 7\n---\n"
    [finding] = lint(text, "frontmatter", path="page.mdx")
    assert (finding.line, finding.message) == (9, "`title` should be a string, not a number (put the value in quotes)")


def test_a_key_set_twice_is_reported_where_yaml_takes_its_value():
    findings = lint("---\ntitle: Presence\nmeta_description: x\ntitle: Welcome\n---\n", "frontmatter")
    assert [(f.line, f.message) for f in findings] == [
        (4, "`title` is set twice (also at line 2); YAML keeps only this value")
    ]
    types = lint("---\ntitle: Presence\nweight: 1\nweight: heavy\n---\n", "frontmatter", types={"weight": "number"})
    assert [(f.line, f.message.split(";")[0]) for f in types] == [
        (4, "`weight` is set twice (also at line 3)"),
        (4, "`weight` should be a number, not a string"),
    ]


def test_valid_front_matter_and_repository_files_are_left_alone():
    assert lint('---\ntitle: "Presence: who is online"\n---\n\nText.\n', "frontmatter", path="guide.mdx") == []
    assert lint("# Contributing\n", "frontmatter", path="docs/CONTRIBUTING.md", required=["title"]) == []
    assert positions(lint("# Guide\n", "frontmatter", path="docs/guide.md", required=["title"])) == [(1, 1)]


def test_real_corpus_page_fits_the_corpus_schema(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    assert lint(path.read_text(), "frontmatter", path=str(path), **CORPUS_SCHEMA) == []


def test_corpus_page_with_an_empty_redirect_list_is_flagged(corpus):
    path = corpus_page("platform/integrations/webhooks/generic.mdx")
    findings = lint(path.read_text(), "frontmatter", path=str(path), **CORPUS_SCHEMA)
    assert [(f.line, f.message) for f in findings] == [(5, "`redirect_from` is empty; it should be a list")]


def write_project(folder, table: str):
    folder.mkdir()
    (folder / "page.md").write_text("---\ntitle: Presence\nsection: Chats\n---\n\nText.\n")
    (folder / "doclint.toml").write_text(f"[rules.frontmatter]\n{table}\n")
    return folder


def test_table_options_come_from_toml_and_bad_values_are_config_errors(tmp_path):
    folder = write_project(tmp_path / "good", 'allowed = { section = ["chat", "pubsub"] }\ntypes = { section = "string" }')
    result = CliRunner().invoke(main, ["check", "--select", "frontmatter", "--format", "json", str(folder)])
    assert result.exit_code == 1, result.output
    assert [f["line"] for f in json.loads(result.stdout)] == [3]
    for index, (table, expected) in enumerate([
        ('types = { title = "text" }', "rules.frontmatter.types.title: must be one of string, number, boolean, date, list, mapping, not 'text'"),
        ('max_lengths = { title = "70" }', "rules.frontmatter.max_lengths.title: must be a integer, not string"),
        ('allowed = { section = "chat" }', "rules.frontmatter.allowed.section: must be a list of strings, not string"),
        ('types = "title"', "rules.frontmatter.types: must be a table, not string"),
    ]):
        folder = write_project(tmp_path / f"bad{index}", table)
        result = CliRunner().invoke(main, ["check", str(folder)])
        assert result.exit_code == 2
        assert expected in result.output


def test_rule_docs_list_the_table_options():
    result = CliRunner().invoke(main, ["rule", "frontmatter"])
    assert result.exit_code == 0
    assert "- `required` (list, default [])" in result.output
    assert "- `types` (dict, default {'title': 'string'})" in result.output
    assert "- `max_lengths` (dict, default {})" in result.output


@pytest.mark.parametrize(
    ("yaml", "line", "problem"),
    [
        ("".join(f"k{i}: &k{i} [*k{i - 1}]\n" if i else "k0: &k0 [x]\n" for i in range(1000)), 201, "nests deeper than 200 levels"),
        ("k999: &k999 [x, *k999]\n", 2, "an alias refers to the value that holds it"),
    ],
)
def test_front_matter_too_deep_or_holding_itself_is_one_finding(yaml, line, problem):
    findings = lint(f"---\n{yaml}---\n\nText.\n", "frontmatter", allowed={"k999": ["x"]})
    assert [(f.line, f.message) for f in findings] == [(line, f"Front matter is not valid YAML: {problem}")]
