/**
 * The sovereignty dashboard: one self-contained HTML page (inline CSS and
 * SVG, no script, nothing fetched) from the sovereignty report and the bill
 * of materials: the verdict, the findings, the waivers with their expiry,
 * resources by location, and the custody chain of every key.
 */
import type { BillOfMaterials } from "../bom/types";
import type { SovereigntyReport } from "../checks/report";
import { isLocationAllowed, PROFILES, type ProfileName } from "../profiles/profile";
import { custodySvg } from "./custody-svg";
import { escapeHtml as e } from "./escape";

export interface DashboardOptions {
  /** Date the waivers' expiry is judged against (`YYYY-MM-DD`). @default today */
  readonly asOf?: string;
  /** Page title. @default "Sovereignty dashboard" */
  readonly title?: string;
}

const DAY = 24 * 60 * 60 * 1000;
const WARN_DAYS = 30;

/** How a waiver's expiry stands on `asOf`: [label, css class]. */
export function expiryStatus(expires: string | undefined, asOf: string): [string, string] {
  if (!expires) return ["no expiry", "warn"];
  const days = Math.round((Date.parse(expires) - Date.parse(asOf)) / DAY);
  if (Number.isNaN(days)) return [`unreadable date ${expires}`, "bad"];
  if (days < 0) return [`expired ${expires}`, "bad"];
  if (days <= WARN_DAYS) return [`expires ${expires} (in ${days} days)`, "warn"];
  return [`expires ${expires}`, "ok"];
}

const table = (id: string, headings: readonly string[], rows: readonly string[][], empty: string) =>
  rows.length
    ? `<table id="${id}-table"><thead><tr>${headings.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
        .join("")}</tbody></table>`
    : `<p class="empty">${e(empty)}</p>`;

const code = (s: string) => `<code>${e(s)}</code>`;

function findingsSection(report: SovereigntyReport): string {
  const findings = [...report.landingZoneFindings, ...report.stacks.flatMap((s) => s.findings)];
  const rows = findings.map((f) => [
    `<span class="badge ${f.severity === "error" ? "bad" : "warn"}">${e(f.severity)}</span>`,
    e(f.ruleId),
    e(f.stack),
    code(f.address),
    e(f.message),
    e(f.fix),
  ]);
  return section(
    "findings",
    `Findings (${findings.length})`,
    table("findings", ["severity", "rule", "stack", "resource", "problem", "fix"], rows, "No findings."),
  );
}

function waiversSection(report: SovereigntyReport, asOf: string): string {
  const waivers = report.stacks.flatMap((s) => s.waivers.map((w) => ({ stack: s.stack, ...w })));
  const waived = report.stacks.flatMap((s) => s.waived);
  const rows = waivers.map((w) => {
    const [label, css] = expiryStatus(w.expires, asOf);
    return [
      e(w.stack),
      code(w.path ?? "-"),
      e(`${w.ruleId}${w.attribute ? ` (${w.attribute})` : ""}`),
      e(w.reason),
      `<span class="badge ${css}">${e(label)}</span>`,
    ];
  });
  const waivedRows = waived.map((f) => [e(f.stack), code(f.address), e(f.ruleId), e(f.message), e(f.waiver.reason)]);
  return section(
    "waivers",
    `Waivers (${waivers.length}) and waived findings (${waived.length})`,
    table("waivers", ["stack", "construct", "waived", "reason", "expiry"], rows, "No waivers.") +
      (waivedRows.length ? table("waived", ["stack", "resource", "rule", "problem", "reason"], waivedRows, "") : ""),
  );
}

