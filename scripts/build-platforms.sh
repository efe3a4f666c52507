#!/usr/bin/env bash
# Builds ogi-lint for every platform we ship, and one VS Code extension (.vsix) per platform:
#
#   scripts/build-platforms.sh                 # all five platforms
#   scripts/build-platforms.sh win32-x64 ...   # only these (VS Code platform names)
#   scripts/build-platforms.sh --binaries-only # skip the .vsix files
#   scripts/build-platforms.sh --quick         # for tests only (CI): see below
#   scripts/build-platforms.sh --no-pgo        # linux-x64 without profile-guided optimisation
#
# | VS Code platform | Rust target                | built with                                    |
# |------------------|----------------------------|-----------------------------------------------|
# | linux-x64        | x86_64-unknown-linux-gnu   | scripts/pgo-build.sh (the host, with PGO)     |
# | linux-arm64      | aarch64-unknown-linux-gnu  | Debian gcc-aarch64-linux-gnu as the linker    |
# | win32-x64        | x86_64-pc-windows-gnu      | Debian gcc-mingw-w64-x86-64-win32             |
# | darwin-x64       | x86_64-apple-darwin        | cargo zigbuild (PyPI ziglang, cargo-zigbuild) |
# | darwin-arm64     | aarch64-apple-darwin       | cargo zigbuild                                |
#
# Binaries: target/<rust target>/release/ogi-lint[.exe] (linux-x64: target/pgo/ogi-lint, built
# with profile-guided optimisation, ≈10–12% less CPU; with --no-pgo or --quick it is the plain
# target/release/ogi-lint). Only the host gets PGO: a profile is recorded by running the
# instrumented binary, and one recorded here does not fit another target's build (its
# functions are named apart), nor does the Windows target's standard library have the
# profiling runtime to record one under Wine.
# Extensions: editors/vscode/dist/ogi-lint-<platform>.vsix, each carrying its binary as
# server/ogi-lint (server/ogi-lint.exe on Windows).
#
# --quick builds the four cross targets unoptimised and without debug information (the cargo
# profile `quick-cross`, defined on the command line below; binaries in
# target/<rust target>/quick-cross/), in about half the CPU time of release builds, builds
# linux-x64 without PGO (CI checks the PGO build on its own), and writes
# the .vsix files to target/platforms-test/vsix/ instead of dist/: they are for
# `scripts/test-platforms.sh --quick`, never for users. linux-x64 stays the release build.
#
# On a fresh Debian 12 x86-64 machine it installs what it needs: the Debian cross linkers, the
# rustup targets, ziglang + cargo-zigbuild into a venv under $OGI_PLATFORMS_CACHE (default
# ~/.cache/ogi-lint-platforms), and the extension's npm dependencies. Each install is skipped
# when it is already there, and cargo rebuilds nothing that is up to date, so a second run takes
# seconds. Builds run under `nice -n 10`. Prints how long each step took.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VSCODE="$ROOT/editors/vscode"
CACHE="${OGI_PLATFORMS_CACHE:-$HOME/.cache/ogi-lint-platforms}"
ZIG_VENV="$CACHE/zig-venv"
# Pinned: the macOS builds were tried with these versions.
ZIGLANG_VERSION=0.15.2
CARGO_ZIGBUILD_VERSION=0.24.1

ALL_PLATFORMS=(linux-x64 linux-arm64 win32-x64 darwin-x64 darwin-arm64)

rust_target() { # rust_target PLATFORM
  case "$1" in
    linux-x64) echo x86_64-unknown-linux-gnu ;;
    linux-arm64) echo aarch64-unknown-linux-gnu ;;
    win32-x64) echo x86_64-pc-windows-gnu ;;
    darwin-x64) echo x86_64-apple-darwin ;;
    darwin-arm64) echo aarch64-apple-darwin ;;
    *) return 1 ;;
  esac
}

usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

PLATFORMS=()
VSIX=1
QUICK=0
PGO=1
for arg in "$@"; do
  case "$arg" in
    --binaries-only) VSIX=0 ;;
    --quick) QUICK=1 PGO=0 ;;
    --no-pgo) PGO=0 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "build-platforms: unknown option $arg" >&2; usage >&2; exit 2 ;;
    *)
      rust_target "$arg" >/dev/null || {
        echo "build-platforms: unknown platform '$arg' (expected one of: ${ALL_PLATFORMS[*]})" >&2
        exit 2
      }
      PLATFORMS+=("$arg")
      ;;
  esac
done
[ ${#PLATFORMS[@]} -gt 0 ] || PLATFORMS=("${ALL_PLATFORMS[@]}")

if [ $QUICK -eq 1 ]; then
  PROFILE=quick-cross
  # Defined here rather than in Cargo.toml: it exists for these tests only.
  PROFILE_ARGS=(--config 'profile.quick-cross.inherits="dev"' --config 'profile.quick-cross.debug=false'
    --profile quick-cross)
  VSIX_DIR="$ROOT/target/platforms-test/vsix"
else
  PROFILE=release
  PROFILE_ARGS=(--release)
  VSIX_DIR="$VSCODE/dist"
fi

# The binary built for PLATFORM.
binary_path() { # binary_path PLATFORM
  case "$1" in
    linux-x64)
      if [ $PGO -eq 1 ]; then echo "$ROOT/target/pgo/ogi-lint"; else echo "$ROOT/target/release/ogi-lint"; fi
      ;;
    win32-x64) echo "$ROOT/target/$(rust_target "$1")/$PROFILE/ogi-lint.exe" ;;
    *) echo "$ROOT/target/$(rust_target "$1")/$PROFILE/ogi-lint" ;;
  esac
}

