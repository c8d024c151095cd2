/**
 * Deploy readiness: `dry_run_spec` only on constraints that accept it; the
 * API fails the call for the others (docs/deployment.md, "Checked and decided").
 */
import { supportsDryRun } from "../../catalog/org-policy-dry-run";
import type { Rule, TfResource } from "../types";
import { eachResource } from "./helpers";

function problems(r: TfResource): string[] {
  if (r.type !== "google_org_policy_policy" || r.body.dry_run_spec === undefined || r.body.dry_run_spec === null) return [];
  const name = typeof r.body.name === "string" ? r.body.name : "";
  const constraint = /\/policies\/([^/${}]+)$/.exec(name)?.[1];
  if (!constraint) return [`has a dry_run_spec on a constraint that cannot be read from its name (allowed: managed or custom constraints)`];
  return supportsDryRun(constraint)
    ? []
    : [`has a dry_run_spec on ${constraint}, which does not support dry run (allowed: managed constraints *.managed.* or custom constraints)`];
}

export const deployDryRunRule: Rule = {
  id: "SOV-DEP-004",
  severity: "error",
  title: "dry_run_spec only on constraints that support dry run",
  why: "Google accepts dry-run policies for only a few constraints; creating one for another constraint fails the apply",
  fix: "Enforce the constraint with spec (policies are not retroactive), or use its managed equivalent (*.managed.*) in dry run",
  scope: "stack",
  check: (docs) => eachResource(docs, (r) => problems(r)),
};
