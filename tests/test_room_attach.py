from __future__ import annotations

from conftest import corpus_page, lint, positions

GUIDE = "docs/chat/guides/support.mdx"


def fence(lang: str, code: str) -> str:
    return f"Intro:\n\n```{lang}\n{code}```\n"


def test_presence_without_attach_is_flagged_at_the_first_call():
    code = "// room.attach() in a comment does not count\nconst s = 'room.attach()';\nawait room.presence.enter({ status: 'here' });\n"
    [finding] = lint(fence("javascript", code), "room-attach", path=GUIDE)
    assert (finding.line, finding.column) == (6, 7)
    assert "room.presence.enter" in finding.message


def test_each_operation_that_needs_attach(tmp_path):
    for call in [
        "room.typing.keystroke()", "room.typing.subscribe(cb)", "room.messages.subscribe(cb)",
        "room.reactions.send({ type: 'like' })", "room.occupancy.subscribe(cb)", "room.presence.get()",
    ]:
        assert len(lint(fence("javascript", call + ";\n"), "room-attach", path=GUIDE)) == 1, call


def test_swift_and_kotlin_and_typescript():
    swift = "let room = try await chatClient.rooms.get(named: \"x\")\nroom.messages.subscribe { m in print(m) }\n"
    assert positions(lint(fence("swift", swift), "room-attach", path="a.md")) == [(5, 1)]
    kotlin = "val room = chatClient.rooms.get(\"x\")\nroom.presence.enter()\n"
    assert positions(lint(fence("kotlin", kotlin), "room-attach", path="a.md")) == [(5, 1)]
    ts = "const room = await chat.rooms.get('x');\nroom.typing.keystroke();\n"
    assert positions(lint(fence("typescript", ts), "room-attach", path="a.md")) == [(5, 1)]


def test_attached_rest_react_and_pubsub_examples_are_left_alone():
    cases = [
        ("javascript", "await room.attach();\nroom.presence.enter();\n"),
        ("swift", "try await room.attach()\ntry await room.presence.enter()\n"),
        ("javascript", "await room.messages.send({ text: 'hi' });\nawait room.messages.history({});\nawait room.messages.reactions.send(m, {});\nawait room.occupancy.get();\n"),
        ("react", "<ChatRoomProvider name='x'><Chat /></ChatRoomProvider>;\nroom.presence.enter();\n"),
        ("react", "const { presenceData } = usePresence();\nroom.presence.enter();\n"),
        ("javascript", "const channel = realtime.channels.get('x');\nchannel.presence.enter();\n"),
        ("shell", "room.presence.enter()\n"),
    ]
    for lang, code in cases:
        assert lint(fence(lang, code), "room-attach", path=GUIDE) == [], code


def test_fragments_on_reference_pages_but_not_guides():
    code = "room.presence.subscribe((e) => {});\n"
    assert lint(fence("javascript", code), "room-attach", path="docs/chat/rooms/presence.md") == []
    assert len(lint(fence("javascript", code), "room-attach", path=GUIDE)) == 1


def test_an_earlier_attach_on_the_page_covers_later_steps():
    text = fence("javascript", "await room.attach();\n") + fence("javascript", "room.messages.subscribe(cb);\n")
    assert lint(text, "room-attach", path=GUIDE) == []
    other_language = fence("javascript", "await room.attach();\n") + fence("swift", "room.messages.subscribe { m in }\n")
    assert len(lint(other_language, "room-attach", path=GUIDE)) == 1


def test_corpus_reference_page_is_left_alone(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    assert lint(path.read_text(), "room-attach", path=str(path)) == []


def test_corpus_guide_without_attach_is_flagged(corpus):
    # Typing, room reactions, message reactions and messages: each example gets its room and
    # subscribes, and the page never attaches. The message-reaction subscription (244) was missed.
    path = corpus_page("chat/guides/build-livestream.mdx")
    findings = lint(path.read_text(), "room-attach", path=str(path))
    assert positions(findings) == [(206, 1), (228, 1), (244, 1), (272, 22)]
    assert "`room.messages.reactions.subscribe()`" in findings[2].message


def test_message_reaction_subscriptions_need_attach_but_sending_does_not():
    for call in ["room.messages.reactions.subscribe(cb)", "room.messages.reactions.subscribeRaw(f)"]:
        code = "const room = await chat.rooms.get('x');\n" + call + ";\n"
        [finding] = lint(fence("javascript", code), "room-attach", path="a.md")
        assert (finding.line, finding.column) == (5, 1), call
        assert call.split("(")[0] in finding.message
    rest = (
        "const room = await chat.rooms.get('x');\n"
        "await room.messages.reactions.send(message, { name: 'like' });\n"
        "await room.messages.reactions.delete(message, { name: 'like' });\n"
    )
    assert lint(fence("javascript", rest), "room-attach", path="a.md") == []
    kotlin = 'val room = chat.rooms.get("x")\nroom.messages.reactions.clientReactions("s")\n'
    assert lint(fence("kotlin", kotlin), "room-attach", path="a.md") == []


def test_kotlin_flows_are_subscriptions_that_need_attach():
    code = (
        'val room = chatClient.rooms.get("x")\n'
        "launch {\n    room.messages.reactions.asFlow().collect { println(it) }\n}\n"
    )
    [finding] = lint(fence("kotlin", code), "room-attach", path="a.md")
    assert (finding.line, finding.column) == (6, 5)
    assert "`room.messages.reactions.asFlow()`" in finding.message
    typing = 'val room = chatClient.rooms.get("x")\nroom.typing.asFlow().collect { }\n'
    assert positions(lint(fence("kotlin", typing), "room-attach", path="a.md")) == [(5, 1)]
    attached = typing.replace("room.typing", "room.attach()\nroom.typing")
    assert lint(fence("kotlin", attached), "room-attach", path="a.md") == []


JETPACK = """\
@Composable
fun Chat(chatClient: ChatClient) {
    LaunchedEffect(Unit) {
        val chatRoom = chatClient.rooms.get("support")
        chatRoom.presence.enter()
    }
}
"""


def test_jetpack_compose_examples_are_read_as_kotlin():
    for lang in ["jetpack", "chat_android"]:
        [finding] = lint(fence(lang, JETPACK), "room-attach", path="a.md")
        assert (finding.line, finding.column) == (8, 9), lang
        assert "`chatRoom.presence.enter()`" in finding.message
    attached = JETPACK.replace("chatRoom.presence", "chatRoom.attach()\n        chatRoom.presence")
    assert lint(fence("jetpack", attached), "room-attach", path="a.md") == []


def test_corpus_jetpack_guide_and_message_reactions_page_are_left_alone(corpus):
    # The Jetpack guide attaches in a LaunchedEffect before its flows and subscriptions; the
    # message-reactions page shows subscriptions as fragments of a reference page.
    for page in ["chat/getting-started/android.mdx", "chat/rooms/message-reactions.mdx"]:
        path = corpus_page(page)
        assert lint(path.read_text(), "room-attach", path=str(path)) == [], page
