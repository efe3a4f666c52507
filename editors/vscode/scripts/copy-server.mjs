// Puts an ogi-lint binary into server/ so that `vsce package` bundles it into the .vsix.
//
//   node scripts/copy-server.mjs            # the binary for this machine, as `npm run package` does
//
// Source: $OGI_LINT_BIN if set; else ../../target/release/ogi-lint, built with
// `cargo build --release` first when it is missing. `copyServer` is also what
// scripts/package.mjs uses for the other platforms.
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const extensionRoot = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const repo = resolve(extensionRoot, "../..");

/**
 * `binaryName` of src/serverPath.ts (the file name the extension looks for in server/), loaded
 * from the TypeScript source so that packaging and lookup cannot disagree.
 */
export async function binaryName(platform) {
  const out = await build({
    entryPoints: [join(extensionRoot, "src", "serverPath.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "warning",
  });
  const source = Buffer.from(out.outputFiles[0].text).toString("base64");
  const serverPath = await import(`data:text/javascript;base64,${source}`);
  return serverPath.binaryName(platform);
}

/**
 * Empties server/ (a .vsix must carry only its own platform's binary) and copies `src` there
 * as `name`.
 */
export function copyServer(src, name) {
  if (!existsSync(src)) throw new Error(`copy-server: ${src} does not exist`);
  const dir = join(extensionRoot, "server");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dest = join(dir, name);
  copyFileSync(src, dest);
  chmodSync(dest, 0o755);
  console.log(`copy-server: ${src} -> ${dest} (${(statSync(dest).size / 1e6).toFixed(1)} MB)`);
  return dest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const exe = await binaryName(process.platform);
  let src = process.env.OGI_LINT_BIN;
  if (src) {
    src = resolve(src);
  } else {
    src = join(repo, "target", "release", exe);
    if (!existsSync(src)) {
      console.log(`copy-server: ${src} is missing; running cargo build --release in ${repo}`);
      execFileSync("cargo", ["build", "--release", "--bin", "ogi-lint"], { cwd: repo, stdio: "inherit" });
    }
  }
  try {
    copyServer(src, exe);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
