/**
 * Cross-field checks of tenant workloads: the environment exists, each
 * workload's service has an operator key, bucket names fit, names are unique.
 */
import type { CrossCheck } from "./cross-checks";
import { objectsIn } from "./cross-checks";
import { KMS_SERVICES } from "../catalog/kms-services";
import { DEFAULT_PREFIX, tenantProjectId } from "../naming";
import { MAX_BUCKET_NAME, workloadBucketName } from "./workloads";

/** Workload kinds: config field, the service whose key they need, and the field holding their name. */
const KINDS = [
  { field: "buckets", service: "storage", name: "name" },
  { field: "datasets", service: "bigquery", name: "id" },
  { field: "topics", service: "pubsub", name: "name" },
  { field: "secrets", service: "secretmanager", name: "id" },
] as const;

export const checkWorkloads: CrossCheck = (config, _profile, report) => {
  const prefix = typeof config.landingZone?.prefix === "string" ? config.landingZone.prefix : DEFAULT_PREFIX;
  for (const [tenant, i] of objectsIn(config.tenants)) {
    const workloads = tenant.workloads;
    if (!workloads || typeof workloads !== "object") continue;
    const at = (...path: (string | number)[]) => ["tenants", i, "workloads", ...path];
    const envNames = objectsIn(tenant.environments)
      .map(([e]) => e.name)
      .filter((n) => typeof n === "string");
    const environment = typeof workloads.environment === "string" ? workloads.environment : envNames[0];
    if (typeof workloads.environment === "string" && envNames.length && !envNames.includes(workloads.environment)) {
      report(at("environment"), `"${workloads.environment}" is not an environment of the tenant (allowed: ${envNames.join(", ")})`);
    }
    // Only a valid service list is compared: a bad entry is reported by the field rules already.
    const services: unknown[] | undefined =
      Array.isArray(tenant.services) && tenant.services.every((s: unknown) => KMS_SERVICES.includes(s as never)) ? tenant.services : undefined;
    for (const kind of KINDS) {
      const items = objectsIn(workloads[kind.field]);
      if (items.length && services && !services.includes(kind.service)) {
        report(at(kind.field), `needs service "${kind.service}" in tenants[${i}].services (allowed: ${services.join(", ")})`);
      }
      const seen = new Set<string>();
      for (const [item, j] of items) {
        const name = item[kind.name];
        if (typeof name !== "string") continue;
        if (seen.has(name)) report(at(kind.field, j, kind.name), `"${name}" is already used (allowed: unique names)`);
        seen.add(name);
        if (kind.field === "buckets" && item.versioning === true && item.retentionDays !== undefined) {
          report(
            at(kind.field, j, "versioning"),
            "Cloud Storage does not combine Object Versioning with a retention policy (allowed: versioning or retentionDays)",
          );
        }
        if (kind.field !== "buckets" || typeof environment !== "string" || typeof tenant.id !== "string") continue;
        const bucket = workloadBucketName(tenantProjectId(prefix, tenant.id, environment), name);
        if (bucket.length > MAX_BUCKET_NAME) {
          report(
            at(kind.field, j, kind.name),
            `bucket name "${bucket}" would be ${bucket.length} characters (allowed: at most ${MAX_BUCKET_NAME}; shorten the name)`,
          );
        }
      }
    }
  }
};
