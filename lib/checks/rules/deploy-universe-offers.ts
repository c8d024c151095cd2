/**
 * Deploy readiness: Cloud SQL, Compute Engine and log sinks ask only for
 * what the profile's universe offers (`profile.cloudSql`, `compute`, `logging`). On S3NS:
 * Cloud SQL on C3 tiers only (so Enterprise Plus), no SQL Server, no Private
 * Services Access (Private Service Connect instead); Hyperdisk Balanced the
 * only disk type; log sinks to log buckets, projects and Pub/Sub only
 * (docs/deployment.md, "Cloud SQL", "Compute Engine on S3NS", "Cloud Logging on S3NS").
 */
import type { SovereigntyProfile } from "../../profiles/profile";
import type { Rule, TfResource } from "../types";
import { eachResourceOfType } from "./helpers";
import { block } from "./deploy-graph";

const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !v.includes("${");

function sqlProblems(r: TfResource, profile: SovereigntyProfile): string[] {
  const sql = profile.cloudSql;
  const where = `Cloud SQL on profile ${profile.name}`;
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

/** Disk types a resource asks for: a disk's `type`, an instance's boot disk `initialize_params.type`. */
function diskTypes(r: TfResource): unknown[] {
  if (r.type === "google_compute_disk") return [r.body.type];
  if (r.type === "google_compute_instance") return [block(block(r.body.boot_disk)?.initialize_params)?.type];
  return [];
}

function diskProblems(r: TfResource, profile: SovereigntyProfile): string[] {
  const offered = profile.compute.diskTypes;
  if (!offered) return [];
  return diskTypes(r)
    .filter((t): t is string => known(t) && !offered.includes(t))
    .map((t) => `uses disk type ${t}, which Compute Engine on profile ${profile.name} does not offer (allowed: ${offered.join(", ")})`);
}

/** A log sink's destination service (`storage.googleapis.com/b` -> `storage.googleapis.com`), when written literally. */
function sinkProblems(r: TfResource, profile: SovereigntyProfile): string[] {
  const offered = profile.logging.sinkDestinations;
  if (!offered || !/^google_logging_(project|folder|organization|billing_account)_sink$/.test(r.type)) return [];
  const destination = r.body.destination;
  const service = typeof destination === "string" ? /^([a-z0-9-]+\.googleapis\.com)\//.exec(destination)?.[1] : undefined;
  return service && !offered.includes(service)
    ? [
        `sends logs to ${service}, which Cloud Logging on profile ${profile.name} does not offer as a sink destination (allowed: ${offered.join(", ")})`,
      ]
    : [];
}

/** The types this rule judges. */
const JUDGED =
  /^google_(sql_database_instance|service_networking_connection|compute_disk|compute_instance|logging_(project|folder|organization|billing_account)_sink)$/;

export const deployUniverseOffersRule: Rule = {
  id: "SOV-DEP-008",
  severity: "error",
  title: "Cloud SQL, Compute Engine and log sinks ask only for what the profile's universe offers",
  why: "S3NS offers Cloud SQL Enterprise Plus on C3 tiers only, no SQL Server, no Private Services Access, Hyperdisk Balanced as the only disk type, and log sinks to log buckets, projects and Pub/Sub only; anything else fails the apply",
  fix: "On s3ns use a db-perf-optimized-C-* tier, PostgreSQL or MySQL, Private Service Connect (SovereignSqlInstance privateServiceConnect), hyperdisk-balanced disks (SovereignDisk's default there) and sinks to log buckets or Pub/Sub",
  scope: "stack",
  check: (docs, { profile }) =>
    eachResourceOfType(
      docs,
      (type) => JUDGED.test(type),
      (r) => [...sqlProblems(r, profile), ...diskProblems(r, profile), ...sinkProblems(r, profile)],
    ),
};
