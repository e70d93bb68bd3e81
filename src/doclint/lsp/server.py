"""The doclint language server: diagnostics while typing, quick fixes, rule docs on hover.

Lints on open, on save, and on change: at once when the page was not linted in the last
`DEBOUNCE` seconds, else when that much time has passed since its last lint (while typing goes
on, at most one lint per `DEBOUNCE`, and always of the latest version: a lint that a newer edit
overtook is dropped). A change re-lints the changed page; the other open pages keep their
analyses and only their site findings are judged again (a link into the page just edited). Diagnostics
are pushed, or pulled where the client asks for them (`textDocument/diagnostic`), never both.
A broken config becomes one diagnostic at the top of the page and a message; a failure while
linting becomes a message, never a crashed server. Links are an editor feature too
(doclint.lsp.links): completion of pages and `#anchors` in a link's destination, go to a link's
page and heading, and the links of the site into a heading. Every change to a watched file (a config,
`.doclint-style.toml`, a pack, another page) re-lints the open pages, since links, style and
figures depend on them. With an editor that reports such changes, configs, packs, site profiles
and saved styles are read once and kept until one changes (doclint.run.Session); with one that
does not, every lint reads them again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from doclint import DOCS_URL, __version__
from doclint.lsp import convert

DEBOUNCE = 0.3  # seconds between two lints of a page while typing goes on
FIX_ALL = "source.fixAll.doclint"
log = logging.getLogger(__name__)


class DoclintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("doclint", __version__)
        self.pending: dict[str, asyncio.Task] = {}
        self.linted_at: dict[str, float] = {}  # uri -> when its last lint ended (time.monotonic)
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        from doclint.run import Session

        # The site index and the pages' facts live across lints, until a watched file changes.
        self.session = Session()
        self.resolver = None  # the configs, kept in a warm session (the editor reports changes)

    # --- linting ----------------------------------------------------------------------------

    def _run(self, uri: str, text: str, fix: bool = False):
        """`doclint check - --stdin-filename PATH` on the buffer: its outcome, or an error line."""
        from doclint import boundary
        from doclint.config import CommandLine, ConfigError, ConfigResolver
        from doclint.registry import RegistryError
        from doclint.run import FixMode, Options, run
        from doclint.style import StyleError

        path = Path(to_fs_path(uri) or "")
        boundary.set_current(boundary.Boundary([boundary.project_root(path)]))
        root = self.workspace.root_path
        cache = Path(root) / ".doclint_cache" if root else None
        self.session.buffers = {
            os.path.realpath(to_fs_path(other)): document.source
            for other, document in self.workspace.text_documents.items()
            if other.startswith("file:") and other != uri
        }
        options = Options(stdin=text, jobs=1, cache_dir=cache, fix=FixMode(write=True) if fix else None, session=self.session)
        resolver = self.resolver or ConfigResolver()
        if self.session.warm:
            self.resolver = resolver
        try:
            return run([path], CommandLine(), resolver, options)
        except (ConfigError, RegistryError, StyleError) as error:
            return str(error)

    def lint(self, uri: str) -> list[types.Diagnostic]:
        document = self.workspace.get_text_document(uri)
        if not uri.startswith("file:"):
            return []  # an untitled buffer has no folder, config or site
        try:
            outcome = self._run(uri, document.source)
        except Exception as error:  # noqa: BLE001 - one page must never take the server down
            log.exception("lint failed")
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"doclint failed on {uri}: {type(error).__name__}: {error}"))
            return []
        if isinstance(outcome, str):  # a broken config: say where, on the page and once aloud
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"doclint: {outcome}"))
            found = [types.Diagnostic(types.Range(types.Position(0, 0), types.Position(0, 0)), outcome, types.DiagnosticSeverity.Error, code="config", source="doclint")]
        else:
            found = [convert.diagnostic(document, finding, DOCS_URL) for finding in outcome.findings]
        self.diagnostics[uri] = found
        return found

    def publish(self, uri: str) -> None:
        found = self.lint(uri)
        self.linted_at[uri] = time.monotonic()
        if not self._pulls():
            version = self.workspace.get_text_document(uri).version
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version))

    def _pulls(self) -> bool:
        """Whether the client pulls diagnostics (then pushing them too would show each twice)."""
        document = self.client_capabilities.text_document
        return bool(document and document.diagnostic)

    async def later(self, uri: str, version: int | None, wait: float) -> None:
        await asyncio.sleep(wait)
        document = self.workspace.get_text_document(uri)
        if document.version == version:  # a newer edit has its own lint coming
            self.publish(uri)

    def schedule(self, uri: str) -> None:
        """Lint the page now if it was not linted in the last DEBOUNCE seconds, else once that
        much time has passed since: an edit after a pause shows its diagnostics at once, and
        typing costs at most one lint per DEBOUNCE."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        version = self.workspace.get_text_document(uri).version
        wait = max(0.0, self.linted_at.get(uri, float("-inf")) + DEBOUNCE - time.monotonic())
        self.pending[uri] = asyncio.get_running_loop().create_task(self.later(uri, version, wait))


