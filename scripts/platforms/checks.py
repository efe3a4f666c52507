#!/usr/bin/env python3
"""Checks behind scripts/test-platforms.sh, one subcommand each (Python 3.9+, standard library):

  same-json REF.json OTHER.json [--twins A B] [--absent NAME]
      Two `ogi-lint check --format json` outputs give the same diagnostics for every file.
      The "file" paths are compared with `\\` read as `/` (the Windows binary prints its OS
      separator); everything else must be identical. --twins: the files whose paths end with
      A and B (say, a CRLF copy and the LF original) have the same diagnostics. --absent: no
      file whose path ends with NAME was checked. --backslashes: OTHER's paths use `\\` only.
  lsp --uri URI --text FILE --expect CHECK.json -- COMMAND...
      Runs COMMAND (a server: `ogi-lint lsp` under Wine or qemu) over stdio: initialize,
      initialized, didOpen(URI, the text of FILE), waits for publishDiagnostics for exactly URI
      and compares them with the diagnostics CHECK.json (the CLI's output for FILE) has, then
      shutdown and exit; the server must exit with status 0.
  macho FILE ARCH
      FILE is a 64-bit Mach-O executable for ARCH (x86_64 or arm64), read from its header.
  pe FILE
      FILE is an x86-64 PE executable that imports only system DLLs (no mingw runtime DLL).
  vsix FILE PLATFORM BINARY
      The .vsix is for PLATFORM and carries exactly BINARY (byte for byte) in extension/server/,
      named ogi-lint.exe on Windows and ogi-lint elsewhere, next to the bundled extension.

Each prints one line saying what it checked, or why it failed (exit status 1).
"""

import argparse
import hashlib
import json
import os
import queue
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections import OrderedDict


def fail(message):
    print(f"FAILED: {message}")
    sys.exit(1)


# ------------------------------------------------------------------------------ same-json
def by_file(path, backslashes=False):
    with open(path, encoding="utf-8") as f:
        diagnostics = json.load(f)
    if backslashes:
        slashed = sorted({d["file"] for d in diagnostics if "/" in d.get("file", "")})
        if slashed:
            fail(f"{path}: paths with / where the system separator is \\: {slashed}")
    files = OrderedDict()
    for d in diagnostics:
        name = d.get("file", "").replace("\\", "/")
        entry = {k: v for k, v in d.items() if k != "file"}
        # Related places in the same file name it as `file` does (with the system's
        # separator); read them as "this file", so copies and systems compare equal.
        for related in entry.get("relatedInformation", []):
            location = related.get("location", {})
            if location.get("uri", "").replace("\\", "/") == name:
                location["uri"] = "<this file>"
        files.setdefault(name, []).append(entry)
    return files


def same_json(args):
    ref, other = by_file(args.ref), by_file(args.other, args.backslashes)
    if sorted(ref) != sorted(other):
        only_ref = sorted(set(ref) - set(other))
        only_other = sorted(set(other) - set(ref))
        fail(f"different files: only in {args.ref}: {only_ref}; only in {args.other}: {only_other}")
    for name, diagnostics in ref.items():
        if diagnostics != other[name]:
            for i, (a, b) in enumerate(zip(diagnostics, other[name])):
                if a != b:
                    fail(f"{name}: diagnostic {i} differs:\n  {a}\n  {b}")
            fail(f"{name}: {len(diagnostics)} vs {len(other[name])} diagnostics")
    notes = ""
    if args.twins:
        found = [[n for n in ref if n.endswith(suffix)] for suffix in args.twins]
        if [len(f) for f in found] != [1, 1]:
            fail(f"--twins {args.twins}: found {found}")
        a, b = (ref[f[0]] for f in found)
        if not a or a != b:
            fail(f"{found[0][0]} and {found[1][0]} do not have the same (non-empty) diagnostics")
        notes += f"; {len(a)} identical for {args.twins[0]} and {args.twins[1]}"
    if args.absent:
        checked = [n for n in ref if n.endswith(args.absent)]
        if checked:
            fail(f"checked although excluded: {checked}")
        notes += f"; no {args.absent}"
    if args.backslashes:
        notes += "; paths with \\ only"
    count = sum(len(v) for v in ref.values())
    print(f"ok: same {count} diagnostics in {len(ref)} files{notes}")


