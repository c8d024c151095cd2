/** Helpers shared by the rules: walking resources, the boundary, keys and IAM grants. */
import { typeFacts } from "../../catalog/google-types";
import type { TypeFacts } from "../../catalog/types";
import { apiProjectId, findCryptoKeyId } from "../../naming";
import type { SovereigntyProfile } from "../../profiles/profile";
import { firstAt } from "../address-index";
import { insideUnknownBlock, valuesAt } from "../paths";
import { UNRESOLVED, instancesOf, providerBlock, providerReference, resolve, resolvedStrings } from "../values";
import type { Hit, RuleContext, TfDocument, TfResource } from "../types";

/** A problem of a resource: a message, or a message and the attribute at fault (which a waiver may name). */
export type Problem = string | { readonly message: string; readonly attribute?: string };

/** Run `fn` on every resource of every document; each problem becomes a hit. */
export function eachResource(docs: readonly TfDocument[], fn: (r: TfResource, doc: TfDocument) => Problem[]): Hit[] {
  return eachResourceIn(docs, (doc) => doc.resources, fn);
}

/** Run `fn` on the resources `select` picks from each document (in the document's order); each problem becomes a hit. */
function eachResourceIn(
  docs: readonly TfDocument[],
  select: (doc: TfDocument) => readonly TfResource[],
  fn: (r: TfResource, doc: TfDocument) => Problem[],
): Hit[] {
  const hits: Hit[] = [];
  for (const doc of docs) {
    for (const r of select(doc)) {
      for (const p of fn(r, doc)) hits.push({ stack: doc.stack, address: r.address, ...(typeof p === "string" ? { message: p } : p) });
    }
  }
  return hits;
}

/** Each list of resources by type, as positions in the list (documents do not change). */
const BY_TYPE = new WeakMap<readonly TfResource[], Map<string, number[]>>();

/** The resources of `doc` whose type passes `test` (asked once per type of the document), in the document's order. */
export function resourcesOfType(doc: TfDocument, test: (type: string) => boolean): TfResource[] {
  const list = doc.resources;
  let byType = BY_TYPE.get(list);
  if (!byType) {
    byType = new Map();
    for (let i = 0; i < list.length; i++) {
      const at = byType.get(list[i].type);
      if (at) at.push(i);
      else byType.set(list[i].type, [i]);
    }
    BY_TYPE.set(list, byType);
  }
  const positions: number[] = [];
  for (const [type, at] of byType) if (test(type)) positions.push(...at);
  return positions.sort((a, b) => a - b).map((i) => list[i]);
}

/**
 * `eachResource` for a rule that judges some types only: `fn` runs on the
 * resources whose type passes `test`, the same hits in the same order,
 * without a call for every other resource of every stack.
 */
export function eachResourceOfType(
  docs: readonly TfDocument[],
  test: (type: string) => boolean,
  fn: (r: TfResource, doc: TfDocument) => Problem[],
): Hit[] {
  return eachResourceIn(docs, (doc) => resourcesOfType(doc, test), fn);
}

/** The resources of a document that grant something (`iamGrants`), in its order, read once per document. */
const GRANTING = new WeakMap<TfDocument, readonly TfResource[]>();

/** `eachResource` for the rules that judge grants: `fn` runs on the resources that grant something, with their grants. */
export function eachGrant(docs: readonly TfDocument[], fn: (r: TfResource, grants: readonly Grant[], doc: TfDocument) => Problem[]): Hit[] {
  const granting = (doc: TfDocument) => {
    let list = GRANTING.get(doc);
    if (!list) GRANTING.set(doc, (list = doc.resources.filter((r) => iamGrants(doc, r).length)));
    return list;
  };
  return eachResourceIn(docs, granting, (r, doc) => fn(r, iamGrants(doc, r), doc));
}

/** Run `fn` on every resource whose type the catalog knows. */
export function eachKnownResource(docs: readonly TfDocument[], fn: (r: TfResource, facts: TypeFacts, doc: TfDocument) => Problem[]): Hit[] {
  return eachResource(docs, (r, doc) => {
    const facts = typeFacts(r.type);
    return facts ? fn(r, facts, doc) : [];
  });
}

