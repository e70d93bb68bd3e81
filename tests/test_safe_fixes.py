"""A fix marked safe keeps the sentence grammatical and the case pattern of what it replaces, or
it is unsafe: exact text before and after `doclint check --fix` (and `--unsafe-fixes`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from doclint.cli import main

# A user pack with case-insensitive swaps, as the README's "Writing a rule pack" shows.
HOUSE = {
    "sign-in.yaml": "type: substitution\nignorecase: true\nswap:\n  log in: sign in\n  u: you\n",
    "pubsub.yaml": "type: substitution\nignorecase: true\nswap:\n  ably pubsub: Ably Pub/Sub\n",
}


def fix(tmp_path, text: str, select: str, *flags: str, name: str = "page.md") -> str:
    """The page's text after `doclint check --fix FLAGS` with only the `select`ed rules on."""
    (tmp_path / "house").mkdir(exist_ok=True)
    (tmp_path / "house" / "pack.yaml").write_text("name: house\n")
    for file, rule in HOUSE.items():
        (tmp_path / "house" / file).write_text(rule)
    (tmp_path / "doclint.toml").write_text(f'packs = ["ably", "./house"]\nselect = ["{select}"]\n')
    page = tmp_path / name
    page.write_text(text)
    result = CliRunner().invoke(main, ["check", "--fix", *flags, str(page)])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
    return page.read_text()


# --- Defect 1: the comma "for example" needs as an introductory phrase ---------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Use a short delay, e.g. retries.\n", "Use a short delay, for example, retries.\n"),
        ("Use a short delay, e.g., retries.\n", "Use a short delay, for example, retries.\n"),
        ("Use a delay (e.g. retries) here.\n", "Use a delay (for example, retries) here.\n"),
        ("Use a channel, e.g. `chat:general`.\n", "Use a channel, for example, `chat:general`.\n"),
        ("Use one of these, e.g.: retries.\n", "Use one of these, for example: retries.\n"),
        ("Set a limit (e.g.) first.\n", "Set a limit (for example) first.\n"),
        ("Use a provider, e.g. Ably or Pusher.\n", "Use a provider, for example, Ably or Pusher.\n"),
        ("The state, i.e. no attach yet.\n", "The state, that is, no attach yet.\n"),
        ("Two values, viz. one and two.\n", "Two values, namely one and two.\n"),
    ],
)
def test_introductory_phrases_get_exactly_one_comma(tmp_path, before, after):
    assert fix(tmp_path, before, "ably.latin-abbreviations") == after


# --- The full stop an abbreviation's period may carry ----------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Send text, images, etc.\n", "Send text, images, and so on.\n"),
        ("- Send text, images, etc.\n", "- Send text, images, and so on.\n"),
        ("| a |\n|---|\n| Text, images, etc. |\n", "| a |\n|---|\n| Text, images, and so on. |\n"),
        ("Send text, images, etc., then wait.\n", "Send text, images, and so on, then wait.\n"),
        ("Send text, images, etc. as you like.\n", "Send text, images, and so on as you like.\n"),
        ("Send media (text, images, etc.) to it.\n", "Send media (text, images, and so on) to it.\n"),
        ("Send media (text, images, etc.).\n", "Send media (text, images, and so on).\n"),
        ("Regional vs. global outages.\n", "Regional versus global outages.\n"),
    ],
)
def test_a_period_that_ends_the_sentence_is_kept_once(tmp_path, before, after):
    assert fix(tmp_path, before, "ably.latin-abbreviations") == after


@pytest.mark.parametrize(
    ("before", "unsafe"),
    [
        ("Send text, images, etc. Then wait.\n", "Send text, images, and so on. Then wait.\n"),
        ("Failed vs. Refused messages.\n", "Failed versus. Refused messages.\n"),
        ("- Server side (Node.js, Python, etc.)\n", "- Server side (Node.js, Python, and so on)\n"),
    ],
)
def test_where_the_sentence_may_end_the_fix_is_unsafe(tmp_path, before, unsafe):
    assert fix(tmp_path, before, "ably.latin-abbreviations") == before
    assert fix(tmp_path, before, "ably.latin-abbreviations", "--unsafe-fixes") == unsafe


# --- Defect 2 and every case pattern ---------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Press the log in button.\n", "Press the sign in button.\n"),  # lower
        ("Log in to the dashboard.\n", "Sign in to the dashboard.\n"),  # Capitalised
        ("Press the Log In button.\n", "Press the Sign In button.\n"),  # Title Case
        ("Press the LOG IN button.\n", "Press the SIGN IN button.\n"),  # UPPER
        ("Thank u for reading.\n", "Thank you for reading.\n"),  # one letter, lower
    ],
)
def test_a_case_insensitive_swap_keeps_the_case_pattern(tmp_path, before, after):
    assert fix(tmp_path, before, "house.sign-in") == after


