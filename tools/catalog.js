#!/usr/bin/env node
/**
 * Generates lib/catalog/google-types.generated.ts from @cdktf/provider-google: for every
 * `google_*` resource type, its location-bearing attributes, its CMEK attributes
 * (nested ones included, as dot paths), its service API and its scope. Hand
 * corrections come from lib/catalog/corrections.json, one reason each.
 *
 *   node tools/catalog.js          regenerate the table
 *   node tools/catalog.js --check  exit 1 if the committed table is stale
 *
 * Run it on every provider upgrade; test/catalog/catalog.test.ts fails when the
 * provider version or the corrections changed and the table was not regenerated.
 */
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const ts = require("typescript");

const ROOT = path.join(__dirname, "..");
const PKG = path.join(ROOT, "node_modules/@cdktf/provider-google");
const CORRECTIONS = path.join(ROOT, "lib/catalog/corrections.json");
const OUT = path.join(ROOT, "lib/catalog/google-types.generated.ts");

/** Leaf attribute names that may hold a location (reviewed against `corrections.notLocation`). */
const LOCATION_LEAF = /(^|_)(location|region|zone)s?(_id)?$|persistence_regions$|replica_zones?$/;
/** Leaf attribute names that may hold a Cloud KMS key (reviewed against `corrections.notKey`). */
const KEY_LEAF =
  /(^|_)(kms_key(_name|_names|_self_link|_uri)?|crypto_key(_name)?|cmek_key_name|boot_disk_kms_key|encryption_key(_name)?|gcp_kms_encryption_key|customer_managed_encryption_key|customer_managed_key)$/;
/** Optional top-level locations whose documented default is not the provider's region. */
const API_DEFAULT =
  /default value is|defaults? to '?"?global|not (specified|provided)[^.]*global|use global as default|default location|must be omitted or set to 'global'|only supported location is global|only the value 'global'/i;

/** Enum values that select Google-managed (default) encryption instead of a customer-managed key. */
const GOOGLE_KEY_VALUE = /\b(GOOGLE_DEFAULT_ENCRYPTION|GOOGLE_MANAGED(?:_ENCRYPTION)?|GMEK)\b/g;

/** The values of an encryption enum leaf that select Google-managed keys: its documentation lists the possible values and speaks of encryption. */
function googleKeyValuesOf(leaf) {
  if (!/Possible values/i.test(leaf.doc) || !/encrypt/i.test(`${leaf.path} ${leaf.doc}`)) return [];
  return [...new Set([...leaf.doc.matchAll(GOOGLE_KEY_VALUE)].map((m) => m[1]))];
}

function interfacesOf(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith(".d.ts")) files.push(path.join(d, e.name));
    }
  };
  walk(dir);
  const ifaces = {};
  let type;
  let config;
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, false);
    sf.forEachChild((n) => {
      if (ts.isInterfaceDeclaration(n)) {
        ifaces[n.name.text] = n.members.filter(ts.isPropertySignature).map((m) => {
          const doc = text.slice(m.pos, m.getStart(sf));
          const link = /#([a-z0-9_]+) [A-Za-z0-9]+#/.exec(doc);
          return {
            name: link ? link[1] : m.name.text,
            type: m.type.getText(sf).replace(/cdktf\.\w+/g, ""),
            optional: !!m.questionToken,
            doc: doc.replace(/\s*\*\s*/g, " ").replace(/Docs at Terraform.*/s, ""),
          };
        });
      }
      if (ts.isClassDeclaration(n)) {
        for (const m of n.members) {
          if (ts.isPropertyDeclaration(m) && m.name.getText(sf) === "tfResourceType") {
            type = m.initializer.text;
            config = `${n.name.text}Config`;
          }
        }
      }
    });
  }
  return { type, config, ifaces };
}

