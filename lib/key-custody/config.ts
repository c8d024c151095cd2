/** Config schema for the operator's key custody. */
import { z } from "zod";
import { email, identifier, numericId } from "../config/fields";
import { KEY_PROTECTION_LEVELS } from "../profiles/profile";

/** Cloud KMS-backed services a tenant may use; one crypto key each. */
export const KMS_SERVICES = [
  "storage",
  "bigquery",
  "compute",
  "pubsub",
  "secretmanager",
  "artifactregistry",
  "logging",
  "sql",
  "container",
] as const;
export type KmsService = (typeof KMS_SERVICES)[number];

export const operatorConfig = z.strictObject({
  /** The operator's key project. */
  projectId: identifier(30).refine((s) => s.length >= 6, { error: "must be 6 to 30 characters" }),
  /** Create the project (true) or use an existing one (false). */
  createProject: z.boolean().default(true),
  /** Folder that holds the operator project when created; default: the organization. */
  parentFolderId: numericId.optional(),
  /** Protection level of every key; default: the profile's first level. */
  keyProtection: z.enum(KEY_PROTECTION_LEVELS).optional(),
  /** The operator's key administrators (a group). */
  adminGroup: email,
});
export type OperatorConfig = z.output<typeof operatorConfig>;