/**
 * A location value as the boundary compares it: lower case; a self link or a
 * resource name (`.../regions/X`, `projects/P/locations/X`) reduced to its
 * last segment; a Spanner config `regional-X` reduced to X.
 */
export function normalizeLocation(value: string): string {
  const lower = value.trim().toLowerCase();
  const last = lower.slice(lower.lastIndexOf("/") + 1);
  return last.startsWith("regional-") ? last.slice("regional-".length) : last;
}

export function inBoundary(profile: SovereigntyProfile, value: string): boolean {
  return profile.allowedLocations.includes(normalizeLocation(value));
}

export const allowedText = (profile: SovereigntyProfile) => profile.allowedLocations.join(", ");

/** The resolved strings at a path, in every instance of the resource (`count`, `for_each`); UNRESOLVED for each value that cannot be known. */
export function stringsAt(doc: TfDocument, body: Record<string, unknown>, path: string): (string | typeof UNRESOLVED)[] {
  return stringsOf(doc, body, valuesAt(body, path));
}

/** The resolved strings of some raw values of a resource's body, in every instance of the resource; UNRESOLVED for each value that cannot be known. */
export function stringsOf(doc: TfDocument, body: Record<string, unknown>, values: readonly unknown[]): (string | typeof UNRESOLVED)[] {
  if (!values.length) return [];
  const needsInstance = values.some(
    (v) => typeof v === "string" && (v.includes("count.index") || v.includes("each.")) && /\b(count\.index|each\.(key|value))\b/.test(v),
  );
  const instances = needsInstance ? instancesOf(doc, body) : [{}];
  return instances.flatMap((instance) => values.flatMap((v) => (instance ? resolvedStrings(doc, v, instance) : [UNRESOLVED])));
}

/**
 * The key ids a resource uses at one of its catalog key paths, resolved in every instance: the value itself; for a key
 * given in parts (`keyParts`), the id composed from them; for a path naming the resource that holds the key
 * (`keyHolders`), that holder's key, found by reference or by the last segment of its id among the document's
 * resources, UNRESOLVED when the holder is not there (its key cannot be verified).
 */
export function keyValuesAt(doc: TfDocument, r: TfResource, facts: TypeFacts, path: string): (string | typeof UNRESOLVED)[] {
  const parts = facts.keyParts;
  if (parts && path === `${parts.block}.${parts.key}`) {
    return valuesAt(r.body, parts.block).flatMap((block) => {
      const b = block as Record<string, unknown>;
      if (b[parts.key] === undefined) return [];
      const [project, location, ring, key] = [parts.project, parts.location, parts.ring, parts.key].map((k) => resolve(doc, b[k]));
      const known = [project, location, ring, key].every((v) => typeof v === "string" && v !== "");
      return [
        known ? `projects/${project as string}/locations/${location as string}/keyRings/${ring as string}/cryptoKeys/${key as string}` : UNRESOLVED,
      ];
    });
  }
  const holder = facts.keyHolders?.[path];
  if (!holder) return stringsAt(doc, r.body, path);
  return valuesAt(r.body, path).flatMap((raw) => {
    const held = holderOf(doc, raw, holder);
    return held ? stringsAt(doc, held.body, holder.key) : [UNRESOLVED];
  });
}

/** The resource of the document a key-holder value names: by reference, else by the last segment of the id it resolves to. */
function holderOf(doc: TfDocument, raw: unknown, holder: { readonly type: string; readonly name: string }): TfResource | undefined {
  const referenced = typeof raw === "string" ? referencedResource(doc, raw) : undefined;
  if (referenced) return referenced.type === holder.type ? referenced : undefined;
  const id = resolve(doc, raw);
  const name = typeof id === "string" ? id.split("/").pop() : undefined;
  return name ? doc.resources.find((h) => h.type === holder.type && resolve(doc, h.body[holder.name]) === name) : undefined;
}

