"""broken-link: relative and site-absolute links, anchors from every id form, redirects,
non-Markdown routes, reference definitions; nothing fetched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_page, lint



@pytest.fixture
def site(tmp_path: Path) -> Path:
    pages = tmp_path / "src" / "pages" / "docs"
    (pages / "chat" / "rooms").mkdir(parents=True)
    (pages / "chat" / "rooms" / "index.mdx").write_text(
        "---\ntitle: Rooms\nredirect_from:\n  - /docs/rooms\n  - /docs/chat/old-rooms\n---\n\n"
        "## Attach to a room <a id=\"attach\"/>\n\n## Detach <a id=\"leave\"/>\n\n## Options\n\n## Options\n\n"
        "<Table id='RoomOptions'>\n\n| a |\n|---|\n| b |\n\n</Table>\n\n```shell\n# Not a heading\n```\n"
    )
    (pages / "chat" / "messages.md").write_text("# Messages\n\n## Send a `message`\n")
    (pages / "images").mkdir()
    (pages / "images" / "flow.png").write_bytes(b"png")
    (tmp_path / "routes.txt").write_text("# React pages\n/docs/sdks\n/examples*\n")
    return tmp_path


def options(site: Path, **extra):
    return {
        "routes": {"/docs": str(site / "src" / "pages" / "docs")},
        "external_routes_file": str(site / "routes.txt"),
        **extra,
    }


def check(site: Path, text: str, where: str = "src/pages/docs/chat/guide.mdx", **extra):
    path = site / where
    return lint(text, "broken-link", path=str(path), **options(site, **extra))


def test_anchor_forms_and_slugs():
    from doclint.document import Document
    from doclint.site.ids import page_anchors

    text = (
        "# Title\n\n## Attach to a room <a id=\"attach\"/>\n\n## Options\n\n## Options\n\n"
        "<Tip id='tip-1'/>\n\n## Use `room.attach()` and [links](x.md)!\n\n```md\n## Inside code\n```\n"
        "## Café & crème: *ünïcode* `x`\n"
    )
    assert page_anchors(Document("page.mdx", text), "ably") == {
        "title", "attach", "attach-to-a-room", "options", "options-1", "tip-1",
        "use-roomattach-and-links", "café--crème-ünïcode-x",
    }


def test_good_links_resolve(site):
    text = (
        "See [rooms](/docs/chat/rooms), [attach](/docs/chat/rooms#attach), [leave](/docs/chat/rooms/#leave),\n"
        "[options](/docs/chat/rooms?lang=js#options-1), [table](/docs/chat/rooms#RoomOptions),\n"
        "[messages](messages), [send](./messages.md#send-a-message), [SDKs](/docs/sdks), [ex](/examples/chat),\n"
        "[ably](https://ably.com/x), [mail](mailto:a@b.c), [other site area](/pricing), ![flow](/docs/images/flow.png),\n"
        "[here](#intro).\n\n## Intro\n"
    )
    assert check(site, text) == []


def test_broken_pages_anchors_and_images_are_errors_at_the_link(site):
    text = (
        "See [export](/docs/chat/export-chat) and [attach](/docs/chat/rooms#atach).\n\n"
        "[rel](../missing.md) ![img](/docs/images/nope.png) [self](#nowhere) [code anchor](/docs/chat/rooms#not-a-heading)\n"
    )
    found = [(f.line, f.column, f.severity.name, f.message) for f in check(site, text)]
    assert found == [
        (1, 6, "ERROR", "Broken link /docs/chat/export-chat: no page serves /docs/chat/export-chat"),
        (1, 43, "ERROR", "No anchor #atach in /docs/chat/rooms (did you mean #attach?)"),
        (3, 2, "ERROR", "Broken link ../missing.md: missing.md does not exist"),
        (3, 22, "ERROR", "Broken link /docs/images/nope.png: no page serves /docs/images/nope.png"),
        (3, 53, "ERROR", "No anchor #nowhere on this page"),
        (3, 70, "ERROR", "No anchor #not-a-heading in /docs/chat/rooms"),
    ]


def test_redirected_link_is_info_naming_the_page(site):
    [finding] = check(site, "Read [rooms](/docs/rooms#attach).\n")
    assert finding.severity.name == "INFO"
    assert finding.message == "/docs/rooms#attach reaches its page through a redirect: link to /docs/chat/rooms#attach instead"


def test_reference_links_are_checked_at_their_definition(site):
    text = "Use [rooms][r] twice: [again][r].\n\n[r]: /docs/chat/nothing\n[ok]: /docs/chat/messages\n"
    assert [(f.line, f.column) for f in check(site, text)] == [(3, 6)]


def test_ignore_globs_and_anchor_checks_can_be_turned_off(site):
    text = "![a](/docs/images/missing.png) [b](/docs/chat/rooms#nope)\n"
    assert check(site, text, ignore=["*.png"], check_anchors=False) == []


def test_without_routes_site_absolute_links_are_not_checked(tmp_path):
    assert lint("[x](/docs/anything#y)\n", "broken-link", path=str(tmp_path / "a.md")) == []


def test_same_link_twice_on_a_line_is_one_finding(site):
    assert len(check(site, "[a](#gone) and [b](#gone)\n")) == 1


def test_corpus_page_with_good_links_is_left_alone(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    found = lint(
        path.read_text(), "broken-link", path=str(path),
        routes={"/docs": str(corpus / "src/pages/docs")},
        external_routes_file=str(corpus / "non-markdown-routes.txt"),
    )
    assert found == []


def test_corpus_broken_anchor_is_found(corpus):
    path = corpus_page("api/realtime-sdk.mdx")
    found = lint(path.read_text(), "broken-link", path=str(path), routes={"/docs": str(corpus / "src/pages/docs")})
    assert "No anchor #paginated-result on this page" in {f.message for f in found}


ABLY_TRUE_BREAKS = [
    ("ai-transport/going-to-production.mdx", 60, "Broken link /docs/integrations/kafka: no page serves /docs/integrations/kafka"),
    ("api/realtime-sdk.mdx", 281, "No anchor #error-info on this page"),
    ("api/realtime-sdk.mdx", 413, "No anchor #paginated-result on this page"),
    ("api/realtime-sdk/channels.mdx", 1115, "No anchor #channel-event on this page"),
    ("api/realtime-sdk/channels.mdx", 2209, "No anchor #paginated-result in /docs/api/realtime-sdk/channels"),
    ("api/rest-api.mdx", 656, "Broken link basic-authentication: basic-authentication does not exist"),
    ("api/token-request-spec.mdx", 123, "No anchor #basic-authentication on this page"),
    ("chat/api/javascript/chat-client.mdx", 20, "No anchor #jwt in /docs/auth/token"),
    ("chat/external-storage-and-processing/data-extraction.mdx", 267, "Broken link /docs/chat/rooms/message-reaction: no page serves /docs/chat/rooms/message-reaction"),
    ("push/publish.mdx", 153, "Broken link device#device: device does not exist"),
]


def test_the_ably_trees_real_breaks_stay_found_with_no_config(corpus):
    """A sample of the Ably site's missing pages and anchors, each checked by hand against the
    pages: a profile that makes other sites right must keep these (issue 13)."""
    from click.testing import CliRunner

    from doclint.cli import main

    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "broken-link", str(corpus)])
    found = {(Path(f["path"]).relative_to(corpus / "src" / "pages" / "docs").as_posix(), f["line"], f["message"].split(" (did you mean")[0])
             for f in json.loads(result.stdout) if "/src/pages/docs/" in f["path"]}
    assert set(ABLY_TRUE_BREAKS) <= found
    assert len([f for f in found if f[2].startswith("No anchor")]) >= 360  # every missing anchor 0.1 found
