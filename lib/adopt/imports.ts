/**
 * Brownfield adoption: Terraform `import` blocks for what already exists
 * (the operator project, the EKM connection, key rings, keys, key versions,
 * organization policies), found in the synthesized stacks by the ids the config gives.
 * With them, `terraform plan` shows the difference between what exists and
 * what the landing zone declares, instead of failing on "already exists" or
 * overwriting blindly.
 */
import { referencedResource } from "../checks/rules/helpers";
import type { TfDocument, TfResource } from "../checks/types";
import { cryptoKeyId, cryptoKeyVersionId } from "../naming";

/** What exists already (the `adopt` section of the config). */
export interface AdoptSelection {
  readonly operatorProject: boolean;
  readonly ekmConnection: boolean;
  readonly keyRings: readonly string[];
  /** `<key ring>/<key>`. */
  readonly keys: readonly string[];
  /** `<key ring>/<key>/<version number>`: an existing version of a key whose version the stacks declare (manual EKM keys). */
  readonly keyVersions?: readonly string[];
  /** Constraints whose policy exists where the stacks set it. */
  readonly policies: readonly string[];
}

/** A Terraform `import` block. */
export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

export interface AdoptPlan {
  /** Import blocks by stack. */
  readonly imports: Readonly<Record<string, readonly ImportBlock[]>>;
  /** Selections that matched nothing, as `<config path>: <problem> (allowed: ...)`. */
  readonly problems: readonly string[];
  /** What is left to do by hand. */
  readonly notes: readonly string[];
}

const literal = (v: unknown): string | undefined => (typeof v === "string" && !v.includes("${") ? v : undefined);

/** The key ring a key's `key_ring` points at, in the same document. */
function ringOf(doc: TfDocument, key: TfResource): TfResource | undefined {
  const ref = typeof key.body.key_ring === "string" ? referencedResource(doc, key.body.key_ring) : undefined;
  return ref?.type === "google_kms_key_ring" ? ref : undefined;
}

/** The key a key version's `crypto_key` points at, and that key's ring, in the same document. */
function keyOf(doc: TfDocument, version: TfResource): { key: TfResource; ring: TfResource } | undefined {
  const key = typeof version.body.crypto_key === "string" ? referencedResource(doc, version.body.crypto_key) : undefined;
  const ring = key?.type === "google_kms_crypto_key" ? ringOf(doc, key) : undefined;
  return key && ring && literal(key.body.name) && literal(ring.body.project) ? { key, ring } : undefined;
}

