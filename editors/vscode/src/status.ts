// What the status bar shows for the active document, made from the server's `ogiLint/status`
// notification (see src/server/status.rs in the repository): whether the document is checked,
// the edition in force and why, and the counts, in the extension's language (see i18n.ts). The
// extension detects nothing itself. Pure: unit-tested without VS Code.

import { t, type UiLanguage } from "./i18n";

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
export function statusText(s: ServerStatus, lang: UiLanguage = "zh"): string {
  const edition = s.edition ?? t(lang, "status.editionUnknown");
  return s.counts.errors > 0
    ? `$(law) ogi-lint ${edition} $(error) ${s.counts.errors}`
    : `$(law) ogi-lint ${edition} $(check)`;
}

function why(s: ServerStatus, lang: UiLanguage): string {
  const line = s.editionEvidence ? t(lang, "status.line", { line: s.editionEvidence.start.line + 1 }) : "";
  switch (s.editionSource) {
    case "config":
      return t(lang, "status.why.config");
    case "document-number":
      return t(lang, "status.why.documentNumber", { line });
    case "report-year":
      return t(lang, "status.why.reportYear", { line });
    case "statistics-period":
      return t(lang, "status.why.statisticsPeriod");
    case "labels":
      return t(lang, "status.why.labels");
    default:
      return t(lang, "status.why.default");
  }
}

function count(lang: UiLanguage, n: number, what: "error" | "warning"): string {
  return n === 1 ? t(lang, `count.${what}.one`) : t(lang, `count.${what}.many`, { n });
}

/** The tooltip: the edition and why, and the counts. */
export function statusTooltip(s: ServerStatus, lang: UiLanguage = "zh"): string {
  const edition = s.edition
    ? t(lang, "status.edition", { year: s.edition, why: why(s, lang) })
    : t(lang, "status.noEdition");
  const { errors, warnings } = s.counts;
  return t(lang, "status.tooltip", {
    edition,
    errors: count(lang, errors, "error"),
    warnings: count(lang, warnings, "warning"),
  });
}
