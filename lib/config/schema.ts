/**
 * The landing-zone config contract (DESIGN.md section 3): one file, YAML or
 * JSON, validated as a whole before any construct is built.
 */
import { z } from "zod";
import { domain, identifier, labels, literal, numericId } from "./fields";
import type { AuditLogType } from "../logging/audit-log-types";
import { checkImportExisting, checkTenantGuardrails } from "./guardrail-checks";
import { guardrailsConfig } from "./guardrails";
import { checkKeySettings } from "./operator-checks";
import { operatorConfig } from "./operator";
import { DEFAULT_LOG_RETENTION_DAYS } from "../logging/defaults";
import { DEFAULT_PREFIX } from "../naming";
import { PROFILE_NAMES } from "../profiles/profile";
import { checkSubnets, checkTenantServices } from "./tenant-checks";
import { essentialContacts, tenantConfig } from "./tenant";
import { checkWorkloads } from "./workload-checks";
import { checkIdentities } from "./identity-checks";
import { adoptConfig } from "./adopt";
import { checkPipelineIdentities, pipelineConfig } from "./pipeline";
import { stateConfig } from "./state";
import { checkBoundary, checkTenantIds, profileOfConfig, type CrossCheck, type LooseConfig, type Report } from "./cross-checks";

/** Every cross-field check, run on every parse. */
const CROSS_CHECKS: readonly CrossCheck[] = [
  checkBoundary,
  checkTenantIds,
  checkKeySettings,
  checkImportExisting,
  checkTenantGuardrails,
  checkSubnets,
  checkTenantServices,
  checkIdentities,
  checkWorkloads,
  checkPipelineIdentities,
];

/** An IAM principal of an audit-log exemption. */
const principal = z.string().regex(/^(user|group|serviceAccount|domain):[A-Za-z0-9._%+@-]+$/, {
  error: "must be a principal such as group:auditors@example.fr (allowed prefixes: user:, group:, serviceAccount:, domain:)",
});

export const landingZoneSchema = z
  .strictObject({
    /** Deployment target. */
    profile: z.enum(PROFILE_NAMES),
    /** Region; optional, must be the profile's region. */
    region: z.string().optional(),
    /** The Google Cloud organization the landing zone is built in. */
    organization: z.strictObject({
      /** Numeric organization id. */
      id: numericId,
      /** Billing account of every project the landing zone creates. */
      billingAccount: z.string().regex(/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/, {
        error: "must be a billing account id such as 01AB23-45CD67-89EF01",
      }),
      /** Allowed member and contact domain. */
      domain,
      /**
       * Deprecated and ignored: Cloud Identity customer id (`C0...`). Members are restricted to the organization's
       * principal set (`iam.managed.allowedPolicyMembers`, docs/deployment.md), which needs none. Still accepted so
       * existing configs stay valid; `validate` and `synth` print a warning. Leave it out.
       */
      customerId: z
        .string()
        .regex(/^C0[0-9a-z]{6,10}$/, { error: "must be a Cloud Identity customer id such as C01abc2de" })
        .optional(),
    }),
    /** The landing zone itself: root folder, project id prefix, labels, contacts, audit logs. */
    landingZone: z
      .strictObject({
        /** Display name of the landing-zone root folder. */
        name: literal().pipe(z.string().min(3).max(30)).default("sovereign-landing-zone"),
        /** Prefix of every project id the landing zone creates. */
        prefix: identifier(6).default(DEFAULT_PREFIX),
        /** Folder that holds the root folder; default: the organization. */
        parentFolderId: numericId.optional(),
        /** Labels on every resource that supports them. */
        labels: labels.default({}),
        /** Security contacts on the root folder, in the organization's domain. */
        essentialContacts: essentialContacts.default([]),
        /** Access Approval on the root folder, where the profile has it. */
        accessApproval: z.boolean().default(true),
        /** Retention of the landing zone's audit log bucket, in days. */
        logRetentionDays: z.number().int().min(1).max(3650).default(DEFAULT_LOG_RETENTION_DAYS),
        /** Data Access audit logs on the root folder (all services, ADMIN_READ, DATA_READ, DATA_WRITE): principals exempted per log type. */
        dataAccessLogs: z
          .strictObject({
            exemptedMembers: z
              .strictObject({
                ADMIN_READ: z.array(principal).max(100).optional(),
                DATA_READ: z.array(principal).max(100).optional(),
                DATA_WRITE: z.array(principal).max(100).optional(),
              } satisfies Record<AuditLogType, unknown>)
              .default({}),
          })
          .default({ exemptedMembers: {} }),
        /** Default of every construct's `protect`: `prevent_destroy` and deletion protection on folders, projects, log buckets, buckets, datasets, disks, databases, secrets, registries; false releases them (key rings, keys and the EKM connection stay protected). */
        protectResources: z.boolean().default(true),
      })
      .default({
        name: "sovereign-landing-zone",
        prefix: DEFAULT_PREFIX,
        labels: {},
        essentialContacts: [],
        accessApproval: true,
        logRetentionDays: DEFAULT_LOG_RETENTION_DAYS,
        dataAccessLogs: { exemptedMembers: {} },
        protectResources: true,
      }),
    /** Where Terraform keeps each stack's state. */
    state: stateConfig,
    /** The local operator: its key project, key administrators and external key manager. */
    operator: operatorConfig,
    /** Organization policies on the landing-zone root folder. */
    guardrails: guardrailsConfig.default({ dryRun: false, waivers: [], importExisting: [] }),
    /** One entry per tenant: a folder, one project per environment, its own keys, network and logging. */
    tenants: z.array(tenantConfig).max(2000),
    /** CI pipelines (`sovereign-lz pipeline`): Workload Identity Federation, and per role an identity that applies and a read-only one that plans. */
    pipeline: pipelineConfig,
    /** Brownfield adoption (`sovereign-lz adopt`): what exists already and is imported, not created. */
    adopt: adoptConfig,
  })
  .superRefine(
    (config, ctx) => {
      // Runs even when the config is not an object (`when` below), so that every problem is reported at once.
      if (!config || typeof config !== "object" || Array.isArray(config)) return;
      const loose = config as LooseConfig;
      const profile = profileOfConfig(loose);
      const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message, params: { crossCheck: true } });
      for (const check of CROSS_CHECKS) check(loose, profile, report);
    },
    { when: () => true },
  );

/** The landing-zone config as written (defaults optional). */
export type LandingZoneConfigInput = z.input<typeof landingZoneSchema>;
/** The validated config, defaults applied. */
export type LandingZoneConfig = z.output<typeof landingZoneSchema>;
