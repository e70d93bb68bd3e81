"""Drive `doclint server` over stdio with plain LSP messages and time an edit's diagnostics.

No LSP client library: the benchmark must measure the server, not a client, and the messages an
editor sends for open-then-type are few (initialize, initialized, didOpen, didChange).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


# What the benchmark's editor says it can do: as VS Code, it reports changes to watched files,
# so the server may keep configs and packs between lints (doclint.lsp.server).
CAPABILITIES = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}


class Server:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "doclint", "server"], cwd=root, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": CAPABILITIES})
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 120) -> dict:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == self.next_id and "method" not in message, timeout)

    def wait(self, wanted, timeout: float = 120) -> dict:
        """The next message `wanted` accepts; requests from the server are answered with null."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if "method" in message and "id" in message:
                self._send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int) -> dict:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            self.process.wait(timeout=30)
        except Exception:  # noqa: BLE001 - a benchmark must not leave a server behind
            self.process.kill()
            self.process.wait()


def change_to_diagnostics(page: Path, root: Path, env: dict[str, str], edits: int, pause: float = 0.0) -> list[float]:
    """Seconds from each `didChange` of `page` (already open and linted: warm) to its
    `publishDiagnostics`, over `edits` successive edits, each sent `pause` seconds after the
    previous one's diagnostics (0: back to back, as fast typing sends them)."""
    server = Server(root, env)
    try:
        uri, text = page.as_uri(), page.read_text(encoding="utf-8")
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "mdx", "version": 1, "text": text}})
        server.diagnostics(uri, 1)  # the first lint builds the site index
        times = []
        for version in range(2, edits + 2):
            time.sleep(pause)
            start = time.perf_counter()
            changed = text + "\nAn added line.\n" * (version % 2)
            server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": changed}]})
            server.diagnostics(uri, version)
            times.append(time.perf_counter() - start)
        return times
    finally:
        server.close()
