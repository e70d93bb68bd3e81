"""Tests for doclint.code: reading calls out of code examples with tree-sitter."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

import doclint.code
from doclint.code import Call, calls, grammar_for, jsx_element_names


def where(found: list[Call]) -> list[tuple[str, int, int]]:
    """(dotted path, line, column) per call: compact enough to assert whole lists."""
    return [(".".join(c.path), c.line, c.column) for c in found]


def paths(found: list[Call]) -> list[str]:
    return [".".join(c.path) for c in found]


# --- JavaScript ---------------------------------------------------------------

JS_EXAMPLE = """\
const room = await chatClient.rooms.get('support:ticket-123');
// room.attach() in a comment must not count
const s = "room.attach()";  // nor in a string
room.presence.subscribe((event) => { console.log(event.member.clientId); });
await room.presence.enter({ status: 'available' });
"""


def test_javascript_calls_with_exact_positions_skip_comments_and_strings():
    found = calls(JS_EXAMPLE, "javascript")
    assert where(found) == [
        ("chatClient.rooms.get", 0, 19),
        ("room.presence.subscribe", 3, 0),
        ("console.log", 3, 37),
        ("room.presence.enter", 4, 6),
    ]
    assert found[0] == Call(("chatClient", "rooms", "get"), 0, 19, 0, 61)
    # The end is the end of the whole call, arguments and callback included.
    assert (found[1].end_line, found[1].end_column) == (3, 75)
    assert (found[3].end_line, found[3].end_column) == (4, 50)


def test_javascript_template_literal_text_is_not_code_but_substitutions_are():
    code = "const t = `room.attach() then ${room.name.toUpperCase()}`;"
    assert where(calls(code, "javascript")) == [("room.name.toUpperCase", 0, 32)]


def test_javascript_block_comment_hides_calls():
    code = "/* await room.detach();\n   room.release(); */\nawait room.attach();"
    assert where(calls(code, "javascript")) == [("room.attach", 2, 6)]


def test_javascript_paths_strip_await_and_optional_chaining():
    code = "room?.presence?.enter(); room.typing?.keystroke?.(); (await room).detach();"
    assert paths(calls(code, "javascript")) == [
        "room.presence.enter",
        "room.typing.keystroke",
        "room.detach",
    ]


def test_javascript_call_receiver_keeps_its_path_and_a_placeholder():
    code = "chatClient.rooms.get('x').attach();\nthis.room.attach();\nrooms[0].attach();"
    found = calls(code, "javascript")
    assert [c.path for c in found] == [
        ("chatClient", "rooms", "get", "()", "attach"),  # the outer call first ...
        ("chatClient", "rooms", "get"),  # ... then the call inside its receiver
        ("this", "room", "attach"),
        ("()", "attach"),  # a subscript is not a plain name
    ]
    # Both calls in the chain start at the same callee; the outer one ends later.
    assert (found[0].column, found[0].end_column) == (0, 34)
    assert (found[1].column, found[1].end_column) == (0, 25)


def test_javascript_new_expression_counts_as_a_call_of_the_constructor():
    code = "const realtime = new Ably.Realtime({ key: 'x' });"
    assert calls(code, "javascript") == [Call(("Ably", "Realtime"), 0, 21, 0, 48)]


def test_javascript_grammar_reads_jsx_for_react_examples():
    code = 'const App = () => <ChatRoomProvider name="x"><Chat /></ChatRoomProvider>;'
    assert grammar_for("react") == "javascript"
    assert jsx_element_names(code, "javascript") == {"ChatRoomProvider", "Chat"}


# --- TypeScript / TSX ---------------------------------------------------------

TSX_EXAMPLE = """\
import { ChatRoomProvider, useMessages, useRoom } from '@ably/chat/react';

export const Chat = () => {
  const { room } = useRoom();
  const { send } = useMessages({
    listener: (event: ChatMessageEvent) => setMessages((prev) => [...prev, event.message]),
  });
  return <button onClick={() => send({ text: 'Hi!' })}>Send</button>;
};

