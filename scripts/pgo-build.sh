#!/usr/bin/env bash
# Builds ogi-lint for this machine with profile-guided optimisation (PGO): the compiler lays out
# and inlines the code by how often each branch ran on real reports, for ≈10% less CPU on a
# folder check than `cargo build --release` (paired runs; README, "Benchmarks").
#
#   scripts/pgo-build.sh           # → target/pgo/ogi-lint
#
# 1. an instrumented release build (target/pgo/instrumented/);
# 2. a training run on reports (the repository's fixtures and examples, not the benchmark
#    corpus): `check` in every output format and both languages, `--fix` on a copy, and a
#    language-server session (scripts/pgo-train-lsp.py: open, type, ask, shut down) — a path
#    the training never runs is laid out as cold code;
# 3. the counts merged into one profile with llvm-profdata (rustup's `llvm-tools` component,
#    installed if missing) and the release build made again with it (target/pgo/optimized/);
# 4. a check that it behaves as the plain release build does: byte-identical output and exit
#    status of `check` on every fixture and example, in every format, and the same answers to
#    the training's language-server session (builds target/release/ogi-lint if needed). A
#    difference fails the script.
#
# Needs python3 (the session's client). For the host target only: a profile fits only the build
# of the target it was recorded on (another target's build names its functions apart), an
# instrumented binary has to run to record one, and the Windows target's Rust standard library
# (x86_64-pc-windows-gnu) has no profiling runtime to record one under Wine.
# Builds run under `nice -n 10`; cargo rebuilds nothing that is up to date, and a training whose
# binary, inputs and scripts are unchanged is not run again. Prints how long each
# step took.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PGO="$ROOT/target/pgo"
HOST="$(rustc -vV | sed -n 's/^host: //p')"
BIN=ogi-lint
[[ "$HOST" == *windows* ]] && BIN=ogi-lint.exe

step() { # step NAME COMMAND...
    local name=$1 t0
    shift
    t0=$(date +%s)
    echo "pgo: ${name}"
    "$@"
    echo "pgo: ${name} took $(($(date +%s) - t0)) s"
}

llvm_profdata() {
    local tool
    tool="$(rustc --print sysroot)/lib/rustlib/$HOST/bin/llvm-profdata"
    if [ ! -x "$tool" ]; then
        rustup component add llvm-tools >&2
    fi
    [ -x "$tool" ] || { echo "pgo: llvm-profdata not found at $tool" >&2; exit 1; }
    echo "$tool"
}

# `--target` keeps RUSTFLAGS off build scripts and proc macros (they are neither instrumented
# nor optimised with a profile that is not theirs).
build() { # build TARGET_DIR RUSTFLAGS
    RUSTFLAGS="$2" nice -n 10 cargo build --locked --release --bin ogi-lint \
        --target "$HOST" --target-dir "$1"
}

# Runs `check` the ways a user does, on every fixture and example. Exit status 0, 1 (findings)
# and 2 (an unreadable file among them) are answers; anything else is a crash.
train() { # train BINARY
    local bin=$1 work status
    work="$(mktemp -d)"
    cp -r tests/fixtures examples "$work/"
    for format in human json sarif; do
        for lang in zh en; do
            status=0
            "$bin" check --format "$format" --lang "$lang" "$work/fixtures" "$work/examples" \
                >/dev/null 2>&1 || status=$?
            [ "$status" -le 2 ] || { echo "pgo: training run failed ($status)" >&2; exit 1; }
        done
    done
    python3 "$ROOT/scripts/pgo-train-lsp.py" "$bin" "$work"/examples/*.md "$work"/fixtures/corpus/*
    status=0
    "$bin" check --fix "$work/fixtures" "$work/examples" >/dev/null 2>&1 || status=$?
    [ "$status" -le 2 ] || { echo "pgo: training run of --fix failed ($status)" >&2; exit 1; }
    rm -rf "$work"
}

# The profile of one training: named by what it depends on — the instrumented binary, the
# training's inputs and its scripts — so that a run with nothing changed reuses it (the counts
# differ a little from run to run with the server's threads, and a new profile means a new
# optimised build). Cargo does not watch a profile, but the flags name it, so a new one is
# always built with.
PROFILE=""

instrumented() {
    local bin key
    build "$PGO/instrumented" "-Cprofile-generate=$PGO/raw"
    bin="$PGO/instrumented/$HOST/release/$BIN"
    key="$(
        {
            sha256sum "$bin" scripts/pgo-build.sh scripts/pgo-train-lsp.py
            find tests/fixtures examples -type f -print0 | sort -z | xargs -0 sha256sum
        } | sha256sum | cut -c1-16
    )"
    PROFILE="$PGO/profiles/$key.profdata"
    if [ -f "$PROFILE" ]; then
        echo "pgo: the profile of this binary and training is there"
        return 0
    fi
    # Only this run's counts (an earlier run's binary may differ).
    rm -rf "$PGO/raw"
    mkdir -p "$PGO/raw" "$PGO/profiles"
    train "$bin"
    "$(llvm_profdata)" merge --sparse -o "$PROFILE.new" "$PGO"/raw/*.profraw
    mv "$PROFILE.new" "$PROFILE"
}

optimized() {
    build "$PGO/optimized" "-Cprofile-use=$PROFILE"
    find "$PGO/profiles" -name '*.profdata' ! -path "$PROFILE" -delete
    cp "$PGO/optimized/$HOST/release/$BIN" "$PGO/$BIN"
}

# The optimised binary must say exactly what the plain build says.
same_as_plain() {
    local plain="$ROOT/target/release/$BIN" a b format status_a status_b
    nice -n 10 cargo build --locked --release --bin ogi-lint
    a="$(mktemp)"
    b="$(mktemp)"
    for format in human json sarif; do
        status_a=0
        status_b=0
        "$plain" check --format "$format" tests/fixtures examples >"$a" 2>&1 || status_a=$?
        "$PGO/$BIN" check --format "$format" tests/fixtures examples >"$b" 2>&1 || status_b=$?
        if [ "$status_a" != "$status_b" ] || ! cmp -s "$a" "$b"; then
            echo "pgo: the PGO build's $format output differs from the plain build's" \
                "(exit $status_b, plain $status_a)" >&2
            diff "$a" "$b" | head -20 >&2 || true
            exit 1
        fi
    done
    # And the same language-server session: every answer and every version's diagnostics.
    python3 scripts/pgo-train-lsp.py --record "$a" "$plain" examples/*.md tests/fixtures/corpus/*
    python3 scripts/pgo-train-lsp.py --record "$b" "$PGO/$BIN" examples/*.md tests/fixtures/corpus/*
    if ! cmp -s "$a" "$b"; then
        echo "pgo: the PGO build answers a language-server session otherwise than the plain build" >&2
        diff "$a" "$b" | head -20 >&2 || true
        exit 1
    fi
    rm -f "$a" "$b"
    echo "pgo: same output as target/release/$BIN on every fixture and example, in every format," \
        "and the same answers in a language-server session"
}

step "instrumented build and training run" instrumented
step "optimised build with the profile" optimized
step "compare with the plain release build" same_as_plain
echo "pgo: built $PGO/$BIN"
