// Puts the ogi-lint binary into server/ so that `vsce package` bundles it into the .vsix.
// Source: $OGI_LINT_BIN if set; else ../../target/release/ogi-lint, built with
// `cargo build --release` first when it is missing.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(root, "../..");
const exe = process.platform === "win32" ? "ogi-lint.exe" : "ogi-lint";

let src = process.env.OGI_LINT_BIN;
if (src) {
  src = resolve(src);
  if (!existsSync(src)) {
    console.error(`copy-server: OGI_LINT_BIN=${src} does not exist`);
    process.exit(1);
  }
} else {
  src = join(repo, "target", "release", exe);
  if (!existsSync(src)) {
    console.log(`copy-server: ${src} is missing; running cargo build --release in ${repo}`);
    execFileSync("cargo", ["build", "--release", "--bin", "ogi-lint"], { cwd: repo, stdio: "inherit" });
  }
}

const dest = join(root, "server", exe);
mkdirSync(dirname(dest), { recursive: true });
copyFileSync(src, dest);
chmodSync(dest, 0o755);
console.log(`copy-server: ${src} -> ${dest} (${(statSync(dest).size / 1e6).toFixed(1)} MB)`);
