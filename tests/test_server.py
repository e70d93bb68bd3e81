"""`doclint server`, driven by a real LSP client (pygls's) over stdio, as an editor drives it."""

from __future__ import annotations

import asyncio
import fnmatch
import os
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

# A finding after emoji and CJK text on its line: the client counts UTF-16 code units.
PAGE = "# Guide\n\n- 🎉 日本語 The first one is done.\n- 🎉 日本語 The second one is done\n- The third one is done.\n"
LINE = "- 🎉 日本語 The second one is done"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Editor:
    """One server process and what it published, per document version."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("test-editor", "1")
        self.published: asyncio.Queue = asyncio.Queue()
        self.messages: list[str] = []
        self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: self.published.put_nowait(params))
        self.client.feature(types.WINDOW_SHOW_MESSAGE)(lambda params: self.messages.append(params.message))

    async def start(self) -> None:
        env = {**os.environ, "XDG_CACHE_HOME": str(self.root / ".xdg")}
        self.registered: list = []

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params):
            self.registered.extend(params.registrations)

        await self.client.start_io(sys.executable, "-m", "doclint", "server", cwd=str(self.root), env=env)
        watching = types.WorkspaceClientCapabilities(did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True))
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(workspace=watching), root_uri=self.root.as_uri(), process_id=os.getpid(),
        ))
        self.client.initialized(types.InitializedParams())

    async def diagnostics(self, uri: str, version: int) -> list[types.Diagnostic]:
        while True:
            params = await asyncio.wait_for(self.published.get(), 60)
            if params.uri == uri and params.version == version:
                return params.diagnostics

    async def ask(self, request):
        """A request's answer, or a failure naming what the server said on stderr."""
        try:
            return await asyncio.wait_for(request, 60)
        except asyncio.TimeoutError:
            self.client._server.kill()
            raise AssertionError("no answer: " + (await self.client._server.stderr.read()).decode(errors="replace")[-3000:]) from None

    async def stop(self) -> int:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        code = await asyncio.wait_for(self.client._server.wait(), 30)
        self.client._server._transport.close()  # now, while the loop runs: no warning at exit
        return code


def scenario(root: Path, steps) -> None:
    async def go():
        editor = Editor(root)
        await editor.start()
        try:
            await steps(editor)
        finally:
            assert await editor.stop() == 0  # a clean exit on shutdown/exit
    asyncio.run(go())


def test_diagnostics_on_open_and_change_in_utf16_with_fixes_and_hover(tmp_path):
    (tmp_path / ".git").mkdir()
    page = tmp_path / "guide.md"
    page.write_text(PAGE, encoding="utf-8")
    uri = page.as_uri()

    async def steps(editor: Editor):
        client = editor.client
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, PAGE)))
        [found] = await editor.diagnostics(uri, 1)
        column = LINE.index("done")
        assert (found.code, found.range.start.line, found.range.start.character) == ("unfinished-sentence", 3, utf16(LINE[:column]))
        assert found.range.end.character == utf16(LINE)
        assert found.severity == types.DiagnosticSeverity.Warning
        assert found.code_description.href.endswith("/unfinished-sentence.md")

        actions = await editor.ask(client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found]),
        )))
        by_title = {action.title: action for action in actions}
        fix = by_title["Add a period (unfinished-sentence)"]
        [edit] = fix.edit.changes[uri]
        assert (fix.is_preferred, edit.new_text, edit.range.start.line, edit.range.start.character) == (True, ".", 3, utf16(LINE))
        [disable] = by_title["Disable unfinished-sentence for this line"].edit.changes[uri]
        # Inside the item before, as --add-suppressions places it: at column 0 it would split the list.
        assert (disable.range.start.line, disable.new_text) == (3, "  <!-- doclint-disable-next-line unfinished-sentence -->\n")
        [fix_all] = [a for a in actions if a.kind == "source.fixAll.doclint"]
        assert fix_all.edit.changes[uri][0].new_text == PAGE.replace("second one is done\n", "second one is done.\n")

        hover = await editor.ask(client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), found.range.start)))
        assert "unfinished-sentence" in hover.contents.value and "List items that read as sentences" in hover.contents.value

        # Typing: two quick edits, and only the last version is linted and published.
        edited = PAGE.replace("second one is done\n", "second one is done.\n") + "\nTODO: screenshots\n"
        for version, text in ((2, edited + "x"), (3, edited)):
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            ))
        [todo] = await editor.diagnostics(uri, 3)
        assert (todo.code, todo.range.start.line, todo.range.start.character) == ("leftover-todo", 6, 0)
        assert editor.published.empty()  # version 2 was never published
        assert page.read_text(encoding="utf-8") == PAGE  # the buffer is linted, the file untouched

    scenario(tmp_path, steps)


