/**
 * Build the bill of materials from Terraform documents (the rule engine's
 * reader: `cdk.tf.json`, any `*.tf.json`, or a plan). Keys are resolved
 * through literal ids and references within a document; what cannot be
 * resolved is listed as unattributed, never dropped.
 */
import { typeFacts } from "../catalog/google-types";
import { valuesAt } from "../checks/paths";
import { declaredGrants, isExpression, locationValuesOf, referencedResource } from "../checks/rules/helpers";
import type { RuleContext, TfDocument, TfResource } from "../checks/types";
import { apiProjectId, cryptoKeyId, parseCryptoKeyId, tenantOfKeyRing, tenantOfStack } from "../naming";
import { BOM_FORMAT_VERSION, type BillOfMaterials, type BomKey, type BomOwner, type BomResource, type BomWaiver, type KeyGrant } from "./types";

type Json = Record<string, any>;
type MutableKey = { -readonly [K in keyof BomKey]: BomKey[K] } & { grants: KeyGrant[] };

const KEY_RING_ID = /^projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)$/;

/** A single block (cdktf writes objects, plans write one-element lists). */
const block = (v: unknown): Json | undefined => (Array.isArray(v) ? v[0] : v && typeof v === "object" ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && !isExpression(v) ? v : undefined);

/** The key ring a `key_ring` value points at: a literal id, or a reference to a key ring in the same document. */
function keyRingOf(doc: TfDocument, value: unknown): { project: string; location: string; name: string } | undefined {
  if (typeof value !== "string") return undefined;
  const literal = KEY_RING_ID.exec(value);
  if (literal) return { project: literal[1], location: literal[2], name: literal[3] };
  const ring = referencedResource(doc, value);
  const [project, location, name] = [str(ring?.body.project), str(ring?.body.location), str(ring?.body.name)];
  return ring?.type === "google_kms_key_ring" && project && location && name ? { project, location, name } : undefined;
}

/** Every key declared in the documents, by id and by `stack/address`. */
function declaredKeys(docs: readonly TfDocument[], context: RuleContext) {
  const byId = new Map<string, MutableKey>();
  const byAddress = new Map<string, MutableKey>();
  for (const doc of docs) {
    for (const r of doc.resources.filter((x) => x.type === "google_kms_crypto_key")) {
      const ring = keyRingOf(doc, r.body.key_ring);
      const name = str(r.body.name);
      if (!ring || !name) continue;
      const project = apiProjectId(context.profile, ring.project.replace(/^[a-z0-9]+:/, ""));
      const template = block(r.body.version_template);
      const backend = typeof r.body.crypto_key_backend === "string" ? r.body.crypto_key_backend : undefined;
      const ekm = backend ? referencedResource(doc, backend) : undefined;
      const key: MutableKey = {
        id: cryptoKeyId(project, ring.location, ring.name, name),
        status: "declared",
        project,
        location: ring.location,
        keyRing: ring.name,
        key: name,
        protectionLevel: str(template?.protection_level) ?? "SOFTWARE",
        ...(backend
          ? { ekmConnection: ekm ? `projects/${ekm.body.project}/locations/${ekm.body.location}/ekmConnections/${ekm.body.name}` : backend }
          : {}),
        declaredIn: { stack: doc.stack, address: r.address },
        grants: [],
      };
      byId.set(key.id, key);
      byAddress.set(`${doc.stack}/${r.address}`, key);
    }
    for (const v of doc.resources.filter((x) => x.type === "google_kms_crypto_key_version")) {
      const key = typeof v.body.crypto_key === "string" ? keyAt(doc, v.body.crypto_key, byId, byAddress) : undefined;
      const options = block(v.body.external_protection_level_options);
      if (!key || !options) continue;
      if (typeof options.ekm_connection_key_path === "string") key.ekmKeyPath = options.ekm_connection_key_path;
      if (typeof options.external_key_uri === "string") key.externalKeyUri = options.external_key_uri;
    }
  }
  return { byId, byAddress };
}

/** The declared key a value (literal id or `${google_kms_crypto_key.x.id}`) designates. */
function keyAt(doc: TfDocument, value: string, byId: Map<string, MutableKey>, byAddress: Map<string, MutableKey>): MutableKey | undefined {
  const ref = referencedResource(doc, value);
  if (ref) return byAddress.get(`${doc.stack}/${ref.address}`);
  return byId.get(value);
}

/** Add the grants declared on keys, key rings and the keys' projects. */
function collectGrants(docs: readonly TfDocument[], keys: Map<string, MutableKey>, byAddress: Map<string, MutableKey>, context: RuleContext) {
  const all = [...keys.values()];
  for (const doc of docs) {
    for (const r of doc.resources) {
      const grants = declaredGrants(r);
      if (!grants.length) continue;
      let targets: MutableKey[] = [];
      let scope: KeyGrant["scope"] = "key";
      if (r.type.startsWith("google_kms_crypto_key_iam_") && typeof r.body.crypto_key_id === "string") {
        const key = keyAt(doc, r.body.crypto_key_id, keys, byAddress);
        targets = key ? [key] : [];
      } else if (r.type.startsWith("google_kms_key_ring_iam_")) {
        const ring = keyRingOf(doc, r.body.key_ring_id);
        scope = "keyRing";
        targets = ring ? all.filter((k) => k.keyRing === ring.name && k.location === ring.location && k.project?.endsWith(ring.project)) : [];
      } else if (r.type.startsWith("google_project_iam_") && grants.some((g) => g.role.startsWith("roles/cloudkms."))) {
        const project = str(r.body.project);
        scope = "project";
        targets = project ? all.filter((k) => k.project === apiProjectId(context.profile, project)) : [];
      }
      for (const key of targets) {
        for (const g of grants.filter((x) => scope !== "project" || x.role.startsWith("roles/cloudkms."))) {
          for (const member of g.members) key.grants.push({ member, role: g.role, scope, stack: doc.stack, address: r.address });
        }
      }
    }
  }
}

