"""The ably pack's precision on lines taken from the Ably docs: the findings reviewers fix stay,
the bold UI names, `&` in names and scoped names that they leave alone go (issue 14, item 8)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import corpus_page
from doclint.cli import main


def findings(tmp_path, rule: str, text: str) -> list[int]:
    """Lines of the page that `ably.RULE` flags, run through the CLI with the pack enabled."""
    (tmp_path / "doclint.toml").write_text('packs = ["ably"]\n')
    (tmp_path / "page.mdx").write_text(text)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", f"ably.{rule}", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    return [f["line"] for f in json.loads(result.stdout)]


BOLD = """\
- **Presence:** See who is online.
* **Long-term storage**: Store data for longer than the retention period.
* **Tried and tested** – rely on components that are already covered by tests.
1. **Client-side apps** (browsers, iOS, Android): Use JWT authentication.
3. **Save** the authentication settings.
2. **Name** your webhook.
* **SCIM Password**.
* **Configure authentication**:
- **Retry without `untilAttach` and accept possible duplicates.** Less work.
- **`plugins`**: The plugin loaded from the push script.
- **addRoom**: Adds a new room to the list.
- **hash** - Transforms the variable into a fingerprint.
- **Users in chat:** 5,000
"""


def test_bold_prefix_flags_labels_not_bold_ui_names_sentences_or_api_terms(tmp_path):
    assert findings(tmp_path, "bold-prefix", BOLD) == [1, 2, 3, 4]


AMPERSAND = """\
An enum representing all the [Realtime Presence states & events](/docs/presence).

Go to the **Signing & Capabilities** tab.

In the portal, go to **Certificates, Identifiers & Profiles**.

As defined by the U.S. Department of Health & Human Services.
"""


def test_ampersand_flags_prose_not_names_or_bold_ui_labels(tmp_path):
    assert findings(tmp_path, "ampersand", AMPERSAND) == [1]


HEADINGS = """\
# Token Storage Recommendations

## Ably::Exceptions::BaseAblyException

## Ably::Util::SafeDeferrable

## The io.ably.lib.types.Param class

## How do I fix CORB errors in Chrome extensions?

## Create a new Rest client
"""


def test_sentence_case_treats_scoped_and_dotted_names_as_names(tmp_path):
    assert findings(tmp_path, "sentence-case-headings", HEADINGS) == [1]


MENTIONS = """\
Use 'while' rather than 'whilst'. Write while, not whilst.

Whilst connected, you receive messages.

Enter the repository URL: https://github.com/ably/ably-cocoa

We've pushed the code to github.
"""


def test_single_quoted_words_x_not_y_and_bare_urls_are_mentions_not_uses(tmp_path):
    assert findings(tmp_path, "whilst", MENTIONS) == [3]
    assert findings(tmp_path, "product-names", MENTIONS) == [7]


# Findings on the Ably docs that reviewers fix (kept) and that they leave alone (gone), by page.
CORPUS_PAGES = [
    ("api/realtime-sdk/history.mdx", "ampersand", {384, 402, 420, 465}, set()),
    ("push/getting-started/apns.mdx", "ampersand", set(), {60, 517}),
    ("platform/account/organizations.mdx", "ampersand", set(), {58}),
    ("chat/external-storage-and-processing/index.mdx", "bold-prefix", {17, 18, 19, 28, 29, 30}, set()),
    ("chat/setup.mdx", "bold-prefix", {20, 21}, set()),
    ("platform/account/2fa.mdx", "bold-prefix", set(), {50, 58}),
    ("platform/integrations/inbound/webhooks.mdx", "bold-prefix", set(), {25, 26}),
    ("platform/pricing/examples/livestream.mdx", "bold-prefix", set(), {10, 11}),
    ("chat/react-ui-kit/component-styling.mdx", "sentence-case-headings", {7, 11, 29, 51}, set()),
    ("api/realtime-sdk/types.mdx", "sentence-case-headings", set(), {36, 2899}),
]


@pytest.mark.parametrize(("page", "rule", "kept", "gone"), CORPUS_PAGES)
def test_ably_corpus_keeps_true_findings_and_drops_false_ones(tmp_path, page, rule, kept, gone):
    lines = set(findings(tmp_path, rule, corpus_page(page).read_text()))
    assert kept <= lines and not gone & lines
