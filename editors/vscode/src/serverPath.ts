// Finding the ogi-lint binary: the `ogiLint.server.path` setting, then the binary bundled in
// the extension, then `ogi-lint` on PATH. Pure apart from the injected file-system probe, so it
// is unit-tested without VS Code.

import * as path from "node:path";

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
  /** The PATH variable (and PATHEXT on Windows). */
  envPath: string | undefined;
  envPathExt?: string;
  homeDir: string;
  /** True when `p` is an existing regular file. */
  isFile: (p: string) => boolean;
}

export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "ogi-lint.exe" : "ogi-lint";
}

export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  return path.join(extensionPath, "server", binaryName(platform));
}

/** Expands `~` and makes a relative setting absolute against the workspace folder. */
export function expandConfiguredPath(
  configured: string,
  homeDir: string,
  workspaceFolder: string | undefined,
): string {
  let p = configured.trim();
  if (p === "~") p = homeDir;
  else if (p.startsWith("~/") || p.startsWith("~\\")) p = path.join(homeDir, p.slice(2));
  if (!path.isAbsolute(p) && workspaceFolder) p = path.join(workspaceFolder, p);
  return p;
}

export function resolveServerPath(input: ResolveInput): Resolution {
  const tried: string[] = [];
  const configured = (input.configured ?? "").trim();
  if (configured !== "") {
    const p = expandConfiguredPath(configured, input.homeDir, input.workspaceFolder);
    if (input.isFile(p)) return { kind: "found", path: p, source: "setting" };
    // A wrong explicit setting is an error, not a reason to silently run another binary.
    return {
      kind: "missing",
      tried: [p],
      message:
        `ogi-lint: the setting ogiLint.server.path points to "${p}", which is not a file. ` +
        `Fix the path, or clear the setting to use the bundled server or ogi-lint on PATH.`,
    };
  }

  const bundled = bundledServerPath(input.extensionPath, input.platform);
  tried.push(bundled);
  if (input.isFile(bundled)) return { kind: "found", path: bundled, source: "bundled" };

  const name = binaryName(input.platform);
  const sep = input.platform === "win32" ? ";" : ":";
  for (const dir of (input.envPath ?? "").split(sep)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    tried.push(candidate);
    if (input.isFile(candidate)) return { kind: "found", path: candidate, source: "path" };
  }

  return {
    kind: "missing",
    tried,
    message:
      "ogi-lint: cannot find the ogi-lint language server. It is not bundled with this " +
      "extension and not on PATH. Install it (`cargo install --path .` in the ogi-lint " +
      "repository puts it in ~/.cargo/bin), or set ogiLint.server.path to the binary, " +
      "then run “ogi-lint: Restart server”.",
  };
}
