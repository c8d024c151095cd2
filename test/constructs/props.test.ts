/**
 * Constructs used alone validate their props as the config does (lib/field-rules.ts,
 * lib/identity.ts): `<construct path>: <field>: <problem> (allowed: ...)`.
 */
import { TerraformVariable } from "cdktf";
import { Testing, TerraformStack } from "../../lib/core";
import { LandingZoneRoot } from "../../lib/foundation/landing-zone-root";
import { SovereignStack } from "../../lib/stack";
import type { TenantContext } from "../../lib/workloads/context";
import { SovereignBucket } from "../../lib/workloads/sovereign-bucket";
import { SovereignDataset } from "../../lib/workloads/sovereign-dataset";
import { SovereignRegistry } from "../../lib/workloads/sovereign-registry";
import { tenantProps } from "../support/tenant";
import { testContext } from "../workloads/context";
import { Folder } from "../../lib/google";
import { PROFILES } from "../../lib/profiles/profile";
import { FolderAccess } from "../../lib/access/folder-access";
import { TenantNetwork } from "../../lib/tenant/network";
import { TenantLandingZone } from "../../lib/tenant/tenant-landing-zone";
import { KeyCustody } from "../../lib/key-custody/key-custody";
import { TenantKeyRefs, type ITenantKeys } from "../../lib/key-custody/key-refs";

const profile = PROFILES.paris;
const bareStack = () => new TerraformStack(Testing.app(), "alone");
const props = { ...tenantProps(), organizationDomain: "example.fr" };
const OUTSIDE = "is outside the organization's identities";

describe("TenantLandingZone props", () => {
  it("accepts a valid environment, subnet and members of the organization", () => {
    expect(
      () =>
        new TenantLandingZone(bareStack(), "tenant", {
          ...props,
          access: {
            groups: { admins: "admins@example.fr" },
            iam: [{ role: "roles/logging.viewer", member: "serviceAccount:ci@slz-t1-prod.iam.gserviceaccount.com" }],
          },
        }),
    ).not.toThrow();
  });

  it("refuses subnets that overlap between its environments (lib/cidr.ts, the config's check), and accepts disjoint ones", () => {
    const environments = [
      { name: "prod", subnet: "10.0.0.0/20" },
      { name: "dev", subnet: "10.0.8.0/24" },
    ];
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, environments })).toThrow(
      'alone/tenant: environments[1].subnet: "10.0.8.0/24" overlaps environments[0].subnet (allowed: ranges that do not overlap)',
    );
    const disjoint = [environments[0], { name: "dev", subnet: "10.0.16.0/24" }];
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, environments: disjoint })).not.toThrow();
  });

  it("refuses service accounts and literal service agents of projects other than its own, in its IAM members", () => {
    for (const member of [
      "serviceAccount:ci@slz-t2-prod.iam.gserviceaccount.com",
      "serviceAccount:ci@op-keys.iam.gserviceaccount.com",
      "serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com",
    ]) {
      expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, access: { iam: [{ role: "roles/logging.viewer", member }] } })).toThrow(
        `alone/tenant/access: iam[0].member: "${member}" ${OUTSIDE} (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of slz-t1-prod and their Google service agents (by reference to the project's number, not a literal one))`,
      );
    }
    const domain = { iam: [{ role: "roles/browser", member: "domain:example.fr" }] };
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, access: domain })).not.toThrow();
  });

  it("refuses an invalid CIDR", () => {
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, environments: [{ name: "prod", subnet: "10.999.0.0/20" }] })).toThrow(
      'alone/tenant: environments[0].subnet: "10.999.0.0/20" must be an IPv4 CIDR range with a prefix length between /8 and /30, such as 10.10.0.0/20 (allowed: an IPv4 range /8 to /30 such as 10.10.0.0/20)',
    );
  });

  it("refuses an environment name that breaks project id rules", () => {
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, environments: [{ name: "Prod Env!", subnet: "10.0.0.0/24" }] })).toThrow(
      'alone/tenant: environments[0].name: "Prod Env!" must be 2 to 8 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen (allowed: a project id part such as prod)',
    );
    expect(
      () =>
        new TenantLandingZone(bareStack(), "tenant", {
          ...props,
          tenantId: "a-very-long-tenant",
          environments: [{ name: "nonprod1", subnet: "10.0.0.0/24" }],
        }),
    ).toThrow('alone/tenant: environments[0].name: project id "slz-a-very-long-tenant-nonprod1" breaks project id rules');
  });

  it("refuses a gmail.com member when it knows the organization's domain, and does not judge members without it", () => {
    const access = { iam: [{ role: "roles/logging.viewer", member: "user:eve@gmail.com" }] };
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, access })).toThrow(
      `alone/tenant/access: iam[0].member: "user:eve@gmail.com" ${OUTSIDE} (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of slz-t1-prod and their Google service agents (by reference to the project's number, not a literal one))`,
    );
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, organizationDomain: undefined, access })).not.toThrow();
  });
});