/** What is wrong with a key value, if anything: not resolvable, not a KMS key, outside the operator project or the region. */
export function keyProblem(value: string | typeof UNRESOLVED, path: string, { profile, operatorProjectId }: RuleContext): string | undefined {
  if (value === UNRESOLVED) return `${path} cannot be resolved before apply: the key cannot be verified (allowed: an operator key id, or a waiver)`;
  const key = findCryptoKeyId(value);
  if (!key) return `${path} "${value}" is not a Cloud KMS key id (allowed: projects/P/locations/L/keyRings/R/cryptoKeys/K)`;
  // Without the operator's project, who holds the key cannot be judged: fail closed.
  if (!operatorProjectId)
    return `${path} "${value}" cannot be attributed: the operator's key project is not known (allowed: a key of the operator's project, named by operatorProjectId or --operator-project)`;
  const expected = apiProjectId(profile, operatorProjectId);
  if (key.projectId !== expected) return `${path} "${value}" is outside the operator's key project (allowed: projects/${expected})`;
  if (key.location !== profile.region) return `${path} "${value}" is not in the region (allowed: ${profile.region})`;
  return undefined;
}

/**
 * IAM members that mean "anyone", in any letter case, and spellings close enough that the rules cannot tell them apart
 * (fail closed): invisible characters (spaces, zero-width and format characters) are ignored, and the principal
 * identifier of everyone counts in both forms (`principal://` and `principalSet://goog/public:all`).
 */
export function isPublicMember(member: string): boolean {
  const visible = member.replace(/[\p{White_Space}\p{Cf}\u115f\u1160\u3164\uffa0]/gu, "").toLowerCase();
  return /(^|:)(allusers|allauthenticatedusers)$|^principal(set)?:\/\/goog\/public:all$/.test(visible);
}

/** One grant: a role and its members, or a note that it cannot be read. */
export interface Grant {
  readonly role: string | typeof UNRESOLVED;
  readonly members: readonly (string | typeof UNRESOLVED)[];
}

function bindingsOf(raw: unknown): Grant[] {
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((b: any) => ({
    role: typeof b?.role === "string" ? b.role : UNRESOLVED,
    members: (Array.isArray(b?.members) ? b.members : []).map((m: unknown) => (typeof m === "string" ? m : UNRESOLVED)),
  }));
}

/** The bindings of a `policy_data` value: a JSON string, or a reference to a `data.google_iam_policy`. */
function policyGrants(doc: TfDocument, raw: unknown): Grant[] {
  if (typeof raw === "string") {
    const ref = /^\$\{(data\.google_iam_policy\.[A-Za-z0-9_-]+)\.policy_data\}$/.exec(raw.trim());
    if (ref) {
      const data = dataAt(doc, ref[1]);
      if (data) return bindingsOf(data.body.binding).map((g) => resolvedGrant(doc, g));
    }
  }
  const value = resolve(doc, raw);
  if (typeof value !== "string") return [{ role: UNRESOLVED, members: [UNRESOLVED] }];
  try {
    return bindingsOf(JSON.parse(value).bindings);
  } catch {
    return [{ role: UNRESOLVED, members: [UNRESOLVED] }];
  }
}

/**
 * A member whose value is unknown before apply but whose kind is not: a typed
 * principal (`serviceAccount:service-${project.number}@...`) or an identity
 * Google creates (`${google_logging_project_sink.s.writer_identity}`, the
 * `email` of a Google resource or data source) is never the public. A
 * variable or a local is not such an identity, whatever its attribute is
 * called: `${var.pub.email}` can be `allUsers` at apply.
 */
const NAMED_UNKNOWN =
  /^(user|group|serviceAccount|domain|principal|deleted):|^\$\{(data\.)?google_[a-z0-9_]+\.[A-Za-z0-9_-]+\.(writer_identity|email|member|iam_email|service_account_email)\}$/;

function resolvedGrant(doc: TfDocument, g: Grant): Grant {
  const role = g.role === UNRESOLVED ? UNRESOLVED : resolve(doc, g.role);
  return {
    role: typeof role === "string" ? role : UNRESOLVED,
    members: g.members.flatMap((m) => {
      if (m === UNRESOLVED) return [UNRESOLVED];
      const values = resolvedStrings(doc, m);
      return typeof m === "string" && values.includes(UNRESOLVED) && NAMED_UNKNOWN.test(m.trim()) ? [m] : values;
    }),
  };
}

