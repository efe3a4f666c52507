#!/usr/bin/env python3
"""The language server's part of the PGO training run (scripts/pgo-build.sh): a session as an
editor holds it, so the profile counts the server's own paths (framing, the incremental
re-analysis of an edit, publishing, the requests) and not only `check`'s. A path the training
never runs is laid out as cold code, so it has to be run here.

    scripts/pgo-train-lsp.py [--record FILE] BINARY REPORT...

Opens every REPORT, types a figure into a table row of the first one and deletes it again, a
character at a time, waiting for the diagnostics of each version as an editor does, asks for
hovers, code actions, symbols, inlay hints and completions, then shuts the server down. Exits
non-zero if the server fails to answer in time or does not exit cleanly. With --record, writes
every answer and every version's diagnostics to FILE, a JSON line each, in the session's order:
two builds given the same session must write the same file.
"""

import json
import os
import pathlib
import subprocess
import sys
import time

# The stdio client of the platform tests (framing, a reader thread, requests from the server
# answered with null).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "platforms"))
from checks import Server as Client, fail  # noqa: E402

TIMEOUT = 20.0


class Server:
    """A session's client: each wait bounded, and what it waited for kept (for --record)."""

    def __init__(self, binary):
        self.client = Client([binary, "lsp"])
        self.proc = self.client.proc
        self.answers = []

    def deadline(self):
        return time.monotonic() + TIMEOUT

    def notify(self, method, params):
        self.client.notify(method, params)

    def request(self, method, params):
        result = self.client.request(method, params, self.deadline())
        self.answers.append({"method": method, "result": result})
        return result

    def diagnostics(self, uri, version):
        """The diagnostics published for `uri` at `version` (earlier messages are passed over:
        the session waits for each version right after making it)."""
        deadline = self.deadline()
        while True:
            message = self.client.receive(deadline, f"diagnostics of version {version}")
            params = message.get("params") or {}
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                self.answers.append(params)
                return params["diagnostics"]


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def main():
    args = sys.argv[1:]
    record = None
    if args[:1] == ["--record"] and len(args) > 1:
        record, args = args[1], args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, reports = args[0], [pathlib.Path(p).resolve() for p in args[1:]]
    server = Server(binary)
    server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    server.notify("initialized", {})
    opened = []
    for path in reports:
        text = path.read_text(encoding="utf-8", errors="replace")
        uri = path.as_uri()
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        found = server.diagnostics(uri, 1)
        opened.append((uri, text, found))

    uri, text, found = opened[0]
    lines = text.split("\n")
    # A table row (or, failing that, the longest line): where a writer types figures.
    row = next((i for i, l in enumerate(lines) if l.count("|") >= 3), None)
    if row is None:
        row = max(range(len(lines)), key=lambda i: len(lines[i]))
    end = utf16_len(lines[row].rstrip("\r"))
    # Ten digits typed at the row's end, then deleted from the last, a keystroke a version.
    typed = "1234567890"
    edits = [(n, n, digit) for n, digit in enumerate(typed)]
    edits += [(n, n + 1, "") for n in reversed(range(len(typed)))]
    for version, (start, stop, new_text) in enumerate(edits, start=2):
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": row, "character": end + start},
                            "end": {"line": row, "character": end + stop},
                        },
                        "text": new_text,
                    }
                ],
            },
        )
        server.diagnostics(uri, version)

    for uri, text, found in opened:
        document = {"uri": uri}
        line_count = text.count("\n") + 1
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": line_count, "character": 0}}
        server.request("textDocument/documentSymbol", {"textDocument": document})
        server.request("textDocument/inlayHint", {"textDocument": document, "range": whole})
        server.request(
            "textDocument/codeAction",
            {"textDocument": document, "range": whole, "context": {"diagnostics": found}},
        )
        for diagnostic in found[:20]:
            server.request(
                "textDocument/hover",
                {"textDocument": document, "position": diagnostic["range"]["start"]},
            )
            server.request(
                "textDocument/codeAction",
                {
                    "textDocument": document,
                    "range": diagnostic["range"],
                    "context": {"diagnostics": [diagnostic]},
                },
            )
        server.request(
            "textDocument/completion",
            {"textDocument": document, "position": {"line": line_count - 1, "character": 0}},
        )

    server.request("shutdown", None)
    server.notify("exit", None)
    try:
        status = server.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        fail("the server did not exit after shutdown and exit")
    if status != 0:
        fail(f"the server exited with status {status}")
    if record:
        with open(record, "w", encoding="utf-8") as out:
            for message in server.answers:
                out.write(json.dumps(message, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