describe("TenantNetwork and FolderAccess props", () => {
  it("TenantNetwork refuses an invalid CIDR and accepts a valid one", () => {
    expect(() => new TenantNetwork(bareStack(), "net", { projectId: "p", region: profile.region, subnet: "10.999.0.0/20" })).toThrow(
      /^alone\/net: subnet: "10\.999\.0\.0\/20" must be an IPv4 CIDR range/,
    );
    expect(() => new TenantNetwork(bareStack(), "net", { projectId: "p", region: profile.region, subnet: "10.9.0.0/20" })).not.toThrow();
  });

  it("FolderAccess refuses groups and contacts outside the identity it is given, and accepts those inside", () => {
    const identity = { organizationDomain: "example.fr" };
    const folderOf = (stack: TerraformStack) => new Folder(stack, "f", { displayName: "f", parent: "organizations/1" });
    const stack = bareStack();
    expect(() => new FolderAccess(stack, "access", { folder: folderOf(stack), identity, groups: { viewers: "v@gmail.com" } })).toThrow(
      `alone/access: groups.viewers: "v@gmail.com" ${OUTSIDE} (allowed: @example.fr)`,
    );
    const other = bareStack();
    expect(
      () =>
        new FolderAccess(other, "access", {
          folder: folderOf(other),
          identity,
          essentialContacts: [{ email: "soc@provider.com", categories: ["SECURITY"] }],
        }),
    ).toThrow(`alone/access: essentialContacts[0].email: "soc@provider.com" ${OUTSIDE} (allowed: @example.fr)`);
    const good = bareStack();
    expect(
      () =>
        new FolderAccess(good, "access", {
          folder: folderOf(good),
          identity,
          groups: { viewers: "v@example.fr" },
          essentialContacts: [{ email: "soc@example.fr", categories: ["SECURITY"] }],
        }),
    ).not.toThrow();
  });
});

describe("free text and ids in construct props: Terraform interpolation the caller wrote is refused, cdktf tokens pass", () => {
  const injected = '${file("/etc/passwd")}';
  const context = (over: Partial<TenantContext> = {}): TenantContext => ({ ...testContext(), ...over });
  const stack = () => new SovereignStack(Testing.app(), "s", { profile });

  it("refuses interpolation in display names, descriptions and labels, naming the field", () => {
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, displayName: injected })).toThrow(
      /^alone\/tenant: displayName: ".*" must not contain Terraform interpolation \("\$\{" or "%\{"\) \(allowed: plain text, or a cdktf token\)$/,
    );
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, labels: { team: "%{if true}x%{endif}" } })).toThrow(
      /labels\.team: .* must not contain/,
    );
    expect(() => new SovereignDataset(stack(), "d", { context: context(), datasetId: "d", description: injected })).toThrow(/s\/d: description: /);
    expect(() => new SovereignRegistry(stack(), "r", { context: context(), repositoryId: "r", description: injected })).toThrow(
      /s\/r: description: /,
    );
    expect(() => new LandingZoneRoot(bareStack(), "root", { displayName: injected, organizationId: "1" })).toThrow(/root: displayName: /);
    expect(() => new SovereignStack(Testing.app(), "s", { profile, labels: { x: injected } })).toThrow(/^s: labels\.x: /);
  });

  it("refuses a context project id that is not a project id, or holds interpolation", () => {
    expect(() => new SovereignBucket(stack(), "b", { context: context({ projectId: injected }), name: "docs-b" })).toThrow(
      /s\/b: context\.projectId: .* must not contain Terraform interpolation/,
    );
    expect(() => new SovereignBucket(stack(), "b", { context: context({ projectId: "Not A Project" }), name: "docs-b" })).toThrow(
      /s\/b: context\.projectId: "Not A Project" breaks project id rules \(allowed: 6 to 30 lower-case letters/,
    );
    expect(() => new SovereignBucket(stack(), "b", { context: context({ labels: { x: injected } }), name: "docs-b" })).toThrow(
      /context\.labels\.x: /,
    );
  });

  it("accepts plain text and cdktf tokens (values known at apply) in the same props", () => {
    const s = stack();
    const variable = new TerraformVariable(s, "project", { type: "string" });
    expect(() => new SovereignDataset(s, "d", { context: context(), datasetId: "d", description: "Statistiques: 100% (année 2026)" })).not.toThrow();
    expect(() => new SovereignBucket(s, "b", { context: context({ projectId: variable.stringValue }), name: "docs-b" })).not.toThrow();
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, displayName: `Tenant ${variable.stringValue}` })).not.toThrow();
  });
});

