/** Text and attribute values for HTML and inline SVG; a value that is not a string (a waiver written by hand) is shown as JSON. */
export function escapeHtml(value: unknown): string {
  const s = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
