#!/usr/bin/env python3
"""The language server's part of the PGO training run (scripts/pgo-build.sh): a session as an
editor holds it, so the profile counts the server's own paths (framing, the incremental
re-analysis of an edit, publishing, the requests) and not only `check`'s. A path the training
never runs is laid out as cold code, so it has to be run here.

    scripts/pgo-train-lsp.py BINARY REPORT...

Opens every REPORT, types a figure into a table row of the first one and deletes it again, a
character at a time, waiting for the diagnostics of each version as an editor does, asks for
hovers, code actions, symbols, inlay hints and completions, then shuts the server down. Exits
non-zero if the server fails to answer in time or does not exit cleanly.
"""

import json
import pathlib
import subprocess
import sys
import threading
import time

TIMEOUT = 20.0


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages = []
        self.cond = threading.Condition()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if length is None:
                return
            message = json.loads(out.read(length))
            with self.cond:
                self.messages.append(message)
                self.cond.notify_all()

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        id_ = self.next_id
        self.next_id += 1
        self.send({"id": id_, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == id_ and "method" not in m)

    def wait(self, matches):
        deadline = time.monotonic() + TIMEOUT
        with self.cond:
            while True:
                for i, message in enumerate(self.messages):
                    if matches(message):
                        del self.messages[i]
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    sys.exit("pgo-train-lsp: no answer in time")
                self.cond.wait(left)

    def diagnostics(self, uri, version):
        return self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, reports = sys.argv[1], [pathlib.Path(p).resolve() for p in sys.argv[2:]]
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
        found = server.diagnostics(uri, 1)["params"]["diagnostics"]
        opened.append((uri, text, found))

    uri, text, found = opened[0]
    lines = text.split("\n")
    # A table row (or, failing that, the longest line): where a writer types figures.
    row = next((i for i, l in enumerate(lines) if l.count("|") >= 3), None)
    if row is None:
        row = max(range(len(lines)), key=lambda i: len(lines[i]))
    end = utf16_len(lines[row].rstrip("\r"))
    version = 1
    typed = "1234567890"
    for n, digit in enumerate(typed):
        version += 1
        at = {"line": row, "character": end + n}
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": digit}],
            },
        )
        server.diagnostics(uri, version)
    for n in reversed(range(len(typed))):
        version += 1
        start = {"line": row, "character": end + n}
        stop = {"line": row, "character": end + n + 1}
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": start, "end": stop}, "text": ""}],
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
        sys.exit("pgo-train-lsp: the server did not exit")
    if status != 0:
        sys.exit(f"pgo-train-lsp: the server exited with {status}")


if __name__ == "__main__":
    main()