export const App = () => (
  <ChatRoomProvider name="support:ticket-123" options={AllFeaturesEnabled}>
    <Chat />
    <Chat.Footer />
  </ChatRoomProvider>
);
"""


def test_tsx_jsx_element_names():
    names = jsx_element_names(TSX_EXAMPLE, "tsx")
    assert names == {"ChatRoomProvider", "Chat", "Chat.Footer", "button"}
    # Names in strings or comments are not elements.
    assert jsx_element_names('// <Foo />\nconst s = "<Bar />";', "tsx") == set()


def test_tsx_calls_inside_jsx_attributes_and_callbacks():
    assert where(calls(TSX_EXAMPLE, "tsx")) == [
        ("useRoom", 3, 19),
        ("useMessages", 4, 19),
        ("setMessages", 5, 43),
        ("send", 7, 32),
    ]


def test_typescript_strips_non_null_and_type_assertions():
    code = "room!.presence!.enter(); (room as Room).attach(); (await room.get()).x();"
    assert paths(calls(code, "typescript")) == [
        "room.presence.enter",
        "room.attach",
        "room.get.().x",
        "room.get",
    ]


def test_typescript_generic_call_after_await_starts_at_callee():
    # tree-sitter-typescript parses `await f<T>()` as a call whose callee is
    # `await f`; the callee position must still be `f`, not `await`.
    code = "const room = await chatClient.rooms.get<Room>('x');"
    assert calls(code, "typescript") == [Call(("chatClient", "rooms", "get"), 0, 19, 0, 50)]


def test_jsx_names_are_empty_for_grammars_without_jsx():
    assert jsx_element_names("let x = <div/>", "typescript") == set()
    assert jsx_element_names("let x = 1", "swift") == set()


# --- Swift --------------------------------------------------------------------

SWIFT_EXAMPLE = """\
let room = try await chatClient.rooms.get(name: "basketball-stream", options: .init())
// room.detach() in a comment does not count
let status = "room.attach() \\(room.status)"
try await room.attach()
let subscription = room.messages.subscribe { message in
    print("Message received: \\(message.text)")
}
room?.presence.enter(); room!.typing.keystroke(); self.room.detach()
"""


def test_swift_calls_try_await_and_trailing_closure():
    found = calls(SWIFT_EXAMPLE, "swift")
    assert where(found) == [
        ("chatClient.rooms.get", 0, 21),
        ("()", 0, 78),  # `.init()`: an implicit member, not a plain name
        ("room.attach", 3, 10),
        ("room.messages.subscribe", 4, 19),
        ("print", 5, 4),
        ("room.presence.enter", 7, 0),
        ("room.typing.keystroke", 7, 24),
        ("self.room.detach", 7, 50),
    ]
    subscribe = found[3]
    # A trailing closure is part of the call: it ends at the closing brace.
    assert (subscribe.end_line, subscribe.end_column) == (6, 1)


def test_swift_call_receiver_placeholder():
    code = 'try await chatClient.rooms.get(name: "x").attach()'
    assert [c.path for c in calls(code, "swift")] == [
        ("chatClient", "rooms", "get", "()", "attach"),
        ("chatClient", "rooms", "get"),
    ]


# --- Kotlin -------------------------------------------------------------------

KOTLIN_EXAMPLE = """\
val room = chatClient.rooms.get(roomId = "support:ticket-123")
// room.detach() in a comment does not count
val s = "room.detach() ${room.status}"
room.attach()
room.presence.subscribe { event ->
    println(event.member.clientId)
}
room?.presence!!.enter(); this.room.detach()
"""


def test_kotlin_calls_and_trailing_lambda():
    found = calls(KOTLIN_EXAMPLE, "kotlin")
    assert where(found) == [
        ("chatClient.rooms.get", 0, 11),
        ("room.attach", 3, 0),
        ("room.presence.subscribe", 4, 0),
        ("println", 5, 4),
        ("room.presence.enter", 7, 0),
        ("this.room.detach", 7, 26),
    ]
    assert (found[2].end_line, found[2].end_column) == (6, 1)


JETPACK_EXAMPLE = """\
@Composable
fun App(chatClient: ChatClient) {
    var room by remember { mutableStateOf<Room?>(null) }
    LaunchedEffect(roomName) {
        val chatRoom = chatClient.rooms.get(roomName)
        chatRoom.attach()
    }
    val messages by room?.messages?.asFlow()?.collectAsState(null)
}
"""


def test_jetpack_compose_calls_inside_composables_and_effects():
    found = calls(JETPACK_EXAMPLE, grammar_for("jetpack"))
    assert where(found) == [
        ("remember", 2, 16),
        ("mutableStateOf", 2, 27),
        ("LaunchedEffect", 3, 4),
        ("chatClient.rooms.get", 4, 23),
        ("chatRoom.attach", 5, 8),
        ("room.messages.asFlow.().collectAsState", 7, 20),
        ("room.messages.asFlow", 7, 20),
    ]
    # `LaunchedEffect(key) { ... }` is one call, ending with its trailing lambda.
    assert (found[2].end_line, found[2].end_column) == (6, 5)


def test_kotlin_call_with_arguments_and_trailing_lambda_is_one_call():
    code = 'chatClient.rooms.get("x") { messages { } }.attach()'
    assert [c.path for c in calls(code, "kotlin")] == [
        ("chatClient", "rooms", "get", "()", "attach"),
        ("chatClient", "rooms", "get"),
        ("messages",),
    ]


# --- Broken code and positions ------------------------------------------------


@pytest.mark.parametrize(
    ("grammar", "code", "expected"),
    [
        (
            "javascript",
            "const room = await chatClient.rooms.get('x');\nawait room.attach();\n"
            "room.messages.subscribe((m) => {\n  console.log(m.text);\n  if (m) {\n",
            [("chatClient.rooms.get", 0, 19), ("room.attach", 1, 6)],
        ),
        (
            "swift",
            'let room = try await rooms.get(name: "x")\ntry await room.attach()\nTask {\n',
            [("rooms.get", 0, 21), ("room.attach", 1, 10)],
        ),
        (
            "kotlin",
            'val room = chatClient.rooms.get(roomId = "x")\nroom.attach()\n'
            "room.presence.subscribe { event ->\n",
            [("chatClient.rooms.get", 0, 11), ("room.attach", 1, 0)],
        ),
    ],
)
def test_broken_code_still_returns_the_calls_before_the_break(grammar, code, expected):
    assert where(calls(code, grammar))[: len(expected)] == expected


@pytest.mark.parametrize("grammar", ["javascript", "typescript", "tsx", "swift", "kotlin"])
@pytest.mark.parametrize("code", ["", "}", "room.", "((((", "<<<", "\x00", "fun {"])
def test_garbage_never_raises(grammar, code):
    assert isinstance(calls(code, grammar), list)


def test_columns_count_code_points_not_utf8_bytes():
    # "é" is 2 bytes, "👋" 4 and "🎉" 4 in UTF-8: byte columns would be off.
    code = (
        'const s = "héllo 👋"; room.attach();\n'
        'room.messages.send({ text: "ça va 🎉" }); x();'
    )
    assert calls(code, "javascript") == [
        Call(("room", "attach"), 0, 21, 0, 34),
        Call(("room", "messages", "send"), 1, 0, 1, 39),
        Call(("x",), 1, 41, 1, 44),
    ]


def test_columns_count_code_points_in_swift_and_kotlin():
    assert where(calls('let s = "🙂"; room.attach()', "swift")) == [("room.attach", 0, 13)]
    assert where(calls('val s = "naïve"; room.attach()', "kotlin")) == [("room.attach", 0, 17)]


def test_call_is_frozen_and_hashable():
    call = Call(("room", "attach"), 0, 0, 0, 13)
    with pytest.raises(FrozenInstanceError):
        call.line = 1  # type: ignore[misc]
    assert call in {Call(("room", "attach"), 0, 0, 0, 13)}


def test_unknown_grammar_is_an_error():
    with pytest.raises(ValueError, match="cobol"):
        calls("x()", "cobol")


# --- grammar_for --------------------------------------------------------------


@pytest.mark.parametrize(
    ("info", "grammar"),
    [
        ("javascript", "javascript"),
        ("js", "javascript"),
        ("jsx", "javascript"),
        ("mjs", "javascript"),
        ("cjs", "javascript"),
        ("node", "javascript"),
        ("nodejs", "javascript"),
        ("react", "javascript"),
        ("realtime_javascript", "javascript"),
        ("rest_javascript", "javascript"),
        ("realtime_nodejs", "javascript"),
        ("rest_nodejs", "javascript"),
        ("realtime_react", "javascript"),
        ("typescript", "typescript"),
        ("ts", "typescript"),
        ("realtime_typescript", "typescript"),
        ("tsx", "tsx"),
        ("swift", "swift"),
        ("realtime_swift", "swift"),
        ("kotlin", "kotlin"),
        ("kt", "kotlin"),
        ("android", "kotlin"),
        ("realtime_kotlin", "kotlin"),
        # Jetpack Compose examples are Kotlin, under either fence name Ably has used.
        ("jetpack", "kotlin"),
        ("Jetpack {1-3}", "kotlin"),
        ("chat_android", "kotlin"),
        # Case, attributes and line highlights after the language word.
        ("JavaScript", "javascript"),
        ("  Swift title=\"Room.swift\"", "swift"),
        ("js{1,3}", "javascript"),
        ("kotlin {2-4}", "kotlin"),
        # Languages we cannot read.
        ("", None),
        ("shell", None),
        ("sh", None),
        ("json", None),
        ("java", None),
        ("realtime_java", None),
        ("python", None),
        ("text", None),
        ("rest_", None),
        ("javascriptx", None),
    ],
)
def test_grammar_for(info, grammar):
    assert grammar_for(info) == grammar


def test_importing_the_module_does_not_import_any_grammar():
    src = str(Path(doclint.code.__file__).resolve().parents[1])
    script = (
        "import sys, doclint.code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('tree_sitter'))\n"
        "assert not loaded, loaded\n"
        "doclint.code.calls('f()', 'swift')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('tree_sitter_'))\n"
        # Only the compiled binding: the package's __init__ would import importlib.resources.
        "assert loaded == ['tree_sitter_swift._binding'], loaded\n"
    )
    env = {**os.environ, "PYTHONPATH": src}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
