"""Rule packs: every rule type on both sides and on every scope, loading from a user folder or
file, and the errors a pack writer sees."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.packs import PackError, load_pack


def pack_file(tmp_path: Path, rules_yaml: str, name: str = "house") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"name: {name}\nrules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "))
    return path


def run_pack(tmp_path: Path, rules_yaml: str, text: str, page: str = "page.md"):
    pack = load_pack(str(pack_file(tmp_path, rules_yaml)), tmp_path)
    doc = Document(page, text)
    return lint_document(doc, [ConfiguredRule.default(rule) for rule in pack.rules], known_rules=[r.name for r in pack.rules])


def spots(findings) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in findings]


EXISTENCE = """
easy:
  type: existence
  tokens: [easily]
  patterns: ['\\bas easy as\\b']
  ignorecase: true
  exceptions: [easily reproducible]
"""


def test_existence_tokens_patterns_ignorecase_exceptions_and_quotes(tmp_path):
    text = 'Easily done. It is as easy as pie. The bug is easily reproducible. Avoid "easily".\n'
    assert spots(run_pack(tmp_path, EXISTENCE, text)) == [(1, 1, "house.easy"), (1, 20, "house.easy")]


def test_existence_never_sees_inline_code_urls_or_jsx_attributes(tmp_path):
    text = 'Use `easily()` and [docs](https://x.com/easily) with <Tip title="easily" />.\n'
    assert run_pack(tmp_path, EXISTENCE, text, "page.mdx") == []


@pytest.mark.parametrize(
    ("scope", "line"),
    [
        ("heading", 1), ("paragraph", 3), ("list-item", 5), ("blockquote", 7), ("table", 11),
        ("frontmatter.title", None), ("code.javascript", 14), ("code.none", 18), ("comment", 21),
    ],
)
def test_every_scope_sees_only_its_own_text(tmp_path, scope, line):
    text = (
        "# Bad heading\n\nBad paragraph.\n\n- Bad item\n\n> Bad quote\n\n| a |\n|---|\n| Bad cell |\n\n"
        "```javascript\n// Bad code\n```\n\n```\nBad plain code\n```\n\n<!-- Bad comment -->\n"
    )
    rules = f"bad:\n  type: existence\n  tokens: [Bad]\n  scope: {scope}\n"
    found = [f.line for f in run_pack(tmp_path, rules, text)]
    assert found == ([] if line is None else [line])


def test_frontmatter_field_scope(tmp_path):
    text = '---\ntitle: "Bad title"\nmeta_description: fine\n---\n\nBad body.\n'
    rules = "bad:\n  type: existence\n  tokens: [Bad]\n  scope: frontmatter.title\n"
    assert spots(run_pack(tmp_path, rules, text)) == [(2, 9, "house.bad")]


def test_prose_scope_is_every_inline_and_scope_lists_combine(tmp_path):
    text = "# Bad\n\nBad.\n\n- Bad\n\n<!-- Bad -->\n"
    assert [f.line for f in run_pack(tmp_path, "b:\n  type: existence\n  tokens: [Bad]\n", text)] == [1, 3, 5]
    rules = "b:\n  type: existence\n  tokens: [Bad]\n  scope: [heading, comment]\n"
    assert [f.line for f in run_pack(tmp_path, rules, text)] == [1, 7]


def test_raw_scope_sees_markup(tmp_path):
    rules = "bold:\n  type: existence\n  scope: list-item\n  raw: true\n  patterns: ['\\*\\*\\w+:\\*\\*']\n"
    assert spots(run_pack(tmp_path, rules, "- **Label:** text\n- plain text\n")) == [(1, 3, "house.bold")]


def test_existence_without_tokens_flags_each_element_once(tmp_path):
    rules = "quote:\n  type: existence\n  scope: blockquote\n  message: 'No blockquotes'\n"
    found = run_pack(tmp_path, rules, "> One\n> more\n\nText.\n\n> Two\n")
    assert [(f.line, f.message) for f in found] == [(1, "No blockquotes"), (6, "No blockquotes")]


SUBSTITUTION = """
words:
  type: substitution
  ignorecase: true
  swap:
    whilst: while
    utilise: [use, employ]