const ACL_ROLES: Record<string, string> = {
  OWNER: "roles/storage.legacyBucketOwner",
  WRITER: "roles/storage.legacyBucketWriter",
  READER: "roles/storage.legacyBucketReader",
};
const PUBLIC_PREDEFINED_ACL: Record<string, string> = {
  publicread: "allUsers",
  publicreadwrite: "allUsers",
  authenticatedread: "allAuthenticatedUsers",
};

/** Grants already read, per document and resource: several rules ask for the same resource's grants. */
const GRANTS = new WeakMap<TfDocument, Map<TfResource, readonly Grant[]>>();

/**
 * Every grant a resource makes: `*_iam_member`, `*_iam_binding`, `*_iam_policy`
 * (its `policy_data`), BigQuery dataset `access` blocks and dataset access
 * resources, storage ACLs (`role_entity`, `entity`) and public `predefined_acl`s.
 * Read once per resource of a document (documents do not change): the same list for every rule.
 */
export function iamGrants(doc: TfDocument, r: TfResource): readonly Grant[] {
  let byResource = GRANTS.get(doc);
  if (!byResource) GRANTS.set(doc, (byResource = new Map()));
  let grants = byResource.get(r);
  if (!grants) byResource.set(r, (grants = grantsOf(doc, r)));
  return grants;
}

function grantsOf(doc: TfDocument, r: TfResource): Grant[] {
  const b = r.body;
  if (isMemberOrBindingType(r.type)) {
    return [
      resolvedGrant(doc, {
        role: typeof b.role === "string" ? b.role : UNRESOLVED,
        members: [b.member, ...(Array.isArray(b.members) ? b.members : [])].filter((m) => m !== undefined),
      }),
    ];
  }
  if (/_iam_policy$/.test(r.type)) return policyGrants(doc, b.policy_data);
  const grants: Grant[] = [];
  const access =
    r.type === "google_bigquery_dataset"
      ? Array.isArray(b.access)
        ? b.access
        : b.access
          ? [b.access]
          : []
      : r.type === "google_bigquery_dataset_access"
        ? [b]
        : [];
  // Access blocks known only after apply (a plan without its configuration): who they grant cannot be known.
  if (r.type === "google_bigquery_dataset" && insideUnknownBlock(b, "access.role")) grants.push({ role: UNRESOLVED, members: [UNRESOLVED] });
  for (const a of access) {
    const members = [
      a.special_group,
      a.iam_member,
      a.user_by_email && `user:${a.user_by_email}`,
      a.group_by_email && `group:${a.group_by_email}`,
      a.domain && `domain:${a.domain}`,
    ].filter((m) => typeof m === "string");
    if (members.length) grants.push(resolvedGrant(doc, { role: typeof a.role === "string" ? a.role : UNRESOLVED, members }));
  }
  if (/^google_storage_.*(_acl|_access_control)$/.test(r.type)) {
    for (const entry of [...(Array.isArray(b.role_entity) ? b.role_entity : [])]) {
      const [role, entity] = String(entry).split(":");
      grants.push(resolvedGrant(doc, { role: ACL_ROLES[role] ?? role, members: [entity ?? ""] }));
    }
    if (typeof b.entity === "string") grants.push(resolvedGrant(doc, { role: ACL_ROLES[b.role] ?? String(b.role), members: [b.entity] }));
  }
  if (typeof b.predefined_acl === "string") {
    const member = PUBLIC_PREDEFINED_ACL[b.predefined_acl.toLowerCase()];
    if (member) grants.push({ role: `predefined_acl ${b.predefined_acl}`, members: [member] });
  }
  return grants;
}

/** Whether a type is an `_iam_member` or `_iam_binding` resource, which declares one role and its members. */
export const isMemberOrBindingType = (type: string): boolean => /_iam_(member|binding)$/.test(type);

/** Grants as declared by `_iam_member` and `_iam_binding` resources: raw strings, expressions kept (for the deploy graph and the BOM). */
export function declaredGrants(r: TfResource): { role: string; members: string[] }[] {
  if (!isMemberOrBindingType(r.type)) return [];
  const members = [r.body.member, ...(Array.isArray(r.body.members) ? r.body.members : [])].filter((m) => typeof m === "string");
  return typeof r.body.role === "string" ? [{ role: r.body.role, members }] : [];
}

