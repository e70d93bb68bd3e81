"""Flags chat code examples that use a room without attaching it.

"Does this need an attach call to make the example complete?" An Ably Chat room must be
attached before presence, typing, room reactions and occupancy work, and before subscriptions
receive events. A reader who copies an example that subscribes or enters presence but never
calls `room.attach()` gets an app that silently receives nothing.

Needs an attached room: `presence.enter/update/leave/get/isUserPresent/subscribe`,
`typing.keystroke/stop/subscribe`, `messages.subscribe`, `reactions.send/subscribe` (room
reactions), `occupancy.subscribe`, message-reaction subscriptions (`messages.reactions.subscribe/
subscribeRaw`), and Kotlin's `asFlow()` on any of these features (a subscription as a Flow).
REST operations need no attach (`messages.send/history/get/update/delete`, `occupancy.get`,
message reactions `messages.reactions.send/delete/clientReactions`).

Code is read with tree-sitter (JavaScript, TypeScript, JSX/TSX, Swift, Kotlin; Jetpack Compose
examples are Kotlin), so calls in comments and strings never count. Left alone: examples that
attach (`room.attach()`, `try await room.attach()`, Jetpack's `chatRoom.attach()` in a
`LaunchedEffect`), React code under a `ChatRoomProvider` or using the chat hooks (the
provider attaches on mount), examples whose room was attached by an earlier example of the same
language on the page (a walkthrough), and Pub/Sub channel code (`channel.presence.enter()`
attaches implicitly). An example that gets its own room (`rooms.get(...)`) is complete and is
always checked; a fragment that uses a room from elsewhere is checked only on pages matching
`flow_paths` (guides and walkthroughs), because reference pages show one call in isolation by
design. The finding points at the first call that needs the attach.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import lazy_re
from doclint import code
from doclint.document import Document
from doclint.findings import Problem, Severity
from doclint.paths import matches
from doclint.rule import Option, Rule

# Feature -> its calls that need an attached room. `asFlow()` is the Kotlin SDK's subscription
# as a Flow: it receives events only while the room is attached, like `subscribe`.
NEEDS_ATTACH = {
    "presence": {"enter", "update", "leave", "get", "isUserPresent", "subscribe", "asFlow"},
    "typing": {"keystroke", "stop", "start", "subscribe", "asFlow"},
    "messages": {"subscribe", "asFlow"},
    "reactions": {"send", "subscribe", "asFlow"},
    "occupancy": {"subscribe", "asFlow"},
}
# Message reactions (`room.messages.reactions`) are sent and deleted over REST; only receiving
# them needs the attach.
MESSAGE_REACTIONS_NEED_ATTACH = {"subscribe", "subscribeRaw", "asFlow"}
REACT_HOOKS = {
    "useRoom", "useMessages", "usePresence", "usePresenceListener", "useTyping",
    "useOccupancy", "useRoomReactions",
}
_ROOMISH = lazy_re.compile(r"room", re.IGNORECASE)
_FEATURE_WORDS = lazy_re.compile(r"presence|typing|messages|reactions|occupancy|attach")


def _is_room(receiver: tuple[str, ...]) -> bool:
    """Whether a receiver is a chat room: named like one, or got from `rooms.get(...)`."""
    if not receiver:
        return False
    if receiver[-1] == code.PLACEHOLDER:
        return "rooms" in receiver
    return bool(_ROOMISH.search(receiver[-1])) and "channel" not in receiver[-1].lower()


def _needs_attach(call: code.Call) -> bool:
    """Whether a call is one that works only on an attached room (`room.typing.subscribe`)."""
    if len(call.path) < 3:
        return False
    receiver, feature, method = call.path[:-2], call.path[-2], call.path[-1]
    if feature == "reactions" and receiver[-1] == "messages":
        # `room.messages.reactions.subscribe`: the room is the part before "messages".
        return method in MESSAGE_REACTIONS_NEED_ATTACH and _is_room(receiver[:-1])
    return method in NEEDS_ATTACH.get(feature, ()) and _is_room(receiver)


def _attaches(call: code.Call) -> bool:
    return call.path[-1] == "attach" and _is_room(call.path[:-1])


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    in_flow_page = matches(doc.path, options["flow_paths"])
    attached_languages: set[str] = set()
    for block in doc.code_blocks:
        grammar = code.grammar_for(block.lang)
        # Reading code with tree-sitter costs; a block that names no room feature needs none.
        if grammar is None or not _FEATURE_WORDS.search(block.text):
            continue
        language = block.lang.removeprefix("realtime_").removeprefix("rest_")
        calls = code.calls(block.text, grammar)
        if any(_attaches(call) for call in calls):
            attached_languages.add(language)
            continue
        first = next((call for call in calls if _needs_attach(call)), None)
        if first is None or language in attached_languages:
            continue
        if any(call.path[-1] in REACT_HOOKS for call in calls) or (
            "ChatRoomProvider" in code.jsx_element_names(block.text, grammar)
        ):
            continue
        gets_room = any(call.path[-2:] == ("rooms", "get") for call in calls if len(call.path) >= 2)
        if not (gets_room or in_flow_page):
            continue
        start = doc.code_offset(block, first.line, first.column)
        end = doc.code_offset(block, first.end_line, first.end_column)
        name = ".".join(first.path)
        yield Problem(
            start,
            end,
            f"`{name}()` needs an attached room, but this example never calls `attach()`"
            " on it: add the attach so the example works when copied",
        )


RULE = Rule(
    name="room-attach",
    summary="Chat code examples that use room features without calling attach()",
    check=check,
    description=__doc__,
    severity=Severity.WARNING,
    tags=("review", "code", "ably-chat"),
    options=(
        Option(
            "flow_paths",
            list,
            ["guides/", "getting-started/", "tutorials/", "how-to/", "how-tos/"],
            "Globs of pages that walk through a flow, where even a fragment must show the attach.",
            glob=True,
        ),
    ),
    bad_examples=(
        (
            "docs/chat/guides/support.mdx",
            "<Code>\n```javascript\n// subscribe to presence events\n"
            "room.presence.subscribe((event) => {\n  console.log(event.member.clientId);\n});\n"
            "await room.presence.enter({ status: 'available' });\n```\n</Code>\n",
        ),
        (
            "docs/chat/rooms/typing.md",
            "```swift\nlet room = try await chatClient.rooms.get(named: \"support\")\n"
            "try await room.typing.keystroke()\n```\n",
        ),
    ),
    good_examples=(
        (
            "docs/chat/guides/support.mdx",
            "```javascript\nconst room = await chatClient.rooms.get('support');\n"
            "// room.presence.enter() needs the attach below\n"
            "await room.attach();\nawait room.presence.enter();\n```\n",
        ),
        (
            "docs/chat/guides/history.md",
            "```javascript\nawait room.messages.send({ text: 'hi' });\n"
            "const page = await room.messages.history({ limit: 50 });\n"
            "await room.messages.reactions.send(message, { name: 'like' });\n```\n",
        ),
        (
            "docs/chat/guides/react.md",
            "```react\nconst App = () => (\n  <ChatRoomProvider name=\"support\">\n    <Presence />\n"
            "  </ChatRoomProvider>\n);\n```\n",
        ),
    ),
)
