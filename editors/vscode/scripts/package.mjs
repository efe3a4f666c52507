// Writes the .vsix for one VS Code platform, carrying that platform's ogi-lint binary:
//
//   node scripts/package.mjs --target win32-x64 --bin ../../target/x86_64-pc-windows-gnu/release/ogi-lint.exe \
//       --out dist/ogi-lint-win32-x64.vsix
//
// --target: a `vsce package --target` name (win32-x64, linux-x64, linux-arm64, darwin-x64,
// darwin-arm64, …; default linux-x64). --bin: the binary built for that platform (default: what
// scripts/copy-server.mjs picks for this machine). --out: default ogi-lint-<target>.vsix.
// The binary goes into server/ under the name the extension looks for on that platform
// (`ogi-lint.exe` on Windows); scripts/build-platforms.sh in the repository calls this once per
// platform.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

import { binaryName, copyServer, extensionRoot } from "./copy-server.mjs";

const { values } = parseArgs({
  options: {
    target: { type: "string", default: "linux-x64" },
    bin: { type: "string" },
    out: { type: "string" },
  },
});
const target = values.target;
const os = target.split("-")[0];
if (!["win32", "linux", "alpine", "darwin"].includes(os)) {
  console.error(`package: --target ${target} is not a VS Code platform with a server binary`);
  process.exit(2);
}
const out = resolve(values.out ?? `ogi-lint-${target}.vsix`);

if (values.bin) {
  copyServer(resolve(values.bin), await binaryName(os === "alpine" ? "linux" : os));
} else {
  execFileSync(process.execPath, [join(extensionRoot, "scripts", "copy-server.mjs")], { stdio: "inherit" });
}

const vsce = join(extensionRoot, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
execFileSync(
  vsce,
  [
    "package",
    "--target", target,
    "--skip-license",
    "--no-dependencies",
    "--allow-missing-repository",
    "--no-rewrite-relative-links",
    "-o", out,
  ],
  { cwd: extensionRoot, stdio: "inherit", shell: process.platform === "win32" },
);