/** The import blocks of `selection` in `docs`; `operatorProjectId` names the operator's project. */
export function adoptionPlan(docs: readonly TfDocument[], selection: AdoptSelection, operatorProjectId: string): AdoptPlan {
  const imports: Record<string, ImportBlock[]> = {};
  const problems: string[] = [];
  const notes: string[] = [];
  const found = new Set<string>();
  const add = (doc: TfDocument, r: TfResource, id: string, selected: string) => {
    (imports[doc.stack] ??= []).push({ to: r.address, id });
    found.add(selected);
  };
  const rings: string[] = [];
  const keys: string[] = [];
  const policies: string[] = [];
  const versioned = new Map<string, { doc: TfDocument; r: TfResource; keyId: string }>();

  for (const doc of docs) {
    for (const r of doc.resources) {
      const b = r.body;
      if (r.type === "google_project" && selection.operatorProject && literal(b.project_id)?.replace(/^[a-z0-9]+:/, "") === operatorProjectId) {
        add(doc, r, `projects/${b.project_id}`, "operatorProject");
      } else if (r.type === "google_kms_ekm_connection" && selection.ekmConnection && literal(b.project) && literal(b.name)) {
        add(doc, r, `projects/${b.project}/locations/${b.location}/ekmConnections/${b.name}`, "ekmConnection");
      } else if (r.type === "google_kms_key_ring" && literal(b.name) && literal(b.project)) {
        rings.push(b.name);
        if (selection.keyRings.includes(b.name)) add(doc, r, `projects/${b.project}/locations/${b.location}/keyRings/${b.name}`, `ring:${b.name}`);
      } else if (r.type === "google_kms_crypto_key" && literal(b.name)) {
        const ring = ringOf(doc, r);
        if (!ring || !literal(ring.body.project)) continue;
        const name = `${ring.body.name}/${b.name}`;
        keys.push(name);
        if (selection.keys.includes(name)) add(doc, r, cryptoKeyId(ring.body.project, ring.body.location, ring.body.name, b.name), `key:${name}`);
      } else if (r.type === "google_kms_crypto_key_version") {
        const owner = keyOf(doc, r);
        if (!owner) continue;
        const { key, ring } = owner;
        versioned.set(`${ring.body.name}/${key.body.name}`, {
          doc,
          r,
          keyId: cryptoKeyId(ring.body.project, ring.body.location, ring.body.name, key.body.name),
        });
      } else if (r.type === "google_org_policy_policy" && literal(b.name)) {
        const constraint = b.name.split("/policies/")[1];
        policies.push(constraint);
        if (selection.policies.includes(constraint)) add(doc, r, b.name, `policy:${constraint}`);
      }
    }
  }

  const list = (xs: string[]) => [...new Set(xs)].sort().join(", ") || "none";
  if (selection.operatorProject && !found.has("operatorProject")) {
    problems.push(`adopt.operatorProject: the stacks create no project ${operatorProjectId} (allowed: false, or operator.createProject: true)`);
  }
  if (selection.ekmConnection && !found.has("ekmConnection")) {
    problems.push("adopt.ekmConnection: the stacks declare no EKM connection (allowed: false, or operator.ekm set)");
  }
  selection.keyRings.forEach((ring, i) => {
    if (!found.has(`ring:${ring}`)) problems.push(`adopt.keyRings[${i}]: "${ring}" is not a key ring of the stacks (allowed: ${list(rings)})`);
  });
  selection.keys.forEach((key, i) => {
    if (!found.has(`key:${key}`)) problems.push(`adopt.keys[${i}]: "${key}" is not a key of the stacks (allowed: ${list(keys)})`);
  });
  selection.policies.forEach((c, i) => {
    if (!found.has(`policy:${c}`)) {
      problems.push(
        `adopt.policies[${i}]: no ${c} policy with a known parent in the stacks (allowed: ${list(policies)}; ` +
          "policies on the landing zone's own new root folder cannot exist yet)",
      );
    }
  });
  const chosen = new Map<string, number>();
  (selection.keyVersions ?? []).forEach((selected, i) => {
    const at = `adopt.keyVersions[${i}]`;
    const m = /^(.+)\/([0-9]+)$/.exec(selected);
    const key = m?.[1] ?? selected;
    const version = versioned.get(key);
    if (!m || !version) {
      problems.push(
        `${at}: "${selected}" is not <key>/<n> of a key whose version the stacks declare (allowed: ${list([...versioned.keys()].map((k) => `${k}/<n>`))})`,
      );
    } else if (chosen.has(key)) {
      problems.push(
        `${at}: "${selected}": the stacks declare one version of ${key}, already adopted as ${key}/${chosen.get(key)} (allowed: one version per key)`,
      );
    } else {
      chosen.set(key, Number(m[2]));
      add(version.doc, version.r, cryptoKeyVersionId(version.keyId, Number(m[2])), `version:${key}`);
    }
  });
  const unversioned = selection.keys.filter((k) => versioned.has(k) && !chosen.has(k));
  if (unversioned.length) {
    notes.push(
      `the stacks declare a key version for ${unversioned.join(", ")}: if the adopted key already has one, add adopt.keyVersions: [<key ring>/<key>/<n>] ` +
        "(gcloud kms keys versions list); otherwise terraform creates it",
    );
  }
  return { imports, problems, notes };
}