describe("sovereign by construction, in a stack with no gate", () => {
  /** A copy of paris that widens the boundary to us-east1 and software keys, still named paris. */
  const widened = { ...profile, region: "us-east1", allowedLocations: ["us-east1"], zones: [], keyProtectionLevels: ["SOFTWARE" as const] };
  const LIBRARY = /profile: "paris" is not one of the library's profiles as defined \(allowed: profileOf\("paris"\), profileOf\("s3ns"\)/;

  it("refuses a profile that is not one of the library's, in every construct that takes one", () => {
    expect(() => new SovereignBucket(bareStack(), "b", { context: { ...testContext(), profile: widened }, name: "docs-b" })).toThrow(
      /^alone\/b: context\.profile: "paris" is not one of the library's profiles/,
    );
    expect(() => new TenantKeyRefs({ profile: widened, operatorProjectId: "op-keys", tenantId: "t1", services: ["storage"] })).toThrow(
      /^TenantKeyRefs\("t1"\): profile: "paris" is not one of/,
    );
    const custody = {
      profile: widened,
      projectId: "op-keys",
      organizationId: "1",
      billingAccount: "b",
      adminMember: "group:k@example.fr",
      tenants: [],
    };
    expect(() => new KeyCustody(bareStack(), "custody", { ...custody, keyProtection: "SOFTWARE" })).toThrow(LIBRARY);
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, profile: widened })).toThrow(LIBRARY);
    // The library's own profile, or an equal copy of it, is accepted.
    expect(() => new SovereignBucket(bareStack(), "b", { context: { ...testContext(), profile: { ...profile } }, name: "docs-b" })).not.toThrow();
  });

  it("checks the tenant's default key too: any object may implement ITenantKeys", () => {
    const keys = testContext().keys;
    const hostile: ITenantKeys = {
      ...keys,
      keyId: () => "projects/evil/locations/us/keyRings/r/cryptoKeys/k",
      grantEncryptDecrypt: keys.grantEncryptDecrypt,
      grantServiceAgent: keys.grantServiceAgent,
    };
    expect(() => new SovereignBucket(bareStack(), "b", { context: { ...testContext(), keys: hostile }, name: "docs-b" })).toThrow(
      /^alone\/b: context\.keys: "projects\/evil\/locations\/us\/keyRings\/r\/cryptoKeys\/k" is not an operator key in the region/,
    );
    expect(() => new SovereignBucket(bareStack(), "b", { context: testContext(), name: "docs-b" })).not.toThrow();
  });

  it("refuses a network outside the regions of the library's profiles", () => {
    expect(() => new TenantNetwork(bareStack(), "net", { projectId: "p", region: "us-east1", subnet: "10.9.0.0/20" })).toThrow(
      'alone/net: region: "us-east1" is outside the sovereign boundary (allowed: europe-west9, u-france-east1)',
    );
    expect(() => new TenantNetwork(bareStack(), "net", { projectId: "p", region: PROFILES.s3ns.region, subnet: "10.9.0.0/20" })).not.toThrow();
  });
});