wants() { # wants PLATFORM... : true if any of them was asked for
  local p q
  for p in "$@"; do
    for q in "${PLATFORMS[@]}"; do [ "$p" = "$q" ] && return 0; done
  done
  return 1
}

T_START=$(date +%s)
step() { # step NAME COMMAND... : runs and times one step; stops the script if it fails
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  echo "::: platforms: $name"
  "$@"
  echo "::: platforms: $name took $(($(date +%s) - t0)) s"
}

# ---------------------------------------------------------------- installs
install_debian_packages() {
  local wanted=() missing=() p
  wants win32-x64 && wanted+=(gcc-mingw-w64-x86-64-win32)
  wants linux-arm64 && wanted+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "apt: all present"
    return 0
  fi
  echo "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_rust_targets() {
  local installed missing=() p t
  installed=$(rustup target list --installed)
  for p in "${PLATFORMS[@]}"; do
    [ "$p" = linux-x64 ] && continue
    t=$(rust_target "$p")
    grep -qx "$t" <<<"$installed" || missing+=("$t")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "rustup: all targets present"
    return 0
  fi
  rustup target add "${missing[@]}"
}

install_zig() {
  local stamp="$ZIG_VENV/.ogi-versions" want="ziglang==$ZIGLANG_VERSION cargo-zigbuild==$CARGO_ZIGBUILD_VERSION"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$ZIG_VENV/bin/cargo-zigbuild" ]; then
    echo "zig: $want present"
    return 0
  fi
  rm -rf "$ZIG_VENV"
  python3 -m venv "$ZIG_VENV"
  # shellcheck disable=SC2086 # $want is two requirement specifiers
  "$ZIG_VENV/bin/pip" install -q --disable-pip-version-check $want
  echo "$want" >"$stamp"
}

install_npm_deps() {
  # The same stamp as .ci/editors.sh: `npm ci` only when the lock file changed.
  local stamp="$VSCODE/node_modules/.ogi-lock-sha256" want
  want=$(cat "$VSCODE/package-lock.json" "$VSCODE/package.json" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "npm: up to date"
    return 0
  fi
  (cd "$VSCODE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

# ---------------------------------------------------------------- builds
build_host() {
  if [ $PGO -eq 1 ]; then
    "$ROOT/scripts/pgo-build.sh"
  else
    nice -n 10 cargo build --locked --release --bin ogi-lint
  fi
}

build_gnu_cross() { # Windows and Linux arm64 in one cargo run: the host-side crates are shared
  local args=()
  wants win32-x64 && args+=(--target x86_64-pc-windows-gnu)
  wants linux-arm64 && args+=(--target aarch64-unknown-linux-gnu)
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
    nice -n 10 cargo build --locked "${PROFILE_ARGS[@]}" --bin ogi-lint "${args[@]}"
}

build_darwin() {
  local args=()
  wants darwin-x64 && args+=(--target x86_64-apple-darwin)
  wants darwin-arm64 && args+=(--target aarch64-apple-darwin)
  # No macOS SDK here: zig's own libSystem stubs are enough for a pure-Rust binary (the
  # warning about the missing SDK is expected).
  PATH="$ZIG_VENV/bin:$PATH" nice -n 10 cargo zigbuild --locked "${PROFILE_ARGS[@]}" --bin ogi-lint "${args[@]}"
}

package_vsix() {
  (cd "$VSCODE" && npm run -s typecheck)
  mkdir -p "$VSIX_DIR"
  local p
  for p in "${PLATFORMS[@]}"; do
    (cd "$VSCODE" && node scripts/package.mjs --target "$p" --bin "$(binary_path "$p")" \
      --out "$VSIX_DIR/ogi-lint-$p.vsix")
  done
}

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || {
  echo "build-platforms: runs on Linux x86-64 (Debian 12); this is $(uname -s)-$(uname -m)" >&2
  exit 2
}
echo "platforms: ${PLATFORMS[*]} (cross builds: $PROFILE profile)"
step "install: Debian cross linkers" install_debian_packages
step "install: rustup targets" install_rust_targets
wants darwin-x64 darwin-arm64 && step "install: ziglang + cargo-zigbuild (PyPI venv)" install_zig
[ $VSIX -eq 1 ] && step "install: extension npm ci" install_npm_deps
wants linux-x64 && step "build: linux-x64" build_host
wants win32-x64 linux-arm64 && step "build: win32-x64, linux-arm64" build_gnu_cross
wants darwin-x64 darwin-arm64 && step "build: darwin-x64, darwin-arm64 (zig)" build_darwin
for p in "${PLATFORMS[@]}"; do
  b=$(binary_path "$p")
  [ -f "$b" ] || { echo "build-platforms: $b was not built" >&2; exit 1; }
  printf '  %-13s %s (%s bytes)\n' "$p" "${b#"$ROOT"/}" "$(stat -c %s "$b")"
done
[ $VSIX -eq 1 ] && step "package: one .vsix per platform" package_vsix
echo "::: platforms: built ${PLATFORMS[*]} in $(($(date +%s) - T_START)) s"