# ------------------------------------------------------------------------------ lsp
class Server:
    """A language server over stdio: framed JSON-RPC out, a reader thread queueing what comes in."""

    def __init__(self, command):
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.incoming = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.incoming.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                self.incoming.put(None)
                return
            self.incoming.put(json.loads(out.read(length).decode("utf-8")))

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message), ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def receive(self, deadline, what):
        """The next message that is not a server request (those are answered with null)."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                fail(f"timed out waiting for {what}")
            try:
                message = self.incoming.get(timeout=left)
            except queue.Empty:
                fail(f"timed out waiting for {what}")
            if message is None:
                fail(f"the server closed its output while we waited for {what}")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            return message

    def request(self, method, params, deadline):
        self.next_id += 1
        my_id = self.next_id
        self.send({"id": my_id, "method": method, "params": params})
        while True:
            message = self.receive(deadline, f"the answer to {method}")
            if message.get("id") == my_id and "method" not in message:
                if "error" in message:
                    fail(f"{method} failed: {message['error']}")
                return message.get("result")


def lsp_fields(d):
    return {k: d.get(k) for k in ("range", "severity", "code", "source", "message")}


def lsp(args):
    with open(args.text, encoding="utf-8", newline="") as f:
        text = f.read()
    with open(args.expect, encoding="utf-8") as f:
        expected = [lsp_fields(d) for d in json.load(f)]
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    started = time.monotonic()
    deadline = started + args.timeout
    server = Server(command)
    try:
        init = server.request(
            "initialize",
            {"processId": None, "rootUri": None, "capabilities": {}, "clientInfo": {"name": "checks.py"}},
            deadline,
        )
        if "capabilities" not in (init or {}):
            fail(f"initialize gave no capabilities: {init}")
        server.notify("initialized", {})
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": args.uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        while True:
            message = server.receive(deadline, f"publishDiagnostics for {args.uri}")
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params.get("uri") != args.uri:
                fail(f"diagnostics published for {params.get('uri')!r}, not for {args.uri!r}")
            if params.get("version") == 1:
                got = [lsp_fields(d) for d in params["diagnostics"]]
                break
        if got != expected:
            for i, (a, b) in enumerate(zip(expected, got)):
                if a != b:
                    fail(f"diagnostic {i} differs from the CLI's:\n  cli {a}\n  lsp {b}")
            fail(f"{len(got)} diagnostics, the CLI gives {len(expected)}")
        server.request("shutdown", None, deadline)
        server.notify("exit", None)
        try:
            status = server.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            fail("the server did not exit after shutdown and exit")
        if status != 0:
            fail(f"the server exited with status {status} after shutdown and exit")
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
    took = time.monotonic() - started
    print(f"ok: LSP session: {len(got)} diagnostics for {args.uri} equal the CLI's; clean exit ({took:.1f} s)")


# ------------------------------------------------------------------------------ macho / pe
MACHO_CPU = {"x86_64": 0x01000007, "arm64": 0x0100000C}


LC_CODE_SIGNATURE = 0x1D


def macho(args):
    with open(args.file, "rb") as f:
        data = f.read()
    if len(data) < 32:
        fail(f"{args.file}: too short for a Mach-O header")
    magic, cputype, _subtype, filetype, ncmds = struct.unpack_from("<IiiII", data)
    if magic != 0xFEEDFACF:
        fail(f"{args.file}: magic {magic:#x} is not a 64-bit little-endian Mach-O (0xfeedfacf)")
    if cputype != MACHO_CPU[args.arch]:
        fail(f"{args.file}: CPU type {cputype:#x}, expected {MACHO_CPU[args.arch]:#x} ({args.arch})")
    if filetype != 2:
        fail(f"{args.file}: file type {filetype}, expected 2 (MH_EXECUTE)")
    commands, offset = [], 32
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, offset)
        commands.append(cmd)
        offset += size
    # macOS on Apple silicon kills an arm64 program that carries no code signature; the linker
    # signs it ad hoc, which is all a program that is not downloaded on its own needs.
    signed = LC_CODE_SIGNATURE in commands
    if args.arch == "arm64" and not signed:
        fail(f"{args.file}: no code signature (LC_CODE_SIGNATURE): macOS on arm64 would not run it")
    target = os.path.basename(os.path.dirname(os.path.dirname(args.file)))
    print(f"ok: {target}: Mach-O 64-bit executable, {args.arch}, {'with a code signature' if signed else 'no code signature'}")


# DLLs that come with mingw, not with Windows: a binary that needs one does not start on a
# user's machine.
MINGW_RUNTIME_DLLS = ("libgcc_s_seh-1.dll", "libwinpthread-1.dll", "libstdc++-6.dll")


def pe(args):
    with open(args.file, "rb") as f:
        data = f.read()
    if data[:2] != b"MZ":
        fail(f"{args.file}: no MZ header")
    offset = struct.unpack_from("<I", data, 0x3C)[0]
    if data[offset : offset + 4] != b"PE\0\0":
        fail(f"{args.file}: no PE signature")
    machine = struct.unpack_from("<H", data, offset + 4)[0]
    if machine != 0x8664:
        fail(f"{args.file}: machine {machine:#x}, expected 0x8664 (x86-64)")
    dlls = import_dlls(data, offset)
    bad = [d for d in dlls if d.lower() in MINGW_RUNTIME_DLLS]
    if bad:
        fail(f"{args.file} needs mingw runtime DLLs that Windows does not have: {bad}")
    print(f"ok: PE x86-64 executable; imports {', '.join(dlls)}")


def import_dlls(data, pe_offset):
    """The DLL names in the PE import directory (PE32+ only)."""
    coff = pe_offset + 4
    sections_count = struct.unpack_from("<H", data, coff + 2)[0]
    optional_size = struct.unpack_from("<H", data, coff + 16)[0]
    optional = coff + 20
    if struct.unpack_from("<H", data, optional)[0] != 0x20B:
        fail("not a PE32+ image")
    import_rva = struct.unpack_from("<I", data, optional + 112 + 8)[0]
    sections = []
    table = optional + optional_size
    for i in range(sections_count):
        s = table + 40 * i
        vsize, vaddr, _raw_size, raw_ptr = struct.unpack_from("<IIII", data, s + 8)
        sections.append((vaddr, max(vsize, _raw_size), raw_ptr))

    def file_offset(rva):
        for vaddr, size, raw in sections:
            if vaddr <= rva < vaddr + size:
                return rva - vaddr + raw
        fail(f"RVA {rva:#x} is in no section")

    names = []
    entry = file_offset(import_rva)
    while True:
        name_rva = struct.unpack_from("<I", data, entry + 12)[0]
        if name_rva == 0:
            return names
        start = file_offset(name_rva)
        names.append(data[start : data.index(b"\0", start)].decode("ascii"))
        entry += 20


# ------------------------------------------------------------------------------ vsix
def vsix(args):
    name = "ogi-lint.exe" if args.platform.startswith("win32-") else "ogi-lint"
    with open(args.binary, "rb") as f:
        want = hashlib.sha256(f.read()).hexdigest()
    with zipfile.ZipFile(args.file) as z:
        names = z.namelist()
        servers = [n for n in names if n.startswith("extension/server/")]
        if servers != [f"extension/server/{name}"]:
            fail(f"{args.file}: server/ holds {servers}, expected exactly extension/server/{name}")
        if hashlib.sha256(z.read(servers[0])).hexdigest() != want:
            fail(f"{args.file}: {servers[0]} is not {args.binary}")
        for needed in ("extension/package.json", "extension/dist/extension.js"):
            if needed not in names:
                fail(f"{args.file}: {needed} is missing")
        manifest = z.read("extension.vsixmanifest").decode("utf-8")
        if f'TargetPlatform="{args.platform}"' not in manifest:
            fail(f"{args.file}: the manifest does not say TargetPlatform=\"{args.platform}\"")
    size = os.path.getsize(args.file) / 1e6
    print(f"ok: {os.path.basename(args.file)}: {args.platform}, carries server/{name} ({size:.1f} MB)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="check", required=True)
    p = sub.add_parser("same-json")
    p.add_argument("ref")
    p.add_argument("other")
    p.add_argument("--twins", nargs=2, metavar=("A", "B"))
    p.add_argument("--absent", metavar="NAME")
    p.add_argument("--backslashes", action="store_true")
    p.set_defaults(run=same_json)
    p = sub.add_parser("lsp")
    p.add_argument("--uri", required=True)
    p.add_argument("--text", required=True)
    p.add_argument("--expect", required=True)
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("command", nargs=argparse.REMAINDER)
    p.set_defaults(run=lsp)
    p = sub.add_parser("macho")
    p.add_argument("file")
    p.add_argument("arch", choices=sorted(MACHO_CPU))
    p.set_defaults(run=macho)
    p = sub.add_parser("pe")
    p.add_argument("file")
    p.set_defaults(run=pe)
    p = sub.add_parser("vsix")
    p.add_argument("file")
    p.add_argument("platform")
    p.add_argument("binary")
    p.set_defaults(run=vsix)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