"""


def test_substitution_fix_keeps_case_and_alternatives_have_no_fix(tmp_path):
    found = run_pack(tmp_path, SUBSTITUTION, "Whilst you utilise it, whilst.\n")
    assert [(f.column, f.message, f.fix and f.fix.edits[0].content, f.fix and f.fix.safe) for f in found] == [
        (1, "Use 'While' instead of 'Whilst'", "While", True),
        (12, "Use 'use' or 'employ' instead of 'utilise'", None, None),
        (24, "Use 'while' instead of 'whilst'", "while", True),
    ]


def test_substitution_regex_keys_give_unsafe_fixes(tmp_path):
    rules = "w:\n  type: substitution\n  regex: true\n  swap:\n    'e-?mail': email\n"
    [finding] = run_pack(tmp_path, rules, "Send an e-mail.\n")
    assert finding.fix.edits[0].content == "email" and not finding.fix.safe


def test_substitution_has_no_fix_where_the_source_differs_from_the_prose(tmp_path):
    [finding] = run_pack(tmp_path, SUBSTITUTION, "Whil&#115;t here.\n")
    assert finding.fix is None


def test_consistency_flags_the_minority_form(tmp_path):
    rules = "terms:\n  type: consistency\n  groups: [[realtime, real-time]]\n"
    text = "Realtime apps.\n\nMore realtime.\n\nA real-time feed.\n"
    [finding] = run_pack(tmp_path, rules, text)
    assert (finding.line, finding.column) == (5, 3)
    assert "'real-time' here, but 'realtime' elsewhere" in finding.message
    assert run_pack(tmp_path, rules, "Realtime only, realtime again.\n") == []


@pytest.mark.parametrize(
    ("heading", "flagged"),
    [
        ("## Subscribe To Presence Events", True),
        ("## Subscribe to presence events", False),
        ("## Use the REST API with WebSocket and iOS", False),
        ("## Install Ably Chat", False),  # exception
        ("## Configure the Widget", False),  # the page calls it "the Widget" mid-sentence
    ],
)
def test_capitalization_sentence_case(tmp_path, heading, flagged):
    rules = "case:\n  type: capitalization\n  exceptions: [Ably Chat]\n"
    text = f"{heading}\n\nOpen the Widget settings.\n"
    assert bool(run_pack(tmp_path, rules, text)) is flagged


@pytest.mark.parametrize(
    ("exceptions", "heading", "edits"),
    [
        # Overlapping names each keep their words; a longer name that fails its word boundary
        # leaves room for a shorter one at the same place ("Ably Chats" is not "Ably Chat").
        ("[Ably Chat, Chat SDK]", "## Use the Ably Chat SDK Rooms", ["rooms"]),
        ("[Ably, Ably Chat]", "## Use Ably Chats Now", ["chats", "now"]),
        # A name that overlaps itself is taken where its last match ended, as its own pattern
        # would: the third "Go" is a word of the heading.
        ("[Go Go]", "## Use Go Go Go Now", ["go", "now"]),
    ],
)
def test_capitalization_exception_names_mask_exactly_their_own_matches(tmp_path, exceptions, heading, edits):
    rules = f"case:\n  type: capitalization\n  exceptions: {exceptions}\n"
    [finding] = run_pack(tmp_path, rules, f"{heading}\n")
    assert [e.content for e in finding.fix.edits] == edits


def test_capitalization_fix_is_unsafe_and_lowercases_the_words(tmp_path):
    [finding] = run_pack(tmp_path, "case:\n  type: capitalization\n", "## Subscribe To Events\n")
    assert not finding.fix.safe
    assert [e.content for e in finding.fix.edits] == ["to", "events"]
    assert "'Subscribe to events'" in finding.message


def test_capitalization_title_case(tmp_path):
    rules = "case:\n  type: capitalization\n  style: title\n"
    assert len(run_pack(tmp_path, rules, "## Getting started with rooms\n")) == 1
    assert run_pack(tmp_path, rules, "## Getting Started with Rooms\n") == []


def test_occurrence_length_and_counts(tmp_path):
    rules = (
        "desc:\n  type: occurrence\n  scope: frontmatter.meta_description\n  max_length: 20\n"
        "many:\n  type: occurrence\n  tokens: [Ably]\n  max: 2\n  message: 'Ably {count} times'\n"
    )
    text = "---\nmeta_description: A description that is far too long\n---\n\nAbly, Ably and Ably.\n\nAbly once.\n"
    found = run_pack(tmp_path, rules, text)
    assert [(f.rule, f.line, f.column) for f in found] == [("house.desc", 2, 39), ("house.many", 5, 16)]
    assert found[1].message == "Ably 3 times"


CODE_REQUIRES = """
attach:
  type: code-requires
  languages: [javascript, swift]
  when: [presence.enter, messages.subscribe]
  requires: [attach]
  unless: [ChatRoomProvider]
