// Mapping VS Code's `ogiLint.*` settings to the object the server reads from section `ogiLint`
// (workspace/configuration and initializationOptions). Pure: unit-tested without VS Code.

export const RULE_CODES = [
  "missing-section",
  "section-title",
  "section-order",
  "missing-table",
  "missing-row",
  "unknown-row",
  "nonstandard-label",
  "label-punctuation",
  "edition-mismatch",
  "total-mismatch",
  "balance-mismatch",
  "missing-cell",
  "invalid-number",
  "section-content",
  "narrative-mismatch",
] as const;

export type Edition = "auto" | "2019" | "2021";
export type RuleSeverity = "error" | "warning" | "info" | "hint" | "off";
export type LogLevel = "error" | "warn" | "info" | "debug" | "trace";

/** The settings contract with the server (section `ogiLint`). */
export interface ServerSettings {
  edition: Edition;
  severity: Record<string, RuleSeverity>;
  include: string[];
  exclude: string[];
  debounceMs: number;
  logLevel: LogLevel;
}

/** What `vscode.workspace.getConfiguration("ogiLint").get` offers; a plain object in tests. */
export interface ConfigReader {
  get<T>(key: string): T | undefined;
}

const EDITIONS: readonly string[] = ["auto", "2019", "2021"];
const SEVERITIES: readonly string[] = ["error", "warning", "info", "hint", "off"];
const SEVERITY_ALIASES: Record<string, RuleSeverity> = {
  warn: "warning",
  information: "info",
  none: "off",
  ignore: "off",
};
const LOG_LEVELS: readonly string[] = ["error", "warn", "info", "debug", "trace"];

export const DEFAULT_SETTINGS: ServerSettings = {
  edition: "auto",
  severity: {},
  include: [],
  exclude: [],
  debounceMs: 30,
  logLevel: "info",
};

/** Problems found while mapping (shown once in the output channel, never thrown). */
export interface MappedSettings {
  settings: ServerSettings;
  warnings: string[];
}

function stringList(value: unknown, key: string, warnings: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return value.trim() === "" ? [] : [value];
  if (!Array.isArray(value)) {
    warnings.push(`ogiLint.${key} should be a list of glob patterns; ignored`);
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === "string" && item.trim() !== "") out.push(item);
    else warnings.push(`ogiLint.${key}: ignored a non-string entry ${JSON.stringify(item)}`);
  }
  return out;
}

export function mapSettings(config: ConfigReader): MappedSettings {
  const warnings: string[] = [];
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, severity: {} };

  const edition = config.get<unknown>("edition");
  if (edition !== undefined && edition !== null) {
    const e = String(edition);
    if (EDITIONS.includes(e)) settings.edition = e as Edition;
    else warnings.push(`ogiLint.edition: "${e}" is not one of auto, 2019, 2021; using auto`);
  }

  const severity = config.get<unknown>("severity");
  if (severity && typeof severity === "object" && !Array.isArray(severity)) {
    for (const [code, raw] of Object.entries(severity as Record<string, unknown>)) {
      if (raw === undefined || raw === null || raw === "" || raw === "default") continue;
      const name = String(raw).toLowerCase();
      const level = SEVERITY_ALIASES[name] ?? name;
      if (!SEVERITIES.includes(level)) {
        warnings.push(`ogiLint.severity.${code}: "${String(raw)}" is not error, warning, info, hint or off; ignored`);
        continue;
      }
      if (!(RULE_CODES as readonly string[]).includes(code)) {
        // Passed on anyway: the server may know rules newer than this extension.
        warnings.push(`ogiLint.severity: "${code}" is not a rule code this extension knows`);
      }
      settings.severity[code] = level as RuleSeverity;
    }
  } else if (severity !== undefined && severity !== null) {
    warnings.push("ogiLint.severity should be an object such as {\"label-punctuation\": \"off\"}; ignored");
  }

  settings.include = stringList(config.get<unknown>("include"), "include", warnings);
  settings.exclude = stringList(config.get<unknown>("exclude"), "exclude", warnings);

  const debounce = config.get<unknown>("debounceMs");
  if (debounce !== undefined && debounce !== null) {
    const n = Number(debounce);
    if (Number.isFinite(n) && n >= 0) settings.debounceMs = Math.min(Math.round(n), 60_000);
    else warnings.push(`ogiLint.debounceMs: ${JSON.stringify(debounce)} is not a non-negative number; using 30`);
  }

  const logLevel = config.get<unknown>("logLevel");
  if (logLevel !== undefined && logLevel !== null) {
    const l = String(logLevel).toLowerCase();
    const level = l === "warning" ? "warn" : l;
    if (LOG_LEVELS.includes(level)) settings.logLevel = level as LogLevel;
    else warnings.push(`ogiLint.logLevel: "${String(logLevel)}" is unknown; using info`);
  }

  return { settings, warnings };
}

/**
 * Answers a workspace/configuration request: the server asks for section `ogiLint` (or the
 * whole configuration with no section); anything else gets `null`, as VS Code would answer
 * for a section it does not have.
 */
export function answerConfigurationItem(section: string | undefined, settings: ServerSettings): unknown {
  if (section === undefined || section === "" ) return { ogiLint: settings };
  if (section === "ogiLint") return settings;
  if (section.startsWith("ogiLint.")) {
    const key = section.slice("ogiLint.".length) as keyof ServerSettings;
    return key in settings ? settings[key] : null;
  }
  return null;
}