def test_a_broken_config_is_one_diagnostic_and_a_message_not_a_crash(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "doclint.toml").write_text("[rules.no-such-rule]\nseverity = 'error'\n")
    page = tmp_path / "page.mdx"
    page.write_text("# Page\n")
    uri = page.as_uri()

    async def steps(editor: Editor):
        editor.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "mdx", 1, "# Page\n")))
        [problem] = await editor.diagnostics(uri, 1)
        assert problem.severity == types.DiagnosticSeverity.Error and "doclint.toml" in problem.message
        assert any("doclint.toml" in message for message in editor.messages)
        # The server asked to hear of config changes, where the client lets it.
        [watch] = editor.registered
        assert watch.method == "workspace/didChangeWatchedFiles"
        # Every .toml, not only doclint.toml: a config's `extend` may name a shared file of any name.
        assert any(fnmatch.fnmatch("team/shared-base.toml", w["globPattern"].replace("**/", "*/")) for w in watch.register_options["watchers"])
        # Mended, and a watched-file change re-lints the open page: the server is still there.
        (tmp_path / "doclint.toml").write_text("")
        editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent((tmp_path / "doclint.toml").as_uri(), types.FileChangeType.Changed)],
        ))
        assert list(await editor.diagnostics(uri, 1)) == []

    scenario(tmp_path, steps)


def test_disable_comments_use_the_pages_own_syntax(tmp_path):
    (tmp_path / ".git").mkdir()
    text = "---\ntitle: Page\n---\n\n# Page\n\n  {/* TODO: finish */}\n"
    page = tmp_path / "page.mdx"
    page.write_text(text)
    uri = page.as_uri()

    async def steps(editor: Editor):
        editor.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "mdx", 1, text)))
        [todo] = await editor.diagnostics(uri, 1)
        actions = await editor.ask(editor.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), todo.range, types.CodeActionContext([todo], only=[types.CodeActionKind.QuickFix]),
        )))
        edits = {a.title: a.edit.changes[uri][0] for a in actions}
        line = edits["Disable leftover-todo for this line"]
        assert (line.range.start.line, line.new_text) == (6, "  {/* doclint-disable-next-line leftover-todo */}\n")
        whole = edits["Disable leftover-todo for this file"]
        assert (whole.range.start.line, whole.new_text) == (3, "{/* doclint-disable-file leftover-todo */}\n")

    scenario(tmp_path, steps)


def test_links_complete_go_to_their_heading_and_are_found_from_the_heading(tmp_path):
    (tmp_path / ".git").mkdir()
    target = tmp_path / "setup.md"
    target.write_text("# Setup\n\nText.\n\n## Install the SDK\n\nRun it.\n")
    guide = tmp_path / "guide.md"
    text = "# Guide\n\nSee [the 🎉 install](setup.md#install-the-sdk) first.\n"
    guide.write_text(text)
    (tmp_path / "other.md").write_text("# Other\n\n[Install](setup.md#install-the-sdk)\n")

    async def steps(editor: Editor):
        client = editor.client
        for page, body in ((guide, text), (target, target.read_text())):
            client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(page.as_uri(), "markdown", 1, body)))
        line = text.split("\n")[2]
        inside = types.Position(2, utf16(line[: line.index("setup.md") + 3]))
        where = await editor.ask(client.text_document_definition_async(types.DefinitionParams(types.TextDocumentIdentifier(guide.as_uri()), inside)))
        assert (where.uri, where.range.start.line) == (target.as_uri(), 4)  # the heading's line

        typed = "See [x](setup.md#"
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(2, guide.as_uri()), [types.TextDocumentContentChangeWholeDocument(text + typed)],
        ))
        items = await editor.ask(client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(guide.as_uri()), types.Position(3, utf16(typed)),
        )))
        labels = [item.label for item in (items.items if hasattr(items, "items") else items)]
        assert labels == ["setup.md#setup", "setup.md#install-the-sdk"]

        found = await editor.ask(client.text_document_references_async(types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=False),
            text_document=types.TextDocumentIdentifier(target.as_uri()), position=types.Position(4, 3),
        )))
        assert sorted((Path(to_path(l.uri)).name, l.range.start.line, l.range.start.character) for l in found) == [
            ("guide.md", 2, 5), ("other.md", 2, 1),
        ]

    scenario(tmp_path, steps)


def to_path(uri: str) -> str:
    from pygls.uris import to_fs_path

    return to_fs_path(uri)