server = DoclintServer()


# What a lint depends on besides the page: other pages (links, style, figures), configs (any
# `.toml`: a config may `extend` a shared one of any name), saved styles and packs, and what
# site profiles read (generators' `*.config.js`, `mkdocs.yml`, route lists such as Ably's
# `non-markdown-routes.txt`): a warm session keeps all of it until one changes.
WATCHED = ("**/*.{md,mdx,markdown}", "**/*.toml", "**/*.{yaml,yml}", "**/*.config.{js,mjs,cjs,ts,mts}", "**/*.txt")


@server.feature(types.INITIALIZED)
def initialized(ls: DoclintServer, params: types.InitializedParams) -> None:
    """Ask the client to tell us when those files change, where it lets servers ask."""
    workspace = ls.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace else None
    if watching and watching.dynamic_registration:
        ls.session.warm = True  # told of every change to what a lint reads besides the buffers
        ls.client_register_capability(types.RegistrationParams([types.Registration(
            "doclint-watched-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(glob) for glob in WATCHED]),
        )]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: DoclintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: DoclintServer, params: types.DidChangeTextDocumentParams) -> None:
    # The page first, then the other open pages: their links may point into its headings (they
    # keep their analyses: only their site findings are judged again).
    changed = params.text_document.uri
    for uri in [changed, *(other for other in ls.workspace.text_documents if other != changed)]:
        ls.schedule(uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: DoclintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: DoclintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.diagnostics.pop(uri, None)
    ls.linted_at.pop(uri, None)
    if uri.startswith("file:"):
        from doclint import site

        path = os.path.realpath(to_fs_path(uri))
        site.forget(path)  # the file, not the closed buffer, is the page now
        ls.session.forget(path)
    if not ls._pulls():
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched_files_changed(ls: DoclintServer, params: types.DidChangeWatchedFilesParams) -> None:
    from doclint import site

    site.new_run()  # pages may have come or gone: the index is built again at the next lint
    ls.session.reset()  # and configs, packs, profiles, styles and pages are read again
    ls.resolver = None
    for uri in list(ls.workspace.text_documents):
        ls.publish(uri)


@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(inter_file_dependencies=True, workspace_diagnostics=False))
def pull_diagnostics(ls: DoclintServer, params: types.DocumentDiagnosticParams) -> types.RelatedFullDocumentDiagnosticReport:
    return types.RelatedFullDocumentDiagnosticReport(items=ls.lint(params.text_document.uri))


# --- code actions ------------------------------------------------------------------------------


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_actions(ls: DoclintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    mdx = uri.lower().endswith(".mdx")
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    if not wanted or any(str(kind).startswith(types.CodeActionKind.QuickFix) for kind in wanted):
        disabled: set[tuple[str, int]] = set()
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != "doclint" or not isinstance(diagnostic.data, dict):
                continue
            rule = diagnostic.data.get("rule", str(diagnostic.code))
            fix = diagnostic.data.get("fix")
            if fix:
                title = f"{fix['description'] or 'Fix'} ({rule})" + ("" if fix["safe"] else " [unsafe: review it]")
                actions.append(types.CodeAction(
                    title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=fix["safe"],
                    edit=types.WorkspaceEdit(changes={uri: convert.fix_edits(document, fix)}),
                ))
            line = diagnostic.range.start.line + 1
            if (rule, line) not in disabled:
                disabled.add((rule, line))
                actions.append(types.CodeAction(
                    f"Disable {rule} for this line", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: convert.disable_line_edits(document, line, rule, mdx)}),
                ))
                actions.append(types.CodeAction(
                    f"Disable {rule} for this file", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: [convert.disable_file_edit(document, rule, mdx)]}),
                ))
    if not wanted or any(FIX_ALL.startswith(str(kind)) for kind in wanted):
        fixed = _fix_all(ls, uri, document)
        if fixed is not None:
            actions.append(types.CodeAction(
                "Fix all safe doclint problems in this file", kind=FIX_ALL,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(convert.whole_document(document), fixed)]}),
            ))
    return actions


