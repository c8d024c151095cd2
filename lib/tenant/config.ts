/** Config schema for a tenant. */
import { z } from "zod";
import { email, identifier, ipv4Cidr, labels, literal } from "../config/fields";
import { tenantGuardrailsConfig } from "../guardrails/config";
import { KMS_SERVICES } from "../key-custody/config";
import { KEY_PROTECTION_LEVELS } from "../profiles/profile";
import { workloadsConfig } from "../workloads/config";

export const environmentConfig = z.strictObject({
  /** Environment name, part of the project id (`<prefix>-<tenant>-<env>`). */
  name: identifier(8),
  /** Primary subnet range of the environment, in the region. */
  subnet: ipv4Cidr,
});

export const tenantConfig = z.strictObject({
  /** Short, unique, lower-case id; used in project ids, folder names and key rings. */
  id: identifier(16),
  /** Folder display name; default: the id. */
  displayName: literal("displayName").pipe(z.string().min(3).max(30)).optional(),
  /** Environments, one project each. */
  environments: z
    .array(environmentConfig)
    .min(1)
    .default([
      { name: "prod", subnet: "10.0.0.0/20" },
      { name: "nonprod", subnet: "10.0.16.0/20" },
    ]),
  /** Services the tenant uses: each gets an operator-held key and its API enabled. */
  services: z.array(z.enum(KMS_SERVICES)).min(1).default(["storage", "logging"]),
  /** Key protection for this tenant's keys; default: the operator's. */
  keyProtection: z.enum(KEY_PROTECTION_LEVELS).optional(),
  /** The tenant's deployer service account, allowed to grant its own service agents on its own keys. */
  deployer: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9:.-]+\.iam\.gserviceaccount\.com$/, {
      error: "must be a service account email such as deployer@my-project.iam.gserviceaccount.com",
    })
    .optional(),
  /** Groups of the tenant. */
  groups: z
    .strictObject({
      admins: email.optional(),
      developers: email.optional(),
      viewers: email.optional(),
    })
    .default({}),
  /** Extra labels on the tenant's projects. */
  labels: labels.default({}),
  guardrails: tenantGuardrailsConfig,
  workloads: workloadsConfig,
});
export type TenantConfig = z.output<typeof tenantConfig>;