function locationsSection(bom: BillOfMaterials): string {
  const profile = PROFILES[bom.profile as ProfileName];
  const counts = new Map<string, Map<string, number>>();
  for (const o of bom.owners) {
    for (const r of o.resources) {
      const values = [...new Set(r.locations.map((l) => l.slice(l.indexOf("=") + 1)))];
      for (const loc of values.length ? values : ["(no location attribute)"]) {
        const byOwner = counts.get(loc) ?? new Map<string, number>();
        byOwner.set(o.owner, (byOwner.get(o.owner) ?? 0) + 1);
        counts.set(loc, byOwner);
      }
    }
  }
  const entries = [...counts.entries()]
    .map(([loc, byOwner]) => ({ loc, byOwner, total: [...byOwner.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.loc.localeCompare(b.loc));
  const max = Math.max(1, ...entries.map((x) => x.total));
  const outside = (loc: string) => loc !== "(no location attribute)" && profile !== undefined && !isLocationAllowed(profile, loc);
  const bars = entries
    .map((x, i) => {
      const w = Math.round((x.total / max) * 360);
      return (
        `<g data-kind="location"><text x="0" y="${i * 24 + 15}">${e(x.loc)}</text>` +
        `<rect x="170" y="${i * 24 + 3}" width="${w}" height="16" class="${outside(x.loc) ? "bar bad" : "bar"}"/>` +
        `<text x="${176 + w}" y="${i * 24 + 15}">${x.total}</text></g>`
      );
    })
    .join("");
  const chart = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="resources by location" width="600" height="${entries.length * 24 + 6}">${bars}</svg>`;
  const rows = entries.map((x) => [
    outside(x.loc) ? `<span class="badge bad">outside</span> ${code(x.loc)}` : code(x.loc),
    String(x.total),
    [...x.byOwner.entries()].map(([o, n]) => `${e(o)}&nbsp;${n}`).join(", "),
  ]);
  const note = `<p class="note">A resource counts once per location it names. Allowed on ${e(bom.profile)}: ${(profile?.allowedLocations ?? [bom.region]).map(code).join(", ")}.</p>`;
  return section(
    "locations",
    "Resources by location",
    chart + table("locations", ["location", "resources", "by owner"], rows, "No resources.") + note,
  );
}

function keysSection(bom: BillOfMaterials): string {
  const rows = bom.keys.map((k) => [
    code(k.id),
    e(k.status),
    k.operatorHeld === undefined ? "unknown" : k.operatorHeld ? "yes" : `<span class="badge bad">no</span>`,
    e(k.protectionLevel ?? "-"),
    e([k.ekmConnection, k.ekmKeyPath, k.externalKeyUri].filter(Boolean).join(" · ") || "-"),
    k.grants.length ? k.grants.map((g) => `${code(g.member)} ${e(g.role)} (${e(g.scope)})`).join("<br>") : "none declared",
  ]);
  return section(
    "keys",
    "Keys and who may use them",
    table("keys", ["key", "status", "operator-held", "protection", "key material", "may use or administer it"], rows, "No keys."),
  );
}

const custodySection = (bom: BillOfMaterials) => section("custody", "Custody chain", `<div class="scroll">${custodySvg(bom)}</div>`);

const section = (id: string, title: string, body: string) => `<section id="${id}"><h2>${e(title)}</h2>${body}</section>`;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#f5f6f8}
header{background:#002654;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;opacity:.9}
main{padding:8px 28px 28px}section{background:#fff;border:1px solid #d8dce2;border-radius:8px;margin:16px 0;padding:14px 18px}
h2{font-size:17px;margin:0 0 10px}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #e4e7eb;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600}code{font:12px/1.3 ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px}.card{background:#fff;color:#1b1f24;border-radius:8px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.ok{background:#d7f2df;color:#0b5d27}.warn{background:#fff0c2;color:#7a5300}.bad{background:#fbd9d7;color:#8e1b10}
.pass{background:#18a058}.fail{background:#ce3b2c}.verdict{font-size:15px;padding:3px 12px;color:#fff}
.empty,.note{color:#5b6470}.scroll{overflow-x:auto}
svg text{font:12px system-ui,sans-serif;fill:#1b1f24}svg .heading{font-weight:600;fill:#5b6470}
svg .node{stroke:#8a94a3;fill:#eef3fb}svg .owner{fill:#dde7f7}svg .ring{fill:#e8eef9}svg .key{fill:#f4f7fc}svg .holder{fill:#eef8f1}
svg .node.bad,svg .bar.bad{fill:#fbd9d7;stroke:#ce3b2c}svg .edge{fill:none;stroke:#8a94a3}svg .bar{fill:#4a78c2}
`;

/** The dashboard page. */
export function dashboardHtml(report: SovereigntyReport, bom: BillOfMaterials, options: DashboardOptions = {}): string {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const title = options.title ?? "Sovereignty dashboard";
  const s = report.summary;
  const cards: [string, number][] = [
    ["stacks", s.stacks],
    ["resources", bom.summary.resources],
    ["findings", s.findings],
    ["waivers", s.waivers],
    ["keys", bom.summary.keys],
    ["unattributed keys", bom.summary.unattributedKeys],
    ["CMEK-capable without key", bom.summary.resourcesWithoutKey],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)} <span class="badge verdict ${s.result}">${s.result.toUpperCase()}</span></h1>
<p>Profile <b>${e(report.profile)}</b>, region <b>${e(report.region)}</b>${report.operatorProjectId ? `, operator key project <b>${e(report.operatorProjectId)}</b>` : ""}; waivers judged on ${e(asOf)}.</p>
<div class="cards">${cards.map(([label, n]) => `<div class="card" data-card="${e(label)}"><b>${n}</b>${e(label)}</div>`).join("")}</div>
</header>
<main>
${findingsSection(report)}
${waiversSection(report, asOf)}
${custodySection(bom)}
${locationsSection(bom)}
${keysSection(bom)}
</main>
</body>
</html>
`;
}
