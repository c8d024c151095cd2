import type { Rule, TfDocument, TfResource } from "../types";
import { resolve } from "../values";
import { inBoundary } from "./helpers";

/** Org-policy resources of every flavour (v2 policies and the legacy per-parent ones). */
export const ORG_POLICY_TYPES = new Set([
  "google_org_policy_policy",
  "google_organization_policy",
  "google_folder_organization_policy",
  "google_project_organization_policy",
]);

/** Whether an org policy is set on the organization itself (an unresolved parent may be: fail closed). */
function onOrganization(doc: TfDocument, r: TfResource): boolean {
  if (r.type === "google_organization_policy") return true;
  if (r.type !== "google_org_policy_policy") return false;
  const parent = resolve(doc, r.body.parent);
  return typeof parent !== "string" || /^organizations\//.test(parent);
}

/**
 * Whether the checked set defines a landing-zone root: it creates folders (its top folders are roots) or sets
 * organization policies on the organization. Folder- and project-level policies alone (a security team's policies
 * below a root defined elsewhere) do not make a landing zone: their loosening is SOV-GRD-002's.
 */
export function holdsLandingZone(docs: readonly TfDocument[]): boolean {
  return docs.some((d) => d.resources.some((r) => r.type === "google_folder" || (ORG_POLICY_TYPES.has(r.type) && onOrganization(d, r))));
}

/** The `google_folder` resources of the set, each with its stack. */
const foldersOf = (docs: readonly TfDocument[]) =>
  docs.flatMap((doc) => doc.resources.filter((r) => r.type === "google_folder").map((r) => ({ doc, r })));

/**
 * The names a folder of the set goes by once it exists (`folders/<id>`): its
 * `name` or `folder_id`, which a plan or a state knows for a folder already
 * created, and a configuration does not.
 */
function knownNames(doc: TfDocument, folder: TfResource): string[] {
  const name = resolve(doc, folder.body.name);
  const id = resolve(doc, folder.body.folder_id);
  return [
    ...(typeof name === "string" && /^folders\/\d+$/.test(name) ? [name] : []),
    ...((typeof id === "string" && /^\d+$/.test(id)) || typeof id === "number" ? [`folders/${id}`] : []),
  ];
}

/**
 * The `google_folder` resources of the set that sit at the top: under an
 * organization, or under a folder outside the set. A parent written as a
 * reference to a folder of the set, or given literally as the known name of
 * one (a plan of a landing zone that exists), is not the top.
 */
export function rootFolders(docs: readonly TfDocument[]): Set<string> {
  const folders = foldersOf(docs);
  const inSet = new Set(folders.flatMap(({ doc, r }) => knownNames(doc, r)));
  const roots = new Set<string>();
  for (const { doc, r } of folders) {
    const parent = String(r.body.parent ?? "");
    if (/\$\{google_folder\./.test(parent)) continue;
    const value = resolve(doc, r.body.parent);
    if (typeof value === "string" && inSet.has(value)) continue;
    roots.add(r.address);
  }
  return roots;
}

/** Whether an org policy's parent is the organization or a landing-zone root folder. */
export function onRoot(docs: readonly TfDocument[], doc: TfDocument, parent: unknown): boolean {
  const raw = String(parent ?? "");
  const ref = /^\$\{(google_folder\.[^.}]+)\.(name|id|folder_id)\}$/.exec(raw);
  if (ref) return rootFolders(docs).has(ref[1]);
  const value = resolve(doc, parent);
  if (typeof value !== "string") return false;
  if (/^organizations\/\d+$/.test(value)) return true;
  if (!/^folders\/\d+$/.test(value)) return false;
  const folders = foldersOf(docs);
  // A literal folder is the root if it is the known name of a root folder of the set, or if the set holds no folder it could be compared with.
  if (!folders.length) return true;
  const roots = rootFolders(docs);
  return folders.some(({ doc: d, r }) => roots.has(r.address) && knownNames(d, r).includes(value));
}

const asList = (v: unknown): any[] => (Array.isArray(v) ? v : v ? [v] : []);

/** The rules of a `google_org_policy_policy` spec (or dry-run spec). */
export function specRules(spec: unknown): any[] {
  return asList(spec).flatMap((s: any) => asList(s?.rules));
}

/** Whether a gcp.resourceLocations policy enforces only the boundary, unconditionally: its `spec` (a `dry_run_spec` enforces nothing). */
function restrictsLocations(doc: TfDocument, r: TfResource, profile: Parameters<Rule["check"]>[1]["profile"]): boolean {
  const spec = r.body.spec;
  const s = asList(spec)[0];
  if (!s || s.reset === true) return false;
  const rules = specRules(spec);
  if (
    !rules.length ||
    rules.some((rule) => asList(rule.condition).some((c: any) => c?.expression) || rule.allow_all === "TRUE" || rule.allow_all === true)
  )
    return false;
  const allowed = rules.flatMap((rule) => asList(rule.values).flatMap((v: any) => asList(v?.allowed_values))).map((v) => resolve(doc, v));
  return allowed.length > 0 && allowed.every((v) => typeof v === "string" && (v === profile.locationPolicyValue || inBoundary(profile, v)));
}

/** SOV-GRD-001: a landing zone carries the location guardrail, unconditionally, on its root or the organization. */
export const locationGuardrailRule: Rule<"SOV-GRD-001"> = {
  id: "SOV-GRD-001",
  severity: "error",
  title: "A landing zone enforces gcp.resourceLocations (a spec, not only a dry run), unconditional, on its root folder or the organization",
  why: "The policy stops resources created outside Terraform, in every project below it",
  fix: "Apply SovereignGuardrails to the landing-zone root folder (the foundation stack does)",
  scope: "set",
  check: (docs, { profile, requireGuardrails }) => {
    if (!docs.length || !(requireGuardrails || holdsLandingZone(docs))) return [];
    const guarded = docs.some((doc) =>
      doc.resources.some(
        (r) =>
          r.type === "google_org_policy_policy" &&
          /\/policies\/gcp\.resourceLocations$/.test(String(r.body.name)) &&
          onRoot(docs, doc, r.body.parent) &&
          restrictsLocations(doc, r, profile),
      ),
    );
    if (guarded) return [];
    return [
      {
        stack: docs[0].stack,
        address: "(landing zone)",
        message: `no unconditional gcp.resourceLocations policy allowing only ${profile.locationPolicyValue} on the landing-zone root or the organization`,
      },
    ];
  },
};