def test_a_quick_fix_clears_its_diagnostic_and_a_renamed_heading_breaks_the_links_into_it(tmp_path):
    (tmp_path / ".git").mkdir()
    setup = tmp_path / "setup.md"
    heading = "# Setup\n\nText.\n\n## Install the SDK\n\nRun it.\n"
    setup.write_text(heading)
    guide = tmp_path / "guide.md"
    guide.write_text(PAGE + "\nSee [installing](setup.md#install-the-sdk).\n")
    text = guide.read_text()

    async def steps(editor: Editor):
        client = editor.client
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(guide.as_uri(), "markdown", 1, text)))
        [found] = await editor.diagnostics(guide.as_uri(), 1)
        actions = await editor.ask(client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(guide.as_uri()), found.range, types.CodeActionContext([found]),
        )))
        [edit] = next(a for a in actions if a.title.startswith("Add a period")).edit.changes[guide.as_uri()]
        lines = text.split("\n")
        row = lines[edit.range.start.line]
        at = len(row.encode("utf-16-le")[: 2 * edit.range.start.character].decode("utf-16-le"))
        lines[edit.range.start.line] = row[:at] + edit.new_text + row[at:]
        fixed = "\n".join(lines)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(2, guide.as_uri()), [types.TextDocumentContentChangeWholeDocument(fixed)],
        ))
        assert list(await editor.diagnostics(guide.as_uri(), 2)) == []  # the fix cleared it

        # The linked page is open and its heading renamed, not yet saved: the link breaks.
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(setup.as_uri(), "markdown", 1, heading)))
        await editor.diagnostics(setup.as_uri(), 1)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(2, setup.as_uri()),
            [types.TextDocumentContentChangeWholeDocument(heading.replace("Install the SDK", "Install it"))],
        ))
        [broken] = await editor.diagnostics(guide.as_uri(), 2)
        assert (broken.code, broken.range.start.line) == ("broken-link", 6)
        assert broken.message == "No anchor #install-the-sdk in setup.md"
        assert setup.read_text() == heading  # only the buffer changed

    scenario(tmp_path, steps)


def test_a_warm_session_re_lints_the_changed_page_only_and_judges_the_links_into_it_again(tmp_path, monkeypatch):
    """What the server does on a change (doclint.run.Session): the changed page is parsed and
    linted; another open page keeps its analysis, and only its site findings are judged again."""
    from doclint import boundary, run as running
    from doclint.config import CommandLine, ConfigResolver

    (tmp_path / ".git").mkdir()
    setup, guide = tmp_path / "setup.md", tmp_path / "guide.md"
    heading = "# Setup\n\n## Install the SDK\n\nRun it.\n"
    setup.write_text(heading)
    guide_text = "# Guide\n\nText.\n\nSee [installing](setup.md#install-the-sdk). TODO: more.\n"
    guide.write_text(guide_text)
    boundary.set_current(boundary.Boundary([tmp_path]))
    parsed: list[str] = []
    real_analyse = running.analyse
    monkeypatch.setattr(running, "analyse", lambda doc, rules: parsed.append(doc.path) or real_analyse(doc, rules))
    session, resolver = running.Session(warm=True), ConfigResolver()

    def lint(page, text, buffers):
        session.buffers = {str(path.resolve()): body for path, body in buffers.items()}
        options = running.Options(stdin=text, jobs=1, session=session)
        return [(f.rule, f.line, f.column, f.message) for f in running.run([page], CommandLine(), resolver, options).findings]

    renamed = heading.replace("Install the SDK", "Install it")
    todo = ("leftover-todo", 5, 45, "Leftover TODO marker: resolve it or remove it before publishing")
    assert lint(guide, guide_text, {setup: heading}) == [todo]
    assert lint(setup, renamed, {guide: guide_text}) == []
    parsed.clear()
    # The guide is unchanged: not parsed again, yet its link into the renamed heading breaks.
    assert lint(guide, guide_text, {setup: renamed}) == [("broken-link", 5, 6, "No anchor #install-the-sdk in setup.md"), todo]
    assert parsed == []
    # Its own edit is parsed, and a reset (a file changed on disk) forgets what was kept.
    assert lint(guide, guide_text + "\n", {setup: renamed})[0][0] == "broken-link"
    assert parsed == [str(guide)]
    session.reset()
    assert lint(guide, guide_text + "\n", {setup: heading}) == [todo]
    assert parsed == [str(guide), str(guide)]


def test_edits_sent_back_to_back_end_with_the_diagnostics_of_the_last_one(tmp_path):
    (tmp_path / ".git").mkdir()
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nDone.\n")
    uri = page.as_uri()

    async def steps(editor: Editor):
        client = editor.client
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, "# Page\n\nDone.\n")))
        assert list(await editor.diagnostics(uri, 1)) == []
        # Typing: the first edit after the pause is linted at once, the rest once typing allows;
        # whatever was linted between, the last version's diagnostics come, and are its own.
        for version, text in ((2, "# Page\n\nTODO\n"), (3, "# Page\n\nTODO: a\n"), (4, "# Page\n\nDone.\n\nTODO: b\n")):
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri), [types.TextDocumentContentChangeWholeDocument(text)],
            ))
        [todo] = await editor.diagnostics(uri, 4)
        assert (todo.code, todo.range.start.line, todo.range.start.character) == ("leftover-todo", 4, 0)

    scenario(tmp_path, steps)
