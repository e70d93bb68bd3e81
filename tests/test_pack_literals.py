"""The literal look before a pack pattern runs (doclint.packs.literals): a block without a
literal every match needs is skipped, and the look never hides a match the pattern makes."""

from __future__ import annotations

import re

import pytest
from test_packs import run_pack, spots

from doclint.packs.literals import required


@pytest.mark.parametrize(
    ("pattern", "looks"),
    [
        (r"\bThis is where \S+(?: \S+)? really shines\b", ["s where "]),  # `i` left out: see below
        (r"(?:^|(?<=[.,:;!?] ))(?:simply|easily) (?=[a-z])", ["eas", "mply"]),
        (r"(?<=\s)&(?=\s)", ["&"]),
        (r"(?:ab)+c", ["ab"]),
        (r"(foo)?bar|baz", ["bar", "baz"]),
    ],
)
def test_required_literals_are_read_off_the_pattern(pattern, looks):
    assert required(pattern, re.IGNORECASE) == looks


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"x*", r"(?:ab)?c?", r"foo|\w+", r"(?:colour){e<=1}", r"\p{Lu}x", "i", "(unclosed"],
)
def test_no_look_where_a_match_may_need_no_literal_or_the_syntax_is_not_re_s(pattern):
    # `{e<=1}` is fuzzy matching to the regex engine and literal text to `re`; `\p` is not re's.
    assert required(pattern, re.IGNORECASE) is None


RULES = """
shines:
  type: existence
  ignorecase: true
  tokens: [in summary]
  patterns: ['\\bThis is where \\S+(?: \\S+)? really shines\\b', '(?:^|(?<=[.,:;!?] ))simply (?=[a-z])']
"""


def test_a_rule_with_patterns_still_flags_each_match_and_skips_blocks_without_its_literals(tmp_path):
    text = "Intro.\n\nThis is where rooms REALLY shines. In summary, simply attach.\n\nNothing here shines.\n"
    assert spots(run_pack(tmp_path, RULES, text)) == [(3, 1, "house.shines"), (3, 36, "house.shines"), (3, 48, "house.shines")]


def test_dotless_i_matched_ignoring_case_is_not_lost_by_the_look(tmp_path):
    """The regex engine matches a pattern's `I` to `ı` ignoring case, yet their case folds differ
    ("i" and "ı"): a look for "simply" would skip "sımply", so the look leaves `i` out."""
    rules = RULES.replace("(?:^|(?<=[.,:;!?] ))simply", "\\bSIMPLY")
    assert spots(run_pack(tmp_path, rules, "Then sımply attach.\n")) == [(1, 6, "house.shines")]
