/** Config schema for a tenant. */
import { z } from "zod";
import { email, identifier, ipv4Cidr, labels, literal, serviceAccountEmail } from "./fields";
import { tenantGuardrailsConfig } from "./guardrails";
import { KMS_SERVICES } from "../catalog/kms-services";
import { DEFAULT_LOG_RETENTION_DAYS } from "../logging/defaults";
import { KEY_PROTECTION_LEVELS } from "../profiles/profile";
import { workloadsConfig } from "./workloads";
import { PRIMITIVE_ROLES } from "../catalog/primitive-roles";
import { deepFreeze } from "../freeze";

export const environmentConfig = z.strictObject({
  /** Environment name, part of the project id (`<prefix>-<tenant>-<env>`). */
  name: identifier(8),
  /** Primary subnet range of the environment, in the region. */
  subnet: ipv4Cidr,
});

export const ESSENTIAL_CONTACT_CATEGORIES = deepFreeze([
  "ALL",
  "SUSPENSION",
  "SECURITY",
  "TECHNICAL",
  "BILLING",
  "LEGAL",
  "PRODUCT_UPDATES",
  "TECHNICAL_INCIDENTS",
] as const);

/** Essential contacts of a folder: email and notification categories. */
export const essentialContacts = z.array(
  z.strictObject({ email, categories: z.array(z.enum(ESSENTIAL_CONTACT_CATEGORIES)).min(1).default(["SECURITY", "TECHNICAL"]) }),
);

const role = z
  .string()
  .regex(/^roles\/[a-zA-Z0-9_.]+$/, { error: "must be a predefined role such as roles/storage.objectViewer" })
  .refine((r) => !PRIMITIVE_ROLES.includes(r), { error: `is a primitive role (allowed: predefined roles, not ${PRIMITIVE_ROLES.join(", ")})` });

/** Whose domain or which service accounts: lib/identity.ts, through the identity checks. */
const member = z.string().regex(/^((user|group|serviceAccount):[A-Za-z0-9._%+-]+@[A-Za-z0-9.:-]+|domain:[A-Za-z0-9.-]+)$/, {
  error: "must be user:, group: or serviceAccount: followed by an email, or domain: followed by the organization's domain",
});

export const tenantConfig = z.strictObject({
  /** Short, unique, lower-case id, not `platform` (the platform's own keys); used in project ids, folder names and key rings. */
  id: identifier(16),
  /** Folder display name; default: the id. */
  displayName: literal().pipe(z.string().min(3).max(30)).optional(),
  /** Environments, one project each, each with its own subnet range (no default: ranges are the tenant's own). */
  environments: z.array(environmentConfig).min(1),
  /** Services the tenant uses: each gets an operator-held key and its API enabled. `logging` is required. */
  services: z.array(z.enum(KMS_SERVICES)).min(1).default(["storage", "logging"]),
  /** Key protection for this tenant's keys; default: the operator's. */
  keyProtection: z.enum(KEY_PROTECTION_LEVELS).optional(),
  /** The tenant's deployer service account, allowed to grant its own service agents on its own keys. */
  deployer: serviceAccountEmail.optional(),
  /** The tenant's read-only identity, which plans its stack in merge requests (`sovereign-lz pipeline`). Default: `deployer` with `-plan` appended to its id. */
  planner: serviceAccountEmail.optional(),
  /** Groups of the tenant, each mapped to predefined roles on the tenant folder. */
  groups: z
    .strictObject({
      /** Gets the admin roles on the tenant folder (see `lib/access/group-roles.ts`). */
      admins: email.optional(),
      /** Gets the developer roles on the tenant folder. */
      developers: email.optional(),
      /** Gets the viewer roles on the tenant folder. */
      viewers: email.optional(),
    })
    .default({}),
  /** Extra IAM on the tenant folder: predefined roles only, granted to the organization's users, groups or `domain:`, or to service accounts of the tenant's own projects. */
  iam: z.array(z.strictObject({ role, member })).default([]),
  /** Essential contacts on the tenant folder, in the organization's domain. */
  essentialContacts: essentialContacts.default([]),
  /** Network of each environment: a VPC with one subnet in the region, deny-all ingress; openings only on request. */
  network: z
    .strictObject({
      /** Cloud NAT for outbound internet access from private VMs. */
      nat: z.boolean().default(false),
      /** Allow SSH from Identity-Aware Proxy (35.235.240.0/20) only; not on s3ns, which has no IAP TCP forwarding. */
      iapSsh: z.boolean().default(false),
      /** VPC flow logs on the subnets. */
      flowLogs: z.boolean().default(true),
    })
    .default({ nat: false, iapSsh: false, flowLogs: true }),
  /** The tenant's audit log bucket, encrypted with its `logging` key. */
  logging: z
    .strictObject({
      /** Retention of the tenant's audit log bucket, in days. */
      retentionDays: z.number().int().min(1).max(3650).default(DEFAULT_LOG_RETENTION_DAYS),
    })
    .default({ retentionDays: DEFAULT_LOG_RETENTION_DAYS }),
  /** Access Approval on the tenant folder, where the profile has it. */
  accessApproval: z.boolean().default(true),
  /** Assured Workloads with S3NS local controls (`paris` only): the projects go in the workload's folder. */
  assuredWorkloads: z.boolean().default(false),
  /** Extra labels on the tenant's projects. */
  labels: labels.default({}),
  /** Organization policies on the tenant folder, which may only tighten the landing zone's. */
  guardrails: tenantGuardrailsConfig,
  /** Example workloads built in one environment project, each with the tenant's key for its service. */
  workloads: workloadsConfig,
});
export type TenantConfig = z.output<typeof tenantConfig>;