/** The key a CMEK value designates: declared, referenced by literal id, or unattributed. */
function keyOfValue(doc: TfDocument, value: unknown, keys: Map<string, MutableKey>, byAddress: Map<string, MutableKey>): MutableKey {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const known = (typeof value === "string" ? keyAt(doc, value, keys, byAddress) : undefined) ?? keys.get(text);
  if (known) return known;
  const parsed = typeof value === "string" ? parseCryptoKeyId(value) : undefined;
  if (parsed && !isExpression(value)) {
    const key: MutableKey = {
      id: text,
      status: "referenced",
      project: parsed.projectId,
      location: parsed.location,
      keyRing: parsed.keyRing,
      key: parsed.key,
      grants: [],
    };
    keys.set(key.id, key);
    return key;
  }
  const key: MutableKey = { id: text, status: "unattributed", grants: [] };
  keys.set(key.id, key);
  return key;
}

/** Who owns a stack's resources: a tenant, the platform, or the foreign document itself. */
function ownerOf(doc: TfDocument): { owner: string; kind: BomOwner["kind"] } {
  const tenant = tenantOfStack(doc.stack);
  if (tenant) return { owner: tenant, kind: "tenant" };
  if (doc.stack === "key-custody" || doc.stack === "foundation") return { owner: "platform", kind: "platform" };
  return { owner: doc.stack, kind: "document" };
}

/**
 * Waivers of a resource: the rule waivers that cover it (written on the
 * resource), and the guardrail waivers of its construct or an ancestor.
 */
function waiversOf(doc: TfDocument, r: TfResource): BomWaiver[] {
  const path: string | undefined = r.body["//"]?.metadata?.path;
  const guardrails = doc.waivers.filter((w) => w.ruleId.startsWith("guardrail:") && path && (path === w.path || path.startsWith(`${w.path}/`)));
  return [...r.waivers, ...guardrails].map((w) => ({
    what: `${w.ruleId}${w.attribute ? ` (${w.attribute})` : ""}${w.expires ? ` until ${w.expires}` : ""}`,
    reason: w.reason,
    path: w.path,
  }));
}

/** The bill of materials of a set of documents. */
export function buildBom(docs: readonly TfDocument[], context: RuleContext): BillOfMaterials {
  const { byId: keys, byAddress } = declaredKeys(docs, context);
  collectGrants(docs, keys, byAddress, context);
  const operatorProject = context.operatorProjectId && apiProjectId(context.profile, context.operatorProjectId);

  const owners = new Map<string, { owner: string; kind: BomOwner["kind"]; stacks: string[]; resources: BomResource[]; keys: Set<string> }>();
  for (const doc of docs) {
    const { owner, kind } = ownerOf(doc);
    const entry = owners.get(owner) ?? { owner, kind, stacks: [], resources: [], keys: new Set<string>() };
    owners.set(owner, entry);
    entry.stacks.push(doc.stack);
    for (const r of doc.resources) {
      const cmek = typeFacts(r.type)?.cmek ?? [];
      const used = cmek.flatMap((path) => valuesAt(r.body, path)).map((v) => keyOfValue(doc, v, keys, byAddress).id);
      used.forEach((id) => entry.keys.add(id));
      entry.resources.push({
        stack: doc.stack,
        address: r.address,
        type: r.type,
        locations: locationValuesOf(r).map(([k, v]) => `${k}=${v}`),
        keys: used,
        cmekCapable: cmek.length > 0,
        waivers: waiversOf(doc, r),
      });
    }
  }
  // A tenant's key ring belongs to the tenant even where no resource uses a key yet.
  for (const key of keys.values()) {
    const tenant = key.keyRing ? tenantOfKeyRing(key.keyRing) : undefined;
    const entry = tenant ? owners.get(tenant) : key.keyRing === "platform" ? owners.get("platform") : undefined;
    entry?.keys.add(key.id);
    if (operatorProject && key.project) key.operatorHeld = key.project === operatorProject;
  }

  const ownerList: BomOwner[] = [...owners.values()]
    .sort((a, b) => (a.kind === b.kind ? a.owner.localeCompare(b.owner) : a.kind === "platform" ? -1 : b.kind === "platform" ? 1 : 0))
    .map((o) => ({ owner: o.owner, kind: o.kind, stacks: o.stacks, resources: o.resources, keys: [...o.keys].sort() }));
  const keyList = [...keys.values()].sort((a, b) => a.id.localeCompare(b.id));
  const resources = ownerList.flatMap((o) => o.resources);
  return {
    format: BOM_FORMAT_VERSION,
    profile: context.profile.name,
    region: context.profile.region,
    ...(context.operatorProjectId ? { operatorProjectId: context.operatorProjectId } : {}),
    owners: ownerList,
    keys: keyList,
    summary: {
      owners: ownerList.length,
      resources: resources.length,
      keys: keyList.length,
      unattributedKeys: keyList.filter((k) => k.status === "unattributed").length,
      resourcesWithoutKey: resources.filter((r) => r.cmekCapable && !r.keys.length).length,
      waivers: resources.reduce((n, r) => n + r.waivers.length, 0),
    },
  };
}
