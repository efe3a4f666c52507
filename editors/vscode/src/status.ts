// What the status bar shows for the active document, made from the server's `ogiLint/status`
// notification (see src/server/status.rs in the repository): whether the document is checked,
// the edition in force and why, and the counts. The extension detects nothing itself. Pure:
// unit-tested without VS Code.

/** The params of `ogiLint/status`. */
export interface ServerStatus {
  uri: string;
  version: number;
  checked: boolean;
  edition: string | null;
  editionSource:
    | "config"
    | "document-number"
    | "report-year"
    | "statistics-period"
    | "labels"
    | "default"
    | null;
  editionEvidence: { start: { line: number; character: number }; end: { line: number; character: number } } | null;
  counts: { errors: number; warnings: number; information: number; hints: number };
}

/** The status-bar text, e.g. "$(law) ogi-lint 2021 $(error) 2". */
export function statusText(s: ServerStatus): string {
  const edition = s.edition ?? "edition ?";
  return s.counts.errors > 0
    ? `$(law) ogi-lint ${edition} $(error) ${s.counts.errors}`
    : `$(law) ogi-lint ${edition} $(check)`;
}

function why(s: ServerStatus): string {
  const line = s.editionEvidence ? `, line ${s.editionEvidence.start.line + 1}` : "";
  switch (s.editionSource) {
    case "config":
      return "set by ogiLint.edition or ogi-lint.toml";
    case "document-number":
      return `the cited 国办公开办函 文号${line}`;
    case "report-year":
      return `the report year${line}`;
    case "statistics-period":
      return "the statistics period";
    case "labels":
      return "the tables' labels";
    default:
      return "nothing in the text decides it; the newest edition is assumed";
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The tooltip: the edition and why, and the counts. */
export function statusTooltip(s: ServerStatus): string {
  const edition = s.edition ? `${s.edition} edition (${why(s)})` : "edition unknown";
  const { errors, warnings } = s.counts;
  return `ogi-lint: ${edition}; ${plural(errors, "error", "errors")}, ${plural(warnings, "warning", "warnings")} in this report. Click for the Problems panel.`;
}
