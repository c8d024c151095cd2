/** The bill of materials as Markdown, for an auditor: keys and who may use them, then each owner's resources. */
import { mdCell as cell, mdCode as code, mdProfileLine } from "../checks/markdown";
import type { BillOfMaterials, BomKey } from "./types";
import { plural } from "../plural";

/** How a key is held: protection level and where its material lives. */
export function custodyOf(k: BomKey): string {
  if (k.status === "unattributed") return "unattributed: not resolvable to a Cloud KMS key";
  if (k.status === "referenced") return "declared elsewhere: protection level unknown here";
  const parts = [k.protectionLevel ?? "SOFTWARE"];
  if (k.ekmConnection) parts.push(`EKM ${k.ekmConnection}`);
  if (k.ekmKeyPath) parts.push(`key path ${k.ekmKeyPath}`);
  if (k.externalKeyUri) parts.push(`external key ${k.externalKeyUri}`);
  return parts.join(", ");
}

export function bomToMarkdown(bom: BillOfMaterials): string {
  const s = bom.summary;
  const lines = [
    "# Sovereignty bill of materials",
    "",
    mdProfileLine(bom),
    "",
    `${plural(s.owners, "owner")}, ${plural(s.resources, "resource")}, ${plural(s.keys, "key")} (${s.unattributedKeys} unattributed), ` +
      `${plural(s.resourcesWithoutKey, "CMEK-capable resource")} without a key, ${plural(s.waivers, "waiver")}.`,
    "",
    "## Keys",
    "",
    "| key | status | operator-held | custody | may use or administer it |",
    "|---|---|---|---|---|",
    ...bom.keys.map((k) => {
      const held = k.operatorHeld === undefined ? "unknown" : k.operatorHeld ? "yes" : "**no**";
      const grants = k.grants.length
        ? k.grants.map((g) => `${code(g.member)} ${cell(g.role)} (${cell(g.scope)})`).join("<br>")
        : "none declared here";
      return `| ${code(k.id)} | ${cell(k.status)} | ${held} | ${cell(custodyOf(k))} | ${grants} |`;
    }),
  ];
  for (const o of bom.owners) {
    lines.push("", `## ${o.kind === "tenant" ? "Tenant" : o.kind === "platform" ? "Platform" : "Document"} ${code(o.owner)}`, "");
    lines.push(`Stacks: ${o.stacks.map(code).join(", ")}. Keys: ${o.keys.length ? o.keys.map(code).join(", ") : "none"}.`, "");
    lines.push("| resource | locations | keys | waivers |", "|---|---|---|---|");
    for (const r of o.resources) {
      const keys = r.keys.length ? r.keys.map(code).join("<br>") : r.cmekCapable ? "**none** (CMEK-capable)" : "-";
      const waivers = r.waivers.length ? r.waivers.map((w) => `${cell(w.what)}: ${cell(w.reason)}`).join("<br>") : "-";
      lines.push(`| ${code(`${r.stack}/${r.address}`)} | ${r.locations.map(code).join(", ") || "-"} | ${keys} | ${waivers} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}
