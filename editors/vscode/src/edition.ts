// What the status bar shows: the edition in force for a document and whether it looks like an
// annual report. A light mirror of the server's rules (report-format.md, "Edition detection");
// the server stays the authority for diagnostics. Pure: unit-tested without VS Code.

import type { Edition } from "./settings";

export interface EditionInForce {
  /** "2019" or "2021", or null when nothing in the text decides it. */
  edition: "2019" | "2021" | null;
  /** Why: "setting", "文号", "report year", "tables", or "unknown". */
  reason: string;
}

const SECTION_TITLES = [
  "总体情况",
  "主动公开政府信息情况",
  "收到和处理政府信息公开申请情况",
  "政府信息公开行政复议、行政诉讼情况",
  "存在的主要问题及改进情况",
  "其他需要报告的事项",
];
const TABLE_LABELS = [
  "本年新收政府信息公开申请数量",
  "上年结转政府信息公开申请数量",
  "本年度办理结果",
  "结转下年度继续办理",
  "第二十条第（一）项",
  "第二十条第(一)项",
];

/** Mirrors interface.md: names 政府信息公开 and holds at least two standard headings or labels. */
export function looksLikeReport(text: string): boolean {
  if (!text.includes("政府信息公开")) return false;
  const compact = text.replace(/[ \t\u3000]+/g, "");
  let hits = 0;
  for (const label of [...SECTION_TITLES, ...TABLE_LABELS]) {
    if (compact.includes(label)) hits += 1;
    if (hits >= 2) return true;
  }
  return false;
}

function yearToEdition(year: number): "2019" | "2021" | null {
  if (year >= 2021 && year < 2100) return "2021";
  if (year === 2019 || year === 2020) return "2019";
  return null;
}

export function editionInForce(text: string, configured: Edition): EditionInForce {
  if (configured === "2019" || configured === "2021") return { edition: configured, reason: "setting" };

  const compact = text.replace(/\s+/g, "");
  if (/国办公开办函[〔\[［(（]2021[〕\]］)）]30号/.test(compact)) return { edition: "2021", reason: "文号" };
  if (/国办公开办函[〔\[［(（]2019[〕\]］)）]60号/.test(compact)) return { edition: "2019", reason: "文号" };

  const head = text.split(/\r?\n/).slice(0, 8).join("\n");
  const title = head.match(/((?:19|20)\d{2})\s*年(?:度)?[^\n]{0,40}?(?:政府信息公开)?[^\n]{0,20}?年度报告/);
  if (title) {
    const e = yearToEdition(Number(title[1]));
    if (e) return { edition: e, reason: "report year" };
  }

  const has2021 = /本年制发件数|行政规范性文件|本年收费金额/.test(compact);
  const has2019 = /本年新制作数量|政府集中采购|采购总金额/.test(compact);
  if (has2021 && !has2019) return { edition: "2021", reason: "tables" };
  if (has2019 && !has2021) return { edition: "2019", reason: "tables" };
  return { edition: null, reason: "unknown" };
}

/** The status-bar text, e.g. "$(law) 2021 · $(error) 2". */
export function statusText(e: EditionInForce, errors: number): string {
  const edition = e.edition ?? "edition ?";
  return errors > 0 ? `$(law) ogi-lint ${edition} $(error) ${errors}` : `$(law) ogi-lint ${edition} $(check)`;
}

export function statusTooltip(e: EditionInForce, errors: number): string {
  const why =
    e.reason === "setting"
      ? "set by ogiLint.edition"
      : e.reason === "unknown"
        ? "not decided by the text"
        : `detected from the ${e.reason}`;
  const edition = e.edition ? `${e.edition} edition (${why})` : `edition ${why}`;
  return `ogi-lint: ${edition}; ${errors} error${errors === 1 ? "" : "s"} in this report. Click for the Problems panel.`;
}