"""


def test_code_requires_both_sides(tmp_path):
    bad = "```javascript\n// room.attach()\nroom.presence.enter();\n```\n\n```swift\nroom.messages.subscribe { m in }\n```\n"
    assert spots(run_pack(tmp_path, CODE_REQUIRES, bad)) == [(3, 1, "house.attach"), (7, 1, "house.attach")]
    good = (
        "```javascript\nawait room.attach();\nroom.presence.enter();\n```\n\n"
        "```javascript\n<ChatRoomProvider name='x'/>;\nroom.presence.enter();\n```\n\n"
        "```python\nroom.presence.enter()\n```\n"
    )
    assert run_pack(tmp_path, CODE_REQUIRES, good) == []


@pytest.mark.parametrize(
    ("check", "bad", "good"),
    [
        ("blockquote", "> A callout.\n", "<Aside>\nA callout.\n</Aside>\n"),
        ("code-after-heading", "## Run\n\n```shell\nnpm test\n```\n", "## Run\n\nRun the tests:\n\n```shell\nnpm test\n```\n"),
        ("fence-without-language", "Run:\n\n```\nnpm test\n```\n", "Run:\n\n```shell\nnpm test\n```\n"),
    ],
)
def test_structure_checks(tmp_path, check, bad, good):
    rules = f"s:\n  type: structure\n  check: {check}\n  files: ['*.mdx']\n"
    assert len(run_pack(tmp_path, rules, bad, "page.mdx")) == 1
    assert run_pack(tmp_path, rules, good, "page.mdx") == []
    assert run_pack(tmp_path, rules, bad, "page.md") == []  # files: only MDX pages


@pytest.mark.parametrize(
    ("rules_yaml", "expected"),
    [
        ("x:\n  type: existance\n", "rule house.x: key 'type': unknown type 'existance' (did you mean 'existence'?)"),
        ("x:\n  tokens: [a]\n", "rule house.x: key 'type': is required"),
        ("x:\n  type: existence\n  patterns: ['(unclosed']\n", "rule house.x: key 'patterns': bad regular expression '(unclosed'"),
        # The patterns are compiled as one; the bad one is still the one named.
        ("x:\n  type: existence\n  tokens: [a]\n  patterns: ['fine', 'b[', 'also']\n", "rule house.x: key 'patterns': bad regular expression 'b['"),
        ("x:\n  type: occurrence\n  max: 2\n  patterns: ['ok', '*lead']\n", "rule house.x: key 'patterns': bad regular expression '*lead'"),
        ("x:\n  type: existence\n  tokenz: [a]\n", "rule house.x: key 'tokenz': unknown key (did you mean 'tokens'?)"),
        ("x:\n  type: substitution\n", "rule house.x: key 'swap': is required"),
        ("x:\n  type: existence\n  scope: sidebar\n", "rule house.x: key 'scope': unknown scope 'sidebar'"),
        ("x:\n  type: existence\n  severity: fatal\n", "rule house.x: key 'severity': must be one of error, warning, info, suggestion, not 'fatal'"),
        ("x:\n  type: existence\n  message: 'Avoid {word}'\n", "rule house.x: key 'message': unknown placeholder {word}"),
        ("x:\n  type: existence\n  message: '{match:>9}'\n", "key 'message': '{match:>9}' has a format spec; only {match} placeholders are allowed"),
        ("x:\n  type: existence\n  message: '{match!r}'\n", "key 'message': '{match!r}' has a conversion; only {match} placeholders"),
        ("x:\n  type: existence\n  message: '{match.__class__}'\n", "key 'message': '{match.__class__}' has attribute access"),
        ("x:\n  type: substitution\n  swap: {a: b}\n  message: '{replacement[0]}'\n", "'{replacement[0]}' has index access; only {match}, {replacement} placeholders"),
        ("x:\n  type: existence\n  message: 'Avoid } here'\n", "key 'message': 'Avoid } here' has a lone '}': write '}}' for a brace"),
        ("x: [not, a, mapping]\n", "rule house.x: must be a mapping"),
        ("x:\n  type: existence\n  tokens: a\n", "rule house.x: key 'tokens': must be a list, not str"),
    ],
)
def test_bad_pack_rules_name_file_rule_and_key(tmp_path, rules_yaml, expected):
    path = pack_file(tmp_path, rules_yaml)
    with pytest.raises(PackError) as error:
        load_pack(str(path), tmp_path)
    assert str(error.value).startswith(str(path))
    assert expected in str(error.value)


def test_messages_fill_placeholders_as_plain_text_and_double_braces_are_braces(tmp_path):
    rules = "x:\n  type: existence\n  tokens: [easily]\n  message: '{{{match}}} is {{not}} {match}: {match}'\n"
    [finding] = run_pack(tmp_path, rules, "Done {0} easily.\n")
    assert finding.message == "{easily} is {not} easily: easily"


def test_bad_yaml_and_non_mapping_packs(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules:\n  x: [unclosed\n")
    with pytest.raises(PackError, match=r"broken.yaml: invalid YAML \(line 3\)"):
        load_pack(str(broken), tmp_path)
    listing = tmp_path / "list.yaml"
    listing.write_text("- just\n- a list\n")
    with pytest.raises(PackError, match="list.yaml: must be a YAML mapping"):
        load_pack(str(listing), tmp_path)
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("rules: !!python/object/apply:os.system ['echo unsafe']\n")
    with pytest.raises(PackError, match="invalid YAML"):
        load_pack(str(tagged), tmp_path)


def make_folder_pack(root: Path) -> Path:
    folder = root / "style"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: house\ndescription: Our house style.\n")
    (folder / "whilst.yaml").write_text("type: substitution\nseverity: error\nignorecase: true\nswap:\n  whilst: while\n")
    return folder


def lint_json(root: Path, *args: str):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, str(root)])
    assert result.exit_code in (0, 1), result.output
    return [(Path(f["path"]).name, f["line"], f["rule"], f["severity"]) for f in json.loads(result.stdout)]


def test_user_folder_pack_works_like_a_shipped_one(tmp_path):
    make_folder_pack(tmp_path)
    (tmp_path / "doclint.toml").write_text('packs = ["./style", "ably"]\n')
    (tmp_path / "a.md").write_text("Whilst connected, you receive messages.\n")
    assert lint_json(tmp_path) == [("a.md", 1, "ably.whilst", "error"), ("a.md", 1, "house.whilst", "error")]


def test_pack_rules_are_selectable_configurable_and_suppressible(tmp_path):
    make_folder_pack(tmp_path)
    (tmp_path / "a.md").write_text("Whilst here.\n\n<!-- doclint-disable-next-line house.whilst -->\nWhilst there.\n")
    (tmp_path / "doclint.toml").write_text('packs = ["./style"]\nselect = ["house"]\n[rules."house.whilst"]\nseverity = "info"\n')
    assert lint_json(tmp_path) == [("a.md", 1, "house.whilst", "info")]
    assert lint_json(tmp_path, "--ignore", "house.whilst") == []


def test_config_naming_a_broken_or_unknown_pack_exits_2(tmp_path):
    (tmp_path / "a.md").write_text("Text.\n")
    (tmp_path / "doclint.toml").write_text('packs = ["ablly"]\n')
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "unknown pack (did you mean 'ably'?)" in result.output
    (tmp_path / "bad.yaml").write_text("rules:\n  x:\n    type: nope\n")
    (tmp_path / "doclint.toml").write_text('packs = ["./bad.yaml"]\n')
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "rule bad.x: key 'type': unknown type 'nope'" in result.output


def test_every_shipped_pack_rule_passes_its_own_examples():
    for rule in load_pack("ably", Path(".")).rules:
        assert rule.bad_examples and rule.good_examples, rule.name
        for name, text in rule.bad_examples:
            assert lint_document(Document(name, text), [ConfiguredRule.default(rule)]), (rule.name, text)
        for name, text in rule.good_examples:
            assert lint_document(Document(name, text), [ConfiguredRule.default(rule)]) == [], (rule.name, text)


def test_rules_command_lists_pack_rules():
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    names = {rule["name"] for rule in json.loads(result.stdout)}
    assert {"ably.whilst", "ably.latin-abbreviations", "leftover-todo"} <= names


def test_selecting_a_shipped_pack_that_is_not_enabled_says_how(tmp_path):
    (tmp_path / "a.md").write_text("Whilst here.\n")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "ably.whilst", str(tmp_path)])
    assert result.exit_code == 2
    assert 'the "ably" pack is not enabled: add packs = ["ably"] to the config' in result.output


def test_a_pattern_only_the_regex_engine_reads_is_accepted_and_matches(tmp_path):
    # `\p{Lu}` is `regex` syntax that `re` refuses: the pack still loads, and the rule matches.
    rules = "caps:\n  type: existence\n  patterns: ['\\p{Lu}{4,}']\n"
    assert spots(run_pack(tmp_path, rules, "Say HELLO here.\n")) == [(1, 5, "house.caps")]


def test_writer_patterns_are_checked_at_load_but_compiled_when_a_page_needs_them(tmp_path):
    pack = pack_file(tmp_path, "x:\n  type: existence\n  tokens: [simply]\n  patterns: ['\\beasy as \\w+']\n")
    script = (
        "import sys; from pathlib import Path; from doclint.packs import load_pack; "
        f"load_pack({str(pack)!r}, Path({str(tmp_path)!r})); print('regex' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
    # ... and a page that holds the pattern's words still gets its finding.
    assert spots(run_pack(tmp_path, "x:\n  type: existence\n  patterns: ['\\beasy as \\w+']\n", "It is easy as pie.\n")) == [(1, 7, "house.x")]