/** The resource at `address` in `doc`: the first one, as `doc.resources.find` would find it. */
export function resourceAt(doc: TfDocument, address: string): TfResource | undefined {
  return firstAt(doc.resources, address);
}

/** The data source at `address` (`data.type.name`) in `doc`: the first one, as `doc.data.find` would find it. */
export function dataAt(doc: TfDocument, address: string): TfResource | undefined {
  return doc.data ? firstAt(doc.data, address) : undefined;
}

/** The resource, else the data source, at `address`: the first one, as `[...doc.resources, ...doc.data].find` would find it. */
export function blockAt(doc: TfDocument, address: string): TfResource | undefined {
  return resourceAt(doc, address) ?? dataAt(doc, address);
}

/** The resource a `${type.name.attr}` reference points at, in the same document. */
export function referencedResource(doc: TfDocument, value: string): TfResource | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(value);
  const r = m ? resourceAt(doc, `${m[1]}.${m[2]}`) : undefined;
  return r && r.type === m![1] ? r : undefined;
}

/** The location values of a resource as the catalog lists them, as `[attribute, value]` (raw, expressions kept). */
export function locationValuesOf(r: TfResource): [string, string][] {
  const facts = typeFacts(r.type);
  return (facts?.location ?? []).flatMap((path) => valuesAt(r.body, path).map((v) => [path.split(".").pop()!, String(v)] as [string, string]));
}

export { isExpression } from "../values";

/** The local name of the provider a resource uses: its `provider` meta-argument (`google-beta.eu`), else its type's prefix. */
export function providerLocalName(r: TfResource): string {
  const reference = providerReference(r.body);
  if (reference !== undefined) return reference.split(".")[0];
  const end = r.type.indexOf("_");
  return end < 0 ? r.type : r.type.slice(0, end);
}

/** The provider serving a resource, normalized: from a plan as written, else through the local name and `required_providers`. */
export function providerSourceOf(doc: TfDocument, r: TfResource): string {
  if (r.providerSource) return r.providerSource;
  const name = providerLocalName(r);
  return name === "terraform" ? "terraform.io/builtin/terraform" : providerSourceOfName(doc, name);
}

/** The address of a provider block as Terraform prints it: `provider.<local name>`, `provider.<local name>.<alias>`. */
export function providerAddress(name: string, block: Record<string, any>, index: number): string {
  return `provider.${name}${block.alias ? `.${block.alias}` : index ? `[${index}]` : ""}`;
}

/** The normalized source of a provider local name: from `required_providers` or a plan, else Terraform's default (`hashicorp/<name>`). */
export function providerSourceOfName(doc: TfDocument, name: string): string {
  return doc.providerSources?.[name] ?? `hashicorp/${name}`;
}

/** Google's providers, as normalized sources. */
export const GOOGLE_PROVIDER_SOURCES: ReadonlySet<string> = new Set(["hashicorp/google", "hashicorp/google-beta"]);

/** The provider block a resource uses (its `provider` meta-argument, else the default one of its provider). */
export function providerOf(doc: TfDocument, r: TfResource): Record<string, any> | undefined {
  return providerBlock(doc, r.body);
}

/**
 * The host an `http(s)` URL sends requests to, lower case, as a URL parser
 * reads it (`https://evil.example?.googleapis.com/` goes to `evil.example`,
 * `https://a.googleapis.com@evil.example/` too); undefined for anything else,
 * or a URL with credentials in it.
 */
export function urlHost(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) return undefined;
  return parsed.hostname.toLowerCase() || undefined;
}

/** The region or zone a Google API endpoint names (`bigquery.us-central1.rep.googleapis.com`, `us-central1-aiplatform.googleapis.com`), if any. */
export function endpointLocation(url: string): string | undefined {
  const host = urlHost(url) ?? "";
  return /(?:^|[.-])([a-z]+-[a-z]+\d+(?:-[a-z])?)(?=[.-])/.exec(host)?.[1];
}
