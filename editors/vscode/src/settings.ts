// The `ogiLint.*` settings as the server reads them from section `ogiLint`
// (workspace/configuration and initializationOptions). The server validates them — the one
// place that does — and reports each bad value in a notification while the others still apply;
// this module only picks the keys of the contract and leaves client-only ones (`server.path`,
// `trace.server`) out. Pure: unit-tested without VS Code.

/** The keys of the settings contract with the server (section `ogiLint`). */
export const SERVER_KEYS = ["edition", "severity", "include", "exclude", "debounceMs", "logLevel", "language"] as const;

export type ServerSettings = Partial<Record<(typeof SERVER_KEYS)[number], unknown>>;

/** What `vscode.workspace.getConfiguration("ogiLint").get` offers; a plain object in tests. */
export interface ConfigReader {
  get<T>(key: string): T | undefined;
}

/** The server's keys as the user set them (or as package.json defaults them), unchanged. */
export function serverSettings(config: ConfigReader): ServerSettings {
  const settings: ServerSettings = {};
  for (const key of SERVER_KEYS) {
    const value = config.get<unknown>(key);
    if (value !== undefined && value !== null) settings[key] = value;
  }
  return settings;
}

/**
 * Answers a workspace/configuration request: the server asks for section `ogiLint` (or the
 * whole configuration with no section); anything else gets `null`, as VS Code would answer
 * for a section it does not have.
 */
export function answerConfigurationItem(section: string | undefined, settings: ServerSettings): unknown {
  if (section === undefined || section === "") return { ogiLint: settings };
  if (section === "ogiLint") return settings;
  if (section.startsWith("ogiLint.")) {
    const key = section.slice("ogiLint.".length);
    return key in settings ? settings[key as keyof ServerSettings] : null;
  }
  return null;
}
