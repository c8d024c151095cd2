// A tenant landing zone written by hand: folder, one project per environment, network, logging, access.
import { App } from "cdktf";
import { SovereignBucket, SovereignStack, TenantKeyRefs, TenantLandingZone, profileOf, workloadBucketName } from "sovereign-landing-zone";

const app = new App();
const profile = profileOf("paris");
const stack = new SovereignStack(app, "tenant-ministere-c", { profile, operatorProjectId: "op-key-custody" });

// Deterministic ids of the keys the operator holds for this tenant: no access to the operator's state.
const keys = new TenantKeyRefs({
  profile,
  operatorProjectId: "op-key-custody",
  tenantId: "ministere-c",
  services: ["storage", "bigquery", "logging"],
});

const tenant = new TenantLandingZone(stack, "tenant", {
  profile,
  tenantId: "ministere-c",
  parentFolder: "folders/123456789",
  organizationId: "123456789012",
  prefix: "slz",
  billingAccount: "01AB23-45CD67-89EF01",
  environments: [{ name: "prod", subnet: "10.40.0.0/20" }],
  keys,
  access: { groups: { admins: "ministere-c-admins@example.fr" } },
  network: { nat: true },
});

// Workloads deploy into an environment with the tenant's context: project, region, keys, and the key grants to wait for.
const prod = tenant.contextFor("prod");
new SovereignBucket(stack, "archives", { context: prod, name: workloadBucketName(prod.projectId, "archives"), retentionDays: 365 });

app.synth();
