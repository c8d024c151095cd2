/**
 * lib/config maps the validated config to construct props (pure functions,
 * no construct built): what each function reads, and what it leaves out.
 */
import { keyCustodyProps } from "../../lib/config/key-custody-props";
import {
  auditProjectOf,
  organizationGuardrailsProps,
  rootAccessProps,
  rootDataAccessLogsProps,
  rootGuardrailsProps,
} from "../../lib/config/foundation-props";
import { gcsBackendOf, landingZoneStackProps } from "../../lib/config/stack-props";
import {
  tenantGuardrailsProps,
  tenantKeyRefsProps,
  tenantLandingZoneProps,
  tenantStackProps,
  tenantWorkloadProps,
  workloadEnvironmentOf,
} from "../../lib/config/tenant-props";
import type { ITenantKeys } from "../../lib/key-custody/key-refs";
import type { TenantContext } from "../../lib/workloads/context";
import { configWith, toS3ns } from "../helpers";

const folder = { folderId: "123456789012", name: "folders/123456789012" };

describe("config -> stack props", () => {
  it("keeps state local unless the config names a bucket, and defaults the state key to the platform storage key", () => {
    expect(gcsBackendOf(configWith())).toBeUndefined();
    expect(gcsBackendOf(configWith((c) => (c.state = { backend: "gcs", bucket: "slz-tfstate" })))).toEqual({
      bucket: "slz-tfstate",
      prefix: "sovereign-lz",
      kmsKey: "projects/op-key-custody/locations/europe-west9/keyRings/platform/cryptoKeys/storage",
    });
    const s3ns = configWith((c) => {
      toS3ns(c);
      delete c.operator.ekm;
      c.state = { backend: "gcs", bucket: "slz-tfstate" };
    });
    expect(gcsBackendOf(s3ns)?.kmsKey).toBe("projects/s3ns:op-key-custody/locations/u-france-east1/keyRings/platform/cryptoKeys/storage");
  });

  it("gives every stack the profile, labels, the gate's view of the landing zone and the protection setting", () => {
    const props = landingZoneStackProps(configWith((c) => (c.landingZone.protectResources = false)));
    expect(props).toMatchObject({
      labels: { "managed-by": "sovereign-lz" },
      operatorProjectId: "op-key-custody",
      organizationDomain: "example.fr",
      landingZonePrefix: "slz",
      protectResources: false,
      acrossStacks: true,
    });
    expect(props.profile.name).toBe("paris");
  });
});

describe("config -> key custody props", () => {
  it("makes the admin group a group member and each deployer a service account member, and only those with one", () => {
    const props = keyCustodyProps(configWith());
    expect(props.adminMember).toBe("group:kms-admins@example.fr");
    expect(props.tenants.map((t) => [t.id, t.deployer])).toEqual([
      ["ministere-a", undefined],
      ["agence-b", "serviceAccount:deployer@slz-agence-b-prod.iam.gserviceaccount.com"],
    ]);
  });
});

describe("config -> foundation props", () => {
  it("adopts organization policies only when the config lists some", () => {
    expect(organizationGuardrailsProps(configWith())).toBeUndefined();
    const props = organizationGuardrailsProps(
      configWith((c) => {
        toS3ns(c);
        delete c.operator.ekm;
        c.guardrails = { importExisting: ["gcp.resourceLocations"] };
      }),
    );
    expect(props).toMatchObject({ parent: "organizations/123456789012", constraints: ["gcp.resourceLocations"], importExisting: true });
  });

  it("puts the root folder's guardrails, Data Access logs and access on the folder given, from the config", () => {
    const config = configWith((c) => {
      c.guardrails = { dryRun: true };
      c.landingZone.dataAccessLogs = { exemptedMembers: { DATA_READ: ["group:auditors@example.fr"] } };
    });
    expect(rootGuardrailsProps(config, folder.name)).toMatchObject({ parent: folder.name, dryRun: true, domain: "example.fr" });
    expect(rootDataAccessLogsProps(config, folder.name)).toEqual({
      folder: folder.name,
      exemptedMembers: { DATA_READ: ["group:auditors@example.fr"] },
    });
    expect(rootAccessProps(config, folder)).toMatchObject({ folder, accessApproval: true });
    expect(auditProjectOf(config)).toEqual({ name: "slz-audit", projectId: "slz-audit" });
  });

  it("asks for Access Approval only where the profile has it, and spells the audit project for the universe", () => {
    const s3ns = configWith((c) => {
      toS3ns(c);
      delete c.operator.ekm;
    });
    expect(rootAccessProps(s3ns, folder).accessApproval).toBe(false);
    expect(auditProjectOf(s3ns)).toEqual({ name: "slz-audit", projectId: "s3ns:slz-audit" });
    expect(
      rootAccessProps(
        configWith((c) => (c.landingZone.accessApproval = false)),
        folder,
      ).accessApproval,
    ).toBe(false);
  });
});

describe("config -> tenant props", () => {
  const config = configWith();
  const [ministere, agence] = config.tenants;
  const keys = { tenantId: "ministere-a" } as ITenantKeys;

  it("lets a tenant stack's gate know the tenant's own projects, and only them", () => {
    expect(tenantStackProps(config, ministere)).toMatchObject({
      tenantProjects: ["slz-ministere-a-prod", "slz-ministere-a-nonprod"],
      acrossStacks: true,
    });
    expect(tenantStackProps(config, agence).tenantProjects).toEqual(["slz-agence-b-prod"]);
    expect(landingZoneStackProps(config)).not.toHaveProperty("tenantProjects");
  });

  it("maps a tenant to its key references, landing zone and guardrails", () => {
    expect(tenantKeyRefsProps(config, ministere)).toMatchObject({
      operatorProjectId: "op-key-custody",
      tenantId: "ministere-a",
      services: ["storage", "bigquery", "pubsub", "logging"],
    });
    const props = tenantLandingZoneProps(config, ministere, { parentFolder: folder.name, keys });
    expect(props).toMatchObject({
      tenantId: "ministere-a",
      parentFolder: folder.name,
      prefix: "slz",
      keys,
      access: { groups: { admins: "ministere-a-admins@example.fr" } },
      organizationDomain: "example.fr",
    });
    expect(tenantGuardrailsProps(config, ministere, folder.name)).toMatchObject({
      parent: folder.name,
      enforce: ["compute.requireShieldedVm"],
      operatorProjectId: "op-key-custody",
      dryRun: false,
    });
  });

  it("builds workloads in the configured environment, none when the tenant declares none", () => {
    expect(workloadEnvironmentOf(ministere)).toBe("prod");
    expect(workloadEnvironmentOf({ ...agence, workloads: { buckets: [], datasets: [], topics: [], secrets: [] } })).toBeUndefined();
    const context = { projectId: "slz-ministere-a-prod" } as TenantContext;
    const workloads = tenantWorkloadProps(ministere, context);
    expect(workloads.buckets).toEqual([
      { id: "bucket-documents", props: { context, name: "slz-ministere-a-prod-documents", versioning: undefined, retentionDays: 30 } },
    ]);
    expect(workloads.datasets.map((d) => d.id)).toEqual(["dataset-statistiques"]);
    expect(workloads.topics.map((t) => [t.id, t.props.messageRetentionDays])).toEqual([["topic-evenements", 7]]);
    expect(workloads.secrets).toEqual([]);
  });
});
