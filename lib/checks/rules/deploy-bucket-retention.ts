/**
 * Deploy readiness: Cloud Storage does not combine Object Versioning with a
 * bucket retention policy (docs/deployment.md, "Checked and decided").
 */
import type { Rule, TfResource } from "../types";
import { eachResource } from "./helpers";
import { block } from "./deploy-graph";

function problems(r: TfResource): string[] {
  if (r.type !== "google_storage_bucket") return [];
  const versioned = block(r.body.versioning)?.enabled;
  const retention = block(r.body.retention_policy);
  if (!retention || (versioned !== true && versioned !== "true")) return [];
  return ["enables Object Versioning together with a retention policy (allowed: one of them)"];
}

export const deployBucketRetentionRule: Rule = {
  id: "SOV-DEP-005",
  severity: "error",
  title: "A bucket has Object Versioning or a retention policy, not both",
  why: "Cloud Storage refuses Object Versioning on a bucket with a retention policy, so the apply fails",
  fix: "Keep the retention policy (objects cannot be deleted or replaced before it expires) and turn versioning off, or drop the retention",
  scope: "stack",
  check: (docs) => eachResource(docs, (r) => problems(r)),
};
