// Bundles the extension with esbuild into dist/extension.js (the scaffold report is inlined as
// text). With --tests, also bundles the unit tests into out/test/ for `node --test`.
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const common = {
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  loader: { ".md": "text" },
  sourcemap: true,
  logLevel: "warning",
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  external: ["vscode"],
  minify: process.argv.includes("--minify"),
});

if (process.argv.includes("--tests")) {
  const tests = readdirSync(join(root, "test/unit")).filter((f) => f.endsWith(".test.ts"));
  await build({
    ...common,
    entryPoints: tests.map((f) => `test/unit/${f}`),
    outdir: "out/test",
    // The unit tests cover code that must not need VS Code: fail the build if it sneaks in.
    external: [],
  });
}
