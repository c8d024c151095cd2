/**
 * Deploy readiness: Cloud SQL asks only for what the profile's universe
 * offers (`profile.cloudSql`). On S3NS: C3 tiers only (so Enterprise Plus),
 * no SQL Server, and no Private Services Access, Private Service Connect
 * instead (docs/deployment.md, "Cloud SQL").
 */
import type { CloudSqlFacts } from "../../profiles/profile";
import type { Rule, TfResource } from "../types";
import { eachResource } from "./helpers";
import { block } from "./deploy-graph";

const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !v.includes("${");

function problems(r: TfResource, sql: CloudSqlFacts, profile: string): string[] {
  const where = `Cloud SQL on profile ${profile}`;
  if (r.type === "google_service_networking_connection" && !sql.privateServicesAccess) {
    return [
      `creates a Private Services Access peering, which ${where} does not offer (allowed: Private Service Connect, settings.ip_configuration.psc_config)`,
    ];
  }
  if (r.type !== "google_sql_database_instance") return [];
  const out: string[] = [];
  const settings = block(r.body.settings);
  const tier = settings?.tier;
  if (sql.tiers && known(tier) && !sql.tiers.includes(tier))
    out.push(`uses tier ${tier}, which ${where} does not offer (allowed: ${sql.tiers.join(", ")})`);
  const version = r.body.database_version;
  if (sql.engines && known(version) && !sql.engines.includes(version.split("_")[0])) {
    out.push(`runs ${version}, which ${where} does not offer (allowed: ${sql.engines.map((e) => `${e}_*`).join(", ")})`);
  }
  const network = block(settings?.ip_configuration)?.private_network;
  if (!sql.privateServicesAccess && network !== undefined && network !== null && network !== "") {
    out.push(
      `has a private IP on ${String(network)} through Private Services Access, which ${where} does not offer (allowed: psc_config with psc_enabled)`,
    );
  }
  return out;
}

export const deploySqlUniverseRule: Rule = {
  id: "SOV-DEP-008",
  severity: "error",
  title: "Cloud SQL asks only for what the profile's universe offers",
  why: "S3NS offers Cloud SQL Enterprise Plus on C3 tiers only, no SQL Server and no Private Services Access; anything else fails the apply",
  fix: "On s3ns use a db-perf-optimized-C-* tier, PostgreSQL or MySQL, and Private Service Connect (SovereignSqlInstance privateServiceConnect)",
  scope: "stack",
  check: (docs, { profile }) => eachResource(docs, (r) => problems(r, profile.cloudSql, profile.name)),
};
