/** Config -> props of a tenant stack's constructs: its key references, landing zone, guardrails and workloads. */
import type { TenantGuardrailsProps } from "../guardrails/tenant-guardrails";
import type { ITenantKeys, TenantKeyRefsProps } from "../key-custody/key-refs";
import { tenantProjectId } from "../naming";
import { profileOf } from "../profiles/profile";
import type { SovereignStackProps } from "../stack";
import type { TenantLandingZoneProps } from "../tenant/tenant-landing-zone";
import type { TenantContext } from "../workloads/context";
import type { SovereignBucketProps } from "../workloads/sovereign-bucket";
import type { SovereignDatasetProps } from "../workloads/sovereign-dataset";
import type { SovereignSecretProps } from "../workloads/sovereign-secret";
import type { SovereignTopicProps } from "../workloads/sovereign-topic";
import type { LandingZoneConfig } from "./schema";
import { landingZoneStackProps } from "./stack-props";
import type { TenantConfig } from "./tenant";
import { workloadBucketName } from "./workloads";

/** A tenant stack's props: those of every stack, and the tenant's own projects, whose service accounts its grants may name (SOV-IAM-003), as the config allows. */
export function tenantStackProps(config: LandingZoneConfig, tenant: TenantConfig): SovereignStackProps {
  const tenantProjects = tenant.environments.map((env) => tenantProjectId(config.landingZone.prefix, tenant.id, env.name));
  return { ...landingZoneStackProps(config), tenantProjects };
}

/** References to the tenant's operator-held keys, from names only (the tenant stack never reads the operator's state). */
export function tenantKeyRefsProps(config: LandingZoneConfig, tenant: TenantConfig): TenantKeyRefsProps {
  return { profile: profileOf(config.profile), operatorProjectId: config.operator.projectId, tenantId: tenant.id, services: tenant.services };
}

/** The tenant's landing zone under the root folder `parentFolder` (`folders/<id>`), with its keys `keys`. */
export function tenantLandingZoneProps(
  config: LandingZoneConfig,
  tenant: TenantConfig,
  refs: { readonly parentFolder: string; readonly keys: ITenantKeys },
): TenantLandingZoneProps {
  return {
    profile: profileOf(config.profile),
    tenantId: tenant.id,
    displayName: tenant.displayName,
    parentFolder: refs.parentFolder,
    organizationId: config.organization.id,
    prefix: config.landingZone.prefix,
    billingAccount: config.organization.billingAccount,
    environments: tenant.environments,
    keys: refs.keys,
    labels: tenant.labels,
    access: {
      groups: tenant.groups,
      iam: tenant.iam,
      essentialContacts: tenant.essentialContacts,
      accessApproval: tenant.accessApproval,
    },
    network: tenant.network,
    logRetentionDays: tenant.logging.retentionDays,
    assuredWorkloads: tenant.assuredWorkloads,
    organizationDomain: config.organization.domain,
  };
}

/** The tenant's guardrail overrides on its folder `parent` (`folders/<id>`). */
export function tenantGuardrailsProps(config: LandingZoneConfig, tenant: TenantConfig, parent: string): TenantGuardrailsProps {
  return {
    ...tenant.guardrails,
    profile: profileOf(config.profile),
    parent,
    operatorProjectId: config.operator.projectId,
    dryRun: config.guardrails.dryRun,
  };
}

/** The tenant's configured workloads (`tenants[].workloads`), each with its construct id, in the environment of `context`. */
export interface TenantWorkloadProps {
  readonly buckets: readonly { readonly id: string; readonly props: SovereignBucketProps }[];
  readonly datasets: readonly { readonly id: string; readonly props: SovereignDatasetProps }[];
  readonly topics: readonly { readonly id: string; readonly props: SovereignTopicProps }[];
  readonly secrets: readonly { readonly id: string; readonly props: SovereignSecretProps }[];
}

/** The environment whose project holds the tenant's workloads: `workloads.environment`, or the first environment; undefined when there are none. */
export function workloadEnvironmentOf(tenant: TenantConfig): string | undefined {
  const { workloads } = tenant;
  if (!workloads.buckets.length && !workloads.datasets.length && !workloads.topics.length && !workloads.secrets.length) return undefined;
  return workloads.environment ?? tenant.environments[0].name;
}

/** Props of each configured workload, in the project of `context`. */
export function tenantWorkloadProps(tenant: TenantConfig, context: TenantContext): TenantWorkloadProps {
  const { workloads } = tenant;
  return {
    buckets: workloads.buckets.map((b) => ({
      id: `bucket-${b.name}`,
      props: { context, name: workloadBucketName(context.projectId, b.name), versioning: b.versioning, retentionDays: b.retentionDays },
    })),
    datasets: workloads.datasets.map((d) => ({ id: `dataset-${d.id}`, props: { context, datasetId: d.id, description: d.description } })),
    topics: workloads.topics.map((t) => ({ id: `topic-${t.name}`, props: { context, name: t.name, messageRetentionDays: t.messageRetentionDays } })),
    secrets: workloads.secrets.map((s) => ({ id: `secret-${s.id}`, props: { context, secretId: s.id } })),
  };
}
