/**
 * Deploy readiness: a Cloud SQL instance's edition matches its tier.
 * Enterprise Plus runs only the performance-optimized tiers; new PostgreSQL
 * 16+ and MySQL 8.4+ instances default to Enterprise Plus, so an Enterprise
 * tier without `edition` fails ("Invalid Tier"), docs/deployment.md, "Cloud SQL".
 */
import type { Rule, TfResource } from "../types";
import { eachResource } from "./helpers";
import { block } from "./deploy-graph";

/** Versions whose new instances default to Enterprise Plus. */
const PLUS_BY_DEFAULT = /^(POSTGRES_(1[6-9]|[2-9]\d)|MYSQL_8_[4-9]|MYSQL_9_\d+)$/;

function problems(r: TfResource): string[] {
  if (r.type !== "google_sql_database_instance") return [];
  const settings = block(r.body.settings);
  const tier = settings?.tier;
  if (typeof tier !== "string" || tier.includes("${")) return [];
  const plusTier = tier.startsWith("db-perf-optimized-");
  const edition = settings?.edition;
  if (edition === undefined || edition === null) {
    const version = String(r.body.database_version ?? "");
    return PLUS_BY_DEFAULT.test(version) && !plusTier
      ? [`uses tier ${tier} without an edition; ${version} defaults to ENTERPRISE_PLUS, which refuses it (allowed: edition ENTERPRISE)`]
      : [];
  }
  if (edition === "ENTERPRISE_PLUS" && !plusTier) return [`uses tier ${tier} with edition ENTERPRISE_PLUS (allowed: db-perf-optimized-N-* tiers)`];
  if (edition === "ENTERPRISE" && plusTier) return [`uses tier ${tier} with edition ENTERPRISE (allowed: edition ENTERPRISE_PLUS)`];
  return [];
}

export const deploySqlEditionRule: Rule = {
  id: "SOV-DEP-007",
  severity: "error",
  title: "A Cloud SQL instance's edition matches its tier",
  why: "Enterprise Plus accepts only performance-optimized tiers and is the default of recent versions; a mismatch fails the apply",
  fix: "Set settings.edition: ENTERPRISE for db-custom-*/shared-core tiers, ENTERPRISE_PLUS for db-perf-optimized-N-* (SovereignSqlInstance does)",
  scope: "stack",
  check: (docs) => eachResource(docs, (r) => problems(r)),
};
