/**
 * The custody chain as an inline SVG: owner → key ring → keys → where the key
 * material is held (EKM connection and key path, external key URI, or Cloud
 * KMS). Keys outside the operator's project, and keys that cannot be
 * attributed, are drawn in the alarm colour.
 */
import type { BillOfMaterials, BomKey } from "../bom/types";
import { escapeHtml } from "./escape";

const ROW = 30;
const BOX_H = 22;
const COLUMNS = { owner: 10, ring: 190, key: 390, holder: 630 } as const;
const WIDTH = { owner: 160, ring: 180, key: 220, holder: 330 } as const;
const TOP = 34;
/** Approximate width of a character of the 12 px label font. */
const CHAR_WIDTH = 7;

interface Row {
  readonly owner: string;
  readonly ring: string;
  readonly key: BomKey;
}

/** Where a key's material is held, in one line. */
function holderOf(k: BomKey): string {
  if (k.status === "unattributed") return "unattributed: not a resolvable key";
  if (k.status === "referenced") return "declared elsewhere";
  if (k.ekmConnection) return `EKM ${k.ekmConnection.split("/").pop()}${k.ekmKeyPath ? ` · ${k.ekmKeyPath}` : ""}`;
  if (k.externalKeyUri) return `external key ${k.externalKeyUri}`;
  return `Cloud KMS (${k.protectionLevel ?? "SOFTWARE"})`;
}

const alarm = (k: BomKey) => k.status === "unattributed" || k.operatorHeld === false;

function box(x: number, y: number, w: number, h: number, label: string, kind: string, bad = false, title = label): string {
  const text = label.length * CHAR_WIDTH > w - 12 ? `${label.slice(0, Math.floor((w - 18) / CHAR_WIDTH))}…` : label;
  return (
    `<g data-kind="${kind}"><title>${escapeHtml(title)}</title>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" class="${bad ? "node bad" : `node ${kind}`}"/>` +
    `<text x="${x + 6}" y="${y + h / 2 + 4}">${escapeHtml(text)}</text></g>`
  );
}

const link = (x1: number, y1: number, x2: number, y2: number) =>
  `<path class="edge" d="M${x1} ${y1} C${(x1 + x2) / 2} ${y1} ${(x1 + x2) / 2} ${y2} ${x2} ${y2}"/>`;

/** The SVG of every owner's keys, grouped by key ring. */
export function custodySvg(bom: BillOfMaterials): string {
  const keyById = new Map(bom.keys.map((k) => [k.id, k]));
  const rows: Row[] = bom.owners.flatMap((o) =>
    o.keys
      .map((id) => keyById.get(id))
      .filter((k): k is BomKey => k !== undefined)
      .map((key) => ({ owner: o.owner, ring: key.keyRing ?? "(no key ring)", key })),
  );
  const height = TOP + Math.max(rows.length, 1) * ROW + 10;
  const parts: string[] = [];
  for (const [name, x] of Object.entries(COLUMNS)) {
    const heading = { owner: "owner", ring: "key ring", key: "key · protection", holder: "key material held in" }[name];
    parts.push(`<text class="heading" x="${x}" y="18">${heading}</text>`);
  }
  const center = (i: number) => TOP + i * ROW + BOX_H / 2;
  // Spans of consecutive rows with the same owner (and, within it, the same key ring).
  const spans = (keyOf: (r: Row) => string) => {
    const out: { start: number; end: number; row: Row }[] = [];
    rows.forEach((r, i) => {
      const last = out[out.length - 1];
      if (last && keyOf(rows[last.start]) === keyOf(r)) last.end = i;
      else out.push({ start: i, end: i, row: r });
    });
    return out;
  };
  const ownerSpans = spans((r) => r.owner);
  const ringSpans = spans((r) => `${r.owner}/${r.ring}`);
  for (const s of ownerSpans) {
    const y = TOP + s.start * ROW;
    parts.push(box(COLUMNS.owner, y, WIDTH.owner, (s.end - s.start) * ROW + BOX_H, s.row.owner, "owner"));
  }
  for (const s of ringSpans) {
    const y = TOP + s.start * ROW;
    parts.push(box(COLUMNS.ring, y, WIDTH.ring, (s.end - s.start) * ROW + BOX_H, s.row.ring, "ring"));
    parts.push(link(COLUMNS.owner + WIDTH.owner, (center(s.start) + center(s.end)) / 2, COLUMNS.ring, (center(s.start) + center(s.end)) / 2));
  }
  rows.forEach((r, i) => {
    const s = ringSpans.find((x) => x.start <= i && i <= x.end)!;
    const bad = alarm(r.key);
    const label = `${r.key.key ?? r.key.id} · ${r.key.protectionLevel ?? "?"}`;
    parts.push(link(COLUMNS.ring + WIDTH.ring, (center(s.start) + center(s.end)) / 2, COLUMNS.key, center(i)));
    parts.push(box(COLUMNS.key, TOP + i * ROW, WIDTH.key, BOX_H, label, "key", bad, r.key.id));
    parts.push(link(COLUMNS.key + WIDTH.key, center(i), COLUMNS.holder, center(i)));
    parts.push(box(COLUMNS.holder, TOP + i * ROW, WIDTH.holder, BOX_H, holderOf(r.key), "holder", bad));
  });
  if (!rows.length) parts.push(`<text x="${COLUMNS.owner}" y="${TOP + 14}">No customer-managed key in the checked documents.</text>`);
  const width = COLUMNS.holder + WIDTH.holder + 10;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="custody chain" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    parts.join("") +
    `</svg>`
  );
}