@pytest.mark.parametrize(
    "before",
    [
        "Press the lOG iN button.\n",  # mixed: no pattern to carry over
        "Thank U for reading.\n",  # one capital: Capitalised or UPPER?
    ],
)
def test_a_case_insensitive_swap_with_no_pattern_to_carry_is_unsafe(tmp_path, before):
    assert fix(tmp_path, before, "house.sign-in") == before


def test_a_fixed_form_is_written_as_the_pack_says_only_for_a_case_sensitive_swap(tmp_path):
    text = "Install the Javascript SDK from Github over a websocket.\n"
    assert fix(tmp_path, text, "ably.product-names") == "Install the JavaScript SDK from GitHub over a WebSocket.\n"
    # Under ignorecase the text may be in any case: `Ably Pub/Sub` for `ABLY PUBSUB` is a guess.
    text = "Use ABLY PUBSUB here.\n"
    assert fix(tmp_path, text, "house.pubsub") == text
    assert fix(tmp_path, text, "house.pubsub", "--unsafe-fixes") == "Use Ably Pub/Sub here.\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Build real-time apps.\n", "Build realtime apps.\n"),
        ("Real-time apps.\n", "Realtime apps.\n"),
        ("## Real-Time Apps\n", "## Realtime Apps\n"),
        ("BUILD REAL-TIME APPS.\n", "BUILD REALTIME APPS.\n"),
    ],
)
def test_realtime_keeps_the_case_pattern(tmp_path, before, after):
    assert fix(tmp_path, before, "ably.realtime") == after


def test_whilst_keeps_the_case_pattern_and_mixed_case_is_unsafe(tmp_path):
    text = "Whilst here, WHILST there, whilst anywhere, wHILST never.\n"
    assert fix(tmp_path, text, "ably.whilst") == "While here, WHILE there, while anywhere, wHILST never.\n"


# --- Mentions are not uses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "select"),
    [
        ("Write 'for example' rather than 'e.g.' in prose.\n", "ably.latin-abbreviations"),
        ("Use 'while', not 'whilst'.\n", "ably.whilst"),
        ("Enter the URL: https://github.com/ably/ably-cocoa\n", "ably.product-names"),
        ("Download it from nodejs.org today.\n", "ably.product-names"),
    ],
)
def test_a_word_in_single_quotes_or_a_url_is_not_rewritten_by_safe_fixes(tmp_path, before, select):
    assert fix(tmp_path, before, select) == before


# --- unfinished-sentence: the period goes only where it surely ends the sentence -------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("- Use the channel for this\n- Publish a message now.\n", "- Use the channel for this.\n- Publish a message now.\n"),
        ("- See the [channel docs](/docs/channels 'Channels')\n", "- See the [channel docs](/docs/channels 'Channels').\n"),
        ("- Read **the whole guide**\n", "- Read **the whole guide**.\n"),
        # A name in lower camel case opens the next item, not a continuation of this sentence.
        ("- Use the channel for this\n- **setActiveRoom**: Sets the room.\n", "- Use the channel for this.\n- **setActiveRoom**: Sets the room.\n"),
    ],
)
def test_the_period_goes_after_the_closing_marks_of_the_last_word(tmp_path, before, after):
    assert fix(tmp_path, before, "unfinished-sentence") == after


@pytest.mark.parametrize(
    "before",
    [
        # A period after a backslash that would escape it.
        "- Use the channel for this\\\n- Publish a message now.\n- Then wait for it.\n",
        # A link written with an angle-bracket destination: not a shape the fix can be sure of.
        "- Read [the channel docs](</docs/my channels>)\n- Publish a message now.\n- Then wait.\n",
    ],
)
def test_a_period_that_may_not_end_the_sentence_is_unsafe(tmp_path, before):
    assert fix(tmp_path, before, "unfinished-sentence") == before
    assert fix(tmp_path, before, "unfinished-sentence", "--unsafe-fixes") != before


@pytest.mark.parametrize(
    "before",
    [
        "- Set it up with the following:\n- Publish a message now.\n",
        "- Use the component <Tip text=\"x\" />\n- Publish a message now.\n",
    ],
)
def test_no_period_after_a_colon_inline_code_or_jsx(tmp_path, before):
    assert fix(tmp_path, before, "unfinished-sentence", name="page.mdx") == before


# --- A substitution's work is bounded --------------------------------------------------------


def test_many_matches_in_one_block_cost_no_quadratic_overlap_checks(tmp_path):
    # Each match was checked against every earlier one: 60,000 matches in one block cost about
    # 1.8 billion checks, far past a generous limit; one binary search each finishes at once.
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "pack.yaml").write_text("name: house\n")
    (tmp_path / "house" / "w.yaml").write_text("type: substitution\nscope: code\nswap:\n  whilst: while\n")
    (tmp_path / "doclint.toml").write_text('packs = ["./house"]\n')
    page = tmp_path / "page.md"
    page.write_text("Text.\n\n```text\n" + "whilst\n" * 60_000 + "```\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--time-limit", "60", "--format", "json-lines", str(page)])
    assert result.exit_code == 1, result.output
    assert "time-limit" not in result.stdout
    assert '"rule": "house.w"' in result.stdout
