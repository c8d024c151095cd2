/** Config schema for the example workloads a tenant stack may declare. */
import { z } from "zod";
import { identifier, literal } from "./fields";

/** Longest bucket name Cloud Storage accepts. */
export const MAX_BUCKET_NAME = 63;

/** Globally unique bucket name of a workload: `<projectId>-<name>`. */
export function workloadBucketName(projectId: string, name: string): string {
  return `${projectId}-${name}`;
}

export const workloadsConfig = z
  .strictObject({
    /** Environment whose project holds the workloads; default: the tenant's first environment. */
    environment: identifier(8).optional(),
    /** Cloud Storage buckets (service `storage`), named `<projectId>-<name>`. */
    buckets: z
      .array(
        z.strictObject({
          /** Up to 40 characters; with the project id the bucket name must fit in 63. */
          name: identifier(40),
          /** Keep noncurrent object versions; default: true without a retention policy (the two exclude each other). */
          versioning: z.boolean().optional(),
          /** Minimum days an object is kept. */
          retentionDays: z.int().min(1).max(36_500).optional(),
        }),
      )
      .default([]),
    /** BigQuery datasets (service `bigquery`). */
    datasets: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, {
            error: "must be 1 to 64 lower-case letters, digits or underscores, starting with a letter",
          }),
          description: literal().optional(),
        }),
      )
      .default([]),
    /** Pub/Sub topics (service `pubsub`). */
    topics: z.array(z.strictObject({ name: identifier(64), messageRetentionDays: z.int().min(1).max(31).optional() })).default([]),
    /** Regional Secret Manager secrets (service `secretmanager`). */
    secrets: z.array(z.strictObject({ id: identifier(64) })).default([]),
  })
  .default({ buckets: [], datasets: [], topics: [], secrets: [] });
export type WorkloadsConfig = z.output<typeof workloadsConfig>;
