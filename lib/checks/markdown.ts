/**
 * Text from the checked files in a Markdown table, safe for an auditor: a
 * waiver's reason, a resource name or a path written by hand cannot end the
 * row, start a heading, close a code span or bring raw HTML into the report.
 */

/** A value as one table cell: not a string (a waiver written by hand) shown as JSON, line breaks as spaces, `|` and HTML escaped. */
export function mdCell(value: unknown): string {
  const s = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return s
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|");
}

/** A value as inline code in a table cell: delimited by more backticks than it holds (CommonMark code spans). */
export function mdCode(value: unknown): string {
  const s = (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value))).replace(/[\r\n\u2028\u2029]+/g, " ").replace(/\|/g, "\\|");
  const fence = "`".repeat(Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return fence.length > 1 || s.startsWith(" ") || s.endsWith(" ") ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

/** The line under a Markdown report's title: the profile, its region, and the operator's key project when known. */
export function mdProfileLine(of: { readonly profile: string; readonly region: string; readonly operatorProjectId?: string }): string {
  const operator = of.operatorProjectId ? `, operator key project ${mdCode(of.operatorProjectId)}` : "";
  return `Profile **${mdCell(of.profile)}** (region ${mdCode(of.region)})${operator}.`;
}