def _fix_all(ls: DoclintServer, uri: str, document) -> str | None:
    """The page with every safe fix applied, as `doclint check --fix` would leave it, or None."""
    if not uri.startswith("file:"):
        return None
    outcome = ls._run(uri, document.source, fix=True)
    if isinstance(outcome, str) or outcome.stdin_text is None or outcome.stdin_text == document.source:
        return None
    return outcome.stdin_text


# --- links -----------------------------------------------------------------------------------------


def _page(uri: str) -> Path | None:
    return Path(to_fs_path(uri)) if uri.startswith("file:") else None


def _location(path: Path, text: str, start: int, end: int) -> types.Location:
    """A span of a page's text (character offsets) as a location, in UTF-16 units."""
    def at(offset: int) -> types.Position:
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        row = text.split("\n")[line] if line < text.count("\n") + 1 else ""
        return types.Position(line, len(row[:column].encode("utf-16-le")) // 2)

    return types.Location(path.as_uri(), types.Range(at(start), at(end)))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["(", "/", "#"]))
def complete(ls: DoclintServer, params: types.CompletionParams) -> list[types.CompletionItem]:
    path = _page(params.text_document.uri)
    if path is None:
        return []
    from doclint.lsp import links

    document = ls.workspace.get_text_document(params.text_document.uri)
    line = document.lines[params.position.line] if params.position.line < len(document.lines) else ""
    before = line[: document.position_codec.position_from_client_units(document.lines, params.position).character]
    typed = links._TYPING.search(before)
    found = links.completions(path, document.source, before)
    start = types.Position(params.position.line, params.position.character - (len(typed.group(1).encode("utf-16-le")) // 2 if typed else 0))
    return [
        types.CompletionItem(label, kind=types.CompletionItemKind.Reference if "#" in label else types.CompletionItemKind.File,
                             text_edit=types.TextEdit(types.Range(start, params.position), label))
        for label in found
    ]


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def go_to_definition(ls: DoclintServer, params: types.DefinitionParams) -> types.Location | None:
    path = _page(params.text_document.uri)
    if path is None:
        return None
    from doclint.lsp import links

    document = ls.workspace.get_text_document(params.text_document.uri)
    found = links.definition(path, document.source, document.offset_at_position(params.position))
    if found is None:
        return None
    target, line = found
    return types.Location(target.as_uri(), types.Range(types.Position(line - 1, 0), types.Position(line - 1, 0)))


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def find_references(ls: DoclintServer, params: types.ReferenceParams) -> list[types.Location]:
    """The links into the heading under the cursor, from every page of the site."""
    path = _page(params.text_document.uri)
    if path is None:
        return []
    from doclint.lsp import links

    document = ls.workspace.get_text_document(params.text_document.uri)
    found = []
    for page, start, end in links.references(path, document.source, params.position.line + 1):
        text = document.source if page == Path(os.path.realpath(path)) else page.read_text(encoding="utf-8", errors="replace")
        found.append(_location(page, text, start, end))
    return found


# --- rule documentation ------------------------------------------------------------------------


def rule_docs(name: str) -> str | None:
    """The rule's page, as `doclint rule NAME --format markdown` prints it (doclint.ruledocs)."""
    from doclint import ruledocs

    rule = ruledocs.find(name)
    return ruledocs.page(rule) if rule is not None else None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: DoclintServer, params: types.HoverParams) -> types.Hover | None:
    at = params.position
    for diagnostic in ls.diagnostics.get(params.text_document.uri, []):
        start, end = diagnostic.range.start, diagnostic.range.end
        if (start.line, start.character) <= (at.line, at.character) <= (end.line, end.character):
            docs = rule_docs(str(diagnostic.code))
            if docs:
                return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, docs), diagnostic.range)
    return None


@server.command("doclint.rule")
def rule_command(ls: DoclintServer, *arguments) -> str | None:
    """`doclint rule NAME` for editors: the rule's documentation as Markdown."""
    names = [a for a in arguments if isinstance(a, str)] or [a for group in arguments if isinstance(group, list) for a in group]
    return rule_docs(names[0]) if names else None


def main() -> None:
    server.start_io()