/** Every leaf attribute of a resource's config, as `{ path, leaf, optional, doc }`. */
function leavesOf({ config, ifaces }) {
  const out = [];
  const walk = (iface, prefix, depth) => {
    for (const p of ifaces[iface] ?? []) {
      const ref = /([A-Z][A-Za-z0-9]+)/.exec(p.type);
      const p2 = prefix ? `${prefix}.${p.name}` : p.name;
      if (ref && ifaces[ref[1]] && depth < 10) walk(ref[1], p2, depth + 1);
      else out.push({ path: p2, leaf: p.name, optional: p.optional, doc: p.doc, type: p.type });
    }
  };
  walk(config, "", 0);
  return out;
}

function serviceOf(type, services) {
  let best;
  for (const s of services) if (type.startsWith(s.prefix) && (!best || s.prefix.length > best.prefix.length)) best = s;
  return best ? best.service : `${type.split("_")[1]}.googleapis.com`;
}

function scopeOf(type, scopes) {
  for (const s of scopes) if (new RegExp(s.pattern).test(type)) return s.scope;
  return undefined;
}

function generate() {
  const corrections = JSON.parse(fs.readFileSync(CORRECTIONS, "utf8"));
  for (const [kind, list] of Object.entries(corrections)) {
    for (const c of list)
      if (kind !== "services" && !(typeof c.reason === "string" && c.reason.length > 10))
        throw new Error(`corrections.${kind}: ${JSON.stringify(c)} has no reason`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));
  const lib = path.join(PKG, "lib");
  const notLocation = new Set(corrections.notLocation.flatMap((c) => c.leaves));
  const notLocationDoc = corrections.notLocationDocs.map((c) => c.pattern);
  const notKey = new Set(corrections.notKey.flatMap((c) => c.leaves));
  const notKeyPath = new RegExp(corrections.notKeyPaths.map((c) => c.pattern).join("|"));
  const types = {};
  for (const dir of fs.readdirSync(lib).sort()) {
    if (dir.startsWith("data-google-") || !fs.statSync(path.join(lib, dir)).isDirectory()) continue;
    const parsed = interfacesOf(path.join(lib, dir));
    if (!parsed.type?.startsWith("google_")) continue;
    const leaves = leavesOf(parsed);
    const iam = /_iam_(member|binding|policy|audit_config)$/.test(parsed.type);
    const entry = { service: serviceOf(parsed.type, corrections.services) };
    // A location is a string (or a list of them): a flag named like one (`replicas.default_leader_location`, a boolean) is not.
    const loc = iam
      ? []
      : leaves.filter(
          (l) =>
            LOCATION_LEAF.test(l.leaf) &&
            /\bstring\b/.test(l.type) &&
            !notLocation.has(l.leaf) &&
            !notLocationDoc.some((text) =>
              String(l.doc ?? "")
                .replace(/\s+/g, " ")
                .includes(text),
            ),
        );
    const isKey = (l) =>
      (KEY_LEAF.test(l.leaf) || (l.leaf === "key_name" && /encryption\./.test(l.path))) && !notKey.has(l.leaf) && !notKeyPath.test(l.path);
    const key = parsed.type.startsWith("google_kms_") || iam ? [] : leaves.filter(isKey);
    if (loc.length) entry.location = loc.map((l) => l.path);
    const top = loc.find((l) => /^(location|region|zone|location_id)$/.test(l.path));
    if (top && !top.optional) entry.absent = "required";
    else if (top && API_DEFAULT.test(top.doc)) entry.absent = "api-default";
    else if (top) entry.absent = "provider";
    if (top) entry.absentPaths = [top.path];
    if (key.length) entry.cmek = key.map((l) => l.path);
    const googleKeys = iam ? [] : leaves.map((l) => ({ path: l.path, values: googleKeyValuesOf(l) })).filter((g) => g.values.length);
    if (googleKeys.length) entry.googleKeyValues = googleKeys;
    entry.scope = iam ? "meta" : (scopeOf(parsed.type, corrections.scopes) ?? (loc.length ? "regional" : "global"));
    types[parsed.type] = entry;
  }
  for (const c of corrections.locations) {
    const e = types[c.type];
    if (!e) throw new Error(`corrections.locations: unknown type ${c.type}`);
    if (!e.location?.includes(c.path)) e.location = [...(e.location ?? []), c.path];
    if (c.absent) {
      e.absent = c.absent;
      e.absentPaths = [c.path];
    }
    if (c.scope) e.scope = c.scope;
  }
  for (const c of corrections.keys) {
    const e = types[c.type];
    if (!e) throw new Error(`corrections.keys: unknown type ${c.type}`);
    if (e.cmek?.includes(c.path)) throw new Error(`corrections.keys: ${c.type} ${c.path} is already derived, remove it`);
    e.cmek = [...(e.cmek ?? []), c.path];
  }
  for (const c of corrections.keyHolders) {
    const e = types[c.type];
    if (!e || !types[c.holderType]?.cmek?.includes(c.holderKey))
      throw new Error(`corrections.keyHolders: unknown type ${c.type} or holder key ${c.holderType}.${c.holderKey}`);
    e.cmek = [...(e.cmek ?? []), c.path];
    e.keyHolders = { ...e.keyHolders, [c.path]: { type: c.holderType, key: c.holderKey, name: c.holderName } };
  }
  for (const c of corrections.keyParts) {
    const e = types[c.type];
    if (!e) throw new Error(`corrections.keyParts: unknown type ${c.type}`);
    e.cmek = [...(e.cmek ?? []), `${c.block}.${c.key}`];
    e.keyParts = { block: c.block, project: c.project, location: c.location, ring: c.ring, key: c.key };
  }
  for (const c of corrections.requiredKeys) {
    const e = types[c.type];
    if (!e?.cmek?.includes(c.path)) throw new Error(`corrections.requiredKeys: ${c.type} has no key attribute ${c.path}`);
    e.cmekRequired = [...(e.cmekRequired ?? []), c.each ? { path: c.path, each: c.each } : { path: c.path }];
  }
  for (const c of corrections.keyParents) {
    const e = types[c.type];
    if (!e) throw new Error(`corrections.keyParents: unknown type ${c.type}`);
    e.keyParent = { attribute: c.attribute, type: c.parentType, parentAttribute: c.parentAttribute };
  }
  for (const c of corrections.keyOptional) {
    const e = types[c.type];
    if (!e?.cmek) throw new Error(`corrections.keyOptional: ${c.type} has no key attribute`);
    e.keyOptional = true;
  }
  for (const c of corrections.scopeWhen) {
    const e = types[c.type];
    if (!e) throw new Error(`corrections.scopeWhen: unknown type ${c.type}`);
    e.scopeWhen = { attribute: c.attribute, values: c.values, scope: c.scope };
  }
  for (const c of corrections.extraTypes) {
    if (types[c.type]) throw new Error(`corrections.extraTypes: ${c.type} is in the provider package, remove it`);
    const entry = Object.fromEntries(Object.entries(c).filter(([k]) => k !== "reason" && k !== "type"));
    types[c.type] = entry;
  }
  const sorted = Object.fromEntries(
    Object.keys(types)
      .sort()
      .map((k) => [k, types[k]]),
  );
  const hash = crypto.createHash("sha256").update(fs.readFileSync(CORRECTIONS)).digest("hex").slice(0, 16);
  return { provider: pkg.version, corrections: hash, types: sorted };
}

/** The table as a TypeScript module: one type per line, small and diff-friendly. */
function render(table) {
  const lines = Object.entries(table.types).map(([t, e]) => `    ${t}: ${JSON.stringify(e)},`);
  return [
    "// Generated by tools/catalog.js from @cdktf/provider-google: do not edit. Hand corrections: lib/catalog/corrections.json.",
    'import type { CatalogTable } from "./types";',
    "",
    "export const GOOGLE_TYPES: CatalogTable = {",
    `  provider: ${JSON.stringify(table.provider)},`,
    `  corrections: ${JSON.stringify(table.corrections)},`,
    "  types: {",
    ...lines,
    "  },",
    "};",
    "",
  ].join("\n");
}

if (require.main === module) {
  const text = render(generate());
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
    if (current !== text) {
      console.error("lib/catalog/google-types.generated.ts is stale: run node tools/catalog.js");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUT, text);
    console.log(`${path.relative(ROOT, OUT)}: ${text.split("\n").length - 11} types`);
  }
}

module.exports = { generate, render, interfacesOf, leavesOf };
