// Finding the ogi-lint binary: the `ogiLint.server.path` setting, then the binary bundled in
// the extension, then `ogi-lint` on PATH. Pure apart from the injected file-system probe, so it
// is unit-tested without VS Code, for Windows too: paths are built with the path rules of the
// platform asked for (`path.win32` for "win32"), not of the machine running the tests.
// `scripts/package.mjs` names the binary it bundles into each .vsix with `binaryName`.

import * as path from "node:path";

import { t, type UiLanguage } from "./i18n";

export type ServerSource = "setting" | "bundled" | "path";

export type Resolution =
  | { kind: "found"; path: string; source: ServerSource }
  | { kind: "missing"; message: string; tried: string[] };

export interface ResolveInput {
  /** Value of `ogiLint.server.path` (may be empty, `~/…`, or relative to the workspace). */
  configured: string | null | undefined;
  /** Root of the installed extension; the bundled binary lives in `server/`. */
  extensionPath: string;
  /** First workspace folder, for a relative `ogiLint.server.path`. */
  workspaceFolder?: string;
  platform: NodeJS.Platform;
  /** The PATH variable. On Windows the name searched is `ogi-lint.exe`, so PATHEXT plays no part. */
  envPath: string | undefined;
  homeDir: string;
  /** True when `p` is an existing regular file. */
  isFile: (p: string) => boolean;
  /** The language of the message when nothing is found (Chinese unless given). */
  language?: UiLanguage;
}

/** The file name of the server binary on `platform`. */
export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "ogi-lint.exe" : "ogi-lint";
}

/** Path rules of `platform`: drive letters and `\\` on Windows, whatever machine runs this. */
function pathsOf(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  return pathsOf(platform).join(extensionPath, "server", binaryName(platform));
}

/** Expands `~` and makes a relative setting absolute against the workspace folder. */
export function expandConfiguredPath(
  configured: string,
  homeDir: string,
  workspaceFolder: string | undefined,
  platform: NodeJS.Platform = process.platform,
): string {
  const paths = pathsOf(platform);
  let p = configured.trim();
  if (p === "~") p = homeDir;
  else if (p.startsWith("~/") || p.startsWith("~\\")) p = paths.join(homeDir, p.slice(2));
  if (!paths.isAbsolute(p) && workspaceFolder) p = paths.join(workspaceFolder, p);
  return p;
}

/** The folders of a PATH variable: `;`-separated on Windows, where a folder may be quoted. */
export function pathFolders(envPath: string | undefined, platform: NodeJS.Platform): string[] {
  const windows = platform === "win32";
  return (envPath ?? "")
    .split(windows ? ";" : ":")
    .map((dir) => (windows ? dir.trim().replace(/^"(.*)"$/, "$1") : dir))
    .filter((dir) => dir !== "");
}

export function resolveServerPath(input: ResolveInput): Resolution {
  const tried: string[] = [];
  const configured = (input.configured ?? "").trim();
  if (configured !== "") {
    const p = expandConfiguredPath(configured, input.homeDir, input.workspaceFolder, input.platform);
    if (input.isFile(p)) return { kind: "found", path: p, source: "setting" };
    // A wrong explicit setting is an error, not a reason to silently run another binary.
    return {
      kind: "missing",
      tried: [p],
      message: t(input.language ?? "zh", "server.settingNotAFile", { path: p }),
    };
  }

  const bundled = bundledServerPath(input.extensionPath, input.platform);
  tried.push(bundled);
  if (input.isFile(bundled)) return { kind: "found", path: bundled, source: "bundled" };

  const name = binaryName(input.platform);
  for (const dir of pathFolders(input.envPath, input.platform)) {
    const candidate = pathsOf(input.platform).join(dir, name);
    tried.push(candidate);
    if (input.isFile(candidate)) return { kind: "found", path: candidate, source: "path" };
  }

  return {
    kind: "missing",
    tried,
    message: t(input.language ?? "zh", "server.notFound"),
  };
}
