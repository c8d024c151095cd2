import { CMEK_REQUIRED_SERVICES, GUARDRAIL_CONSTRAINTS } from "../../catalog/guardrail-policies";
import { apiProjectId } from "../../naming";
import type { SovereigntyProfile } from "../../profiles/profile";
import type { Rule, TfDocument, TfResource } from "../types";
import { resolve } from "../values";
import { inBoundary } from "./helpers";
import { ORG_POLICY_TYPES, onRoot } from "./SOV-GRD-001";

const asList = (v: unknown): any[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isTrue = (v: unknown) => v === true || v === "TRUE" || v === "true";
const isFalse = (v: unknown) => v === false || v === "FALSE" || v === "false";

/** The constraint an org policy sets, without the `constraints/` prefix. */
function constraintOf(doc: TfDocument, r: TfResource): string | undefined {
  const raw = r.type === "google_org_policy_policy" ? r.body.name : r.body.constraint;
  const m = /(?:^|\/)(?:constraints\/)?([A-Za-z0-9_.]+)$/.exec(String(raw ?? ""));
  if (m) return m[1];
  const v = resolve(doc, raw);
  return typeof v === "string" ? v.split("/").pop() : undefined;
}

/** Whether an allowed value of gcp.resourceLocations stays inside the boundary. */
export const locationValueInside = (profile: SovereigntyProfile, v: unknown) =>
  typeof v === "string" && (v.replace(/^in:/, "in:") === profile.locationPolicyValue || inBoundary(profile, v.replace(/^(is|in):/, "")));

/**
 * How a policy loosens its constraint, if it does. A `google_org_policy_policy`
 * is the whole policy of its node: without `spec` it enforces nothing there
 * (a `dry_run_spec` only simulates, logging what it would deny). Below the
 * root the node then inherits the root's policy, which is no loosening; on
 * the root or the organization, where the guardrail lives, it is.
 */
function loosening(
  doc: TfDocument,
  r: TfResource,
  constraint: string,
  profile: SovereigntyProfile,
  operatorProjectId: string | undefined,
  onTheRoot: boolean,
): string[] {
  const problems: string[] = [];
  const b = r.body;
  if (r.type === "google_org_policy_policy") {
    const spec = asList(b.spec)[0];
    if (!spec) {
      if (!onTheRoot) return [];
      return [
        asList(b.dry_run_spec).length
          ? "only simulates the constraint (dry_run_spec without spec): nothing is enforced"
          : "has no spec: nothing is enforced",
      ];
    }
    if (isTrue(spec.reset)) problems.push("resets the policy to Google's default (reset = true)");
    for (const rule of asList(spec.rules)) {
      if (isTrue(rule.allow_all)) problems.push("allows all values (allow_all)");
      if (isFalse(rule.enforce)) problems.push("stops enforcing the constraint (enforce = FALSE)");
      const values = asList(rule.values)[0] ?? {};
      const allowed = asList(values.allowed_values).map((v) => resolve(doc, v));
      if (constraint === "gcp.resourceLocations") {
        const wide = allowed.filter((v) => !locationValueInside(profile, v));
        if (wide.length) problems.push(`allows locations outside the boundary: ${wide.map(String).join(", ")}`);
      }
      if (constraint === "gcp.restrictCmekCryptoKeyProjects" && operatorProjectId) {
        const expected = `projects/${apiProjectId(profile, operatorProjectId)}`;
        const other = allowed.filter((v) => typeof v !== "string" || !(v.endsWith(expected) || v.includes(`${expected}/`)));
        if (other.length) problems.push(`allows keys from other projects: ${other.map(String).join(", ")}`);
      }
    }
    if (constraint === "gcp.restrictNonCmekServices" && isFalse(spec.inherit_from_parent)) {
      const denied = new Set(asList(spec.rules).flatMap((rule) => asList(asList(rule.values)[0]?.denied_values)));
      const dropped = CMEK_REQUIRED_SERVICES.filter((s) => !denied.has(s));
      if (dropped.length) problems.push(`stops inheriting the deny-list and drops ${dropped.join(", ")}`);
    }
    return problems;
  }
  // Legacy organization policies (google_{organization,folder,project}_organization_policy).
  if (isTrue(asList(b.restore_policy)[0]?.default)) problems.push("restores Google's default (restore_policy)");
  if (isFalse(asList(b.boolean_policy)[0]?.enforced)) problems.push("stops enforcing the constraint (boolean_policy.enforced = false)");
  const list = asList(b.list_policy)[0];
  const allow = asList(list?.allow)[0];
  if (isTrue(allow?.all)) problems.push("allows all values (list_policy.allow.all)");
  if (constraint === "gcp.resourceLocations") {
    const wide = asList(allow?.values)
      .map((v) => resolve(doc, v))
      .filter((v) => !locationValueInside(profile, v));
    if (wide.length) problems.push(`allows locations outside the boundary: ${wide.map(String).join(", ")}`);
  }
  return problems;
}

/** SOV-GRD-002: no organization policy below the root loosens a guardrail constraint. */
export const guardrailLooseningRule: Rule<"SOV-GRD-002"> = {
  id: "SOV-GRD-002",
  severity: "error",
  title: "No organization policy loosens a guardrail constraint (allow_all, reset, enforce = FALSE, wider values, only a dry run on the root)",
  why: "A policy on a folder or project overrides the root's: one that loosens a guardrail reopens the boundary below it",
  fix: "Remove the policy, tighten instead, or record a written exception (a waiver with a reason) for that folder",
  scope: "stack",
  check: (docs, { profile, operatorProjectId }) =>
    docs.flatMap((doc) =>
      doc.resources.flatMap((r) => {
        if (!ORG_POLICY_TYPES.has(r.type)) return [];
        const constraint = constraintOf(doc, r);
        if (!constraint || !GUARDRAIL_CONSTRAINTS.has(constraint)) return [];
        const parent = r.type === "google_org_policy_policy" ? r.body.parent : (r.body.folder ?? r.body.project ?? r.body.org_id);
        const onTheRoot = onRoot(docs, doc, parent) && r.type !== "google_folder_organization_policy";
        const where = onTheRoot ? "on the root" : "below the root";
        return loosening(doc, r, constraint, profile, operatorProjectId, onTheRoot).map((p) => ({
          stack: doc.stack,
          address: r.address,
          message: `${constraint} ${where}: ${p} (allowed: the guardrail's values, or tighter)`,
        }));
      }),
    ),
};
