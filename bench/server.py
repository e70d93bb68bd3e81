"""The language server against the command, measured side by side in one run.

    python bench/server.py [--runs N]

For a typical page (chat/rooms/presence.mdx) and the largest page of the Ably corpus: the time
from `didChange` to its `publishDiagnostics` in a warm `doclint server` (the page already open,
the site index built, each edit after a pause in typing, from an editor that reports file
changes), against a whole `doclint check --no-cache PAGE` process. Medians of N; only the ratios
mean anything on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ably-docs"
DOCS = CORPUS / "src" / "pages" / "docs"
PAGES = {"typical": DOCS / "chat" / "rooms" / "presence.mdx", "largest": max(DOCS.rglob("*.mdx"), key=lambda p: p.stat().st_size)}


async def server_times(page: Path, runs: int) -> list[float]:
    client = LanguageClient("bench", "1")
    published: asyncio.Queue = asyncio.Queue()
    client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: published.put_nowait(params))
    client.feature(types.CLIENT_REGISTER_CAPABILITY)(lambda params: None)  # the server asks to watch files
    await client.start_io(sys.executable, "-m", "doclint", "server", cwd=str(CORPUS))
    watching = types.WorkspaceClientCapabilities(did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(workspace=watching), root_uri=CORPUS.as_uri()))
    client.initialized(types.InitializedParams())
    uri, text = page.as_uri(), page.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "mdx", 1, text)))
    await published.get()  # the first lint builds the site index
    times = []
    from doclint.lsp.server import DEBOUNCE

    for version in range(2, runs + 2):
        await asyncio.sleep(2 * DEBOUNCE)  # a pause in typing: the server lints at once
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri), [types.TextDocumentContentChangeWholeDocument(text + "\n" * version)],
        ))
        while (await published.get()).version != version:
            pass
        times.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    return times


def command_times(page: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "doclint", "check", "--no-cache", str(page)], cwd=CORPUS, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"server didChange -> publishDiagnostics, an edit after a pause / doclint check PAGE, medians of {runs}")
    for name, page in PAGES.items():
        server = statistics.median(asyncio.run(server_times(page, runs)))
        command = statistics.median(command_times(page, runs))
        print(f"  {name:8} {page.relative_to(DOCS)} ({page.stat().st_size // 1024} KiB): "
              f"server {server:.3f} s, command {command:.3f} s, ratio {server / command:.2f}")


if __name__ == "__main__":
    os.environ.setdefault("XDG_CACHE_HOME", "/tmp/doclint-bench-xdg")
    main()
