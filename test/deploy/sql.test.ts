/** SovereignSqlInstance: the edition follows the tier, and a private IP always has Private Services Access. */
import { Token } from "../../lib/core";
import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { ServiceNetworkingConnection } from "../../lib/google";
import { SovereignSqlInstance, sqlEditionOf } from "../../lib/workloads/sovereign-sql-instance";
import { resourcesOfType, synthStack } from "../helpers";
import { testContext, testStack } from "../workloads/context";
import { addressesWhere, waitsFor } from "./graph";

const NETWORK = "projects/slz-t1-prod/global/networks/vpc";

describe("SovereignSqlInstance deployability", () => {
  it.each([
    ["db-custom-2-7680", "ENTERPRISE"],
    ["db-g1-small", "ENTERPRISE"],
    ["db-perf-optimized-N-8", "ENTERPRISE_PLUS"],
  ])("sets the edition of tier %s to %s", (tier, edition) => {
    expect(sqlEditionOf(tier)).toBe(edition);
    const context = testContext();
    const stack = testStack(context);
    new SovereignSqlInstance(stack, "sql", {
      context,
      name: "orders",
      databaseVersion: "POSTGRES_16",
      tier,
      privateNetwork: NETWORK,
      privateServiceAccess: { reservePrefixLength: 16 },
    });
    expect(resourcesOfType(synthStack(stack), "google_sql_database_instance")[0].settings).toMatchObject({ tier, edition });
  });

  it("reserves a range, peers it and creates the instance after the peering, with no rule finding", () => {
    const context = testContext();
    const stack = testStack(context);
    new SovereignSqlInstance(stack, "sql", {
      context,
      name: "orders",
      databaseVersion: "POSTGRES_16",
      privateNetwork: NETWORK,
      privateServiceAccess: { reservePrefixLength: 20 },
    });
    const json = synthStack(stack);
    expect(resourcesOfType(json, "google_compute_global_address")).toEqual([
      expect.objectContaining({
        project: "slz-t1-prod",
        name: "orders-psa",
        purpose: "VPC_PEERING",
        address_type: "INTERNAL",
        prefix_length: 20,
        network: NETWORK,
      }),
    ]);
    const [connection] = addressesWhere(json, "google_service_networking_connection");
    const [range] = addressesWhere(json, "google_compute_global_address");
    const [instance] = addressesWhere(json, "google_sql_database_instance");
    expect(waitsFor(json, connection).has(range)).toBe(true);
    expect(waitsFor(json, instance).has(connection)).toBe(true);
    const findings = evaluate([documentFromConfig(json, "s")], { profile: context.profile, operatorProjectId: "op-keys" }).findings;
    expect(findings.filter((f) => f.ruleId !== "SOV-GRD-001")).toEqual([]);
  });

  it("uses the caller's service networking connection", () => {
    const context = testContext();
    const stack = testStack(context);
    const psa = new ServiceNetworkingConnection(stack, "psa", {
      network: NETWORK,
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: ["r"],
    });
    new SovereignSqlInstance(stack, "sql", {
      context,
      name: "orders",
      databaseVersion: "MYSQL_8_0",
      privateNetwork: NETWORK,
      privateServiceAccess: { connection: psa },
    });
    const json = synthStack(stack);
    expect(resourcesOfType(json, "google_compute_global_address")).toEqual([]);
    expect(
      waitsFor(json, addressesWhere(json, "google_sql_database_instance")[0]).has(`google_service_networking_connection.${psa.friendlyUniqueId}`),
    ).toBe(true);
  });

  it.each([[undefined], [{}], [{ reservePrefixLength: 30 }]])("refuses a private IP without Private Services Access (%j)", (access) => {
    const context = testContext();
    expect(
      () =>
        new SovereignSqlInstance(testStack(context), "sql", {
          context,
          name: "orders",
          databaseVersion: "POSTGRES_16",
          privateNetwork: NETWORK,
          privateServiceAccess: access as never,
        }),
    ).toThrow(/privateServiceAccess: .* \(allowed: \{ connection: <google_service_networking_connection> \} or \{ reservePrefixLength: 8 to 24 \}\)/);
  });

  it("refuses both connectivities at once, and a private IP without its network", () => {
    const context = testContext();
    const base = { context, name: "orders", databaseVersion: "POSTGRES_16" };
    expect(
      () =>
        new SovereignSqlInstance(testStack(context), "sql", {
          ...base,
          privateNetwork: NETWORK,
          privateServiceAccess: { reservePrefixLength: 16 },
          privateServiceConnect: {},
        }),
    ).toThrow(
      "sql: privateServiceConnect: comes with privateNetwork or privateServiceAccess (allowed: { privateServiceConnect: {...} } or privateNetwork with privateServiceAccess)",
    );
    expect(() => new SovereignSqlInstance(testStack(context), "sql", { ...base, privateServiceAccess: { reservePrefixLength: 16 } })).toThrow(
      /sql: privateNetwork: is required with privateServiceAccess/,
    );
  });
});

/** Cloud SQL on S3NS (documentation.s3ns.fr/sql/docs/tpc-differences; docs/deployment.md, "Cloud SQL"). */
describe("SovereignSqlInstance on s3ns", () => {
  const APP = "serviceAccount:app@slz-t1-prod.s3ns.iam.gserviceaccount.com";

  it("connects through Private Service Connect, on the first C3 tier (Enterprise Plus), with no peering and no rule finding", () => {
    const context = testContext("s3ns");
    const stack = testStack(context);
    const sql = new SovereignSqlInstance(stack, "sql", { context, name: "orders", databaseVersion: "POSTGRES_16", privateServiceConnect: {} });
    const json = synthStack(stack);
    const [instance] = resourcesOfType(json, "google_sql_database_instance");
    expect(instance.settings).toMatchObject({
      tier: "db-perf-optimized-C-4",
      edition: "ENTERPRISE_PLUS",
      ip_configuration: {
        ipv4_enabled: false,
        ssl_mode: "ENCRYPTED_ONLY",
        psc_config: [{ psc_enabled: true, allowed_consumer_projects: ["s3ns:slz-t1-prod"] }],
      },
    });
    expect(instance.settings.ip_configuration.private_network).toBeUndefined();
    expect(resourcesOfType(json, "google_service_networking_connection")).toEqual([]);
    expect(resourcesOfType(json, "google_compute_global_address")).toEqual([]);
    expect(Token.isUnresolved(sql.pscServiceAttachmentLink)).toBe(true);
    const findings = evaluate([documentFromConfig(json, "s")], { profile: context.profile, operatorProjectId: "op-keys" }).findings;
    expect(findings.filter((f) => f.ruleId !== "SOV-GRD-001")).toEqual([]);
  });

  it("names the instance with the s3ns: project in its IAM conditions, never the bare id", () => {
    const context = testContext("s3ns");
    const stack = testStack(context);
    const sql = new SovereignSqlInstance(stack, "sql", { context, name: "orders", databaseVersion: "MYSQL_8_0", privateServiceConnect: {} });
    sql.grantConnect(APP);
    sql.grantLogin(APP);
    const grants = resourcesOfType(synthStack(stack), "google_project_iam_member").filter((g) => g.role.startsWith("roles/cloudsql."));
    expect(grants).toHaveLength(2);
    for (const g of grants) {
      expect(g.project).toBe("s3ns:slz-t1-prod");
      expect(g.condition.expression).toBe(
        "resource.name == 'projects/s3ns:slz-t1-prod/instances/orders' && resource.type == 'sqladmin.googleapis.com/Instance'",
      );
      expect(g.condition.expression).not.toContain("projects/slz-t1-prod/");
    }
  });

  it("refuses Private Services Access, tiers and engines S3NS does not offer, and IAM logins of users or groups", () => {
    const context = testContext("s3ns");
    const base = { context, name: "orders", databaseVersion: "POSTGRES_16", privateServiceConnect: {} };
    expect(
      () =>
        new SovereignSqlInstance(testStack(context), "sql", {
          context,
          name: "orders",
          databaseVersion: "POSTGRES_16",
          privateNetwork: NETWORK,
          privateServiceAccess: { reservePrefixLength: 16 },
        }),
    ).toThrow(
      'sql: privateServiceAccess: {"reservePrefixLength":16} is not offered (allowed: { privateServiceConnect: {...} }: Cloud SQL on profile s3ns has no Private Services Access)',
    );
    expect(() => new SovereignSqlInstance(testStack(context), "sql", { ...base, tier: "db-custom-2-7680" })).toThrow(
      'sql: tier: "db-custom-2-7680" is not offered by Cloud SQL on profile s3ns (allowed: db-perf-optimized-C-4, db-perf-optimized-C-8, db-perf-optimized-C-22, db-perf-optimized-C-44, db-perf-optimized-C-88, db-perf-optimized-C-176)',
    );
    expect(() => new SovereignSqlInstance(testStack(context), "sql", { ...base, databaseVersion: "SQLSERVER_2022_STANDARD" })).toThrow(
      'sql: databaseVersion: "SQLSERVER_2022_STANDARD" is not offered by Cloud SQL on profile s3ns (allowed: POSTGRES_*, MYSQL_*)',
    );
    const sql = new SovereignSqlInstance(testStack(context), "sql", base);
    for (const member of ["user:alice@example.fr", "group:dba@example.fr"]) {
      expect(() => sql.grantLogin(member)).toThrow(
        `sql: grant of roles/cloudsql.instanceUser: IAM database authentication on profile s3ns does not take "${member}" (allowed: serviceAccount: members)`,
      );
    }
    expect(() => sql.grantConnect("user:alice@example.fr")).not.toThrow();
  });

  it("keeps what paris offers: SQL Server, any tier, IAM logins of users", () => {
    const context = testContext();
    const stack = testStack(context);
    const sql = new SovereignSqlInstance(stack, "sql", {
      context,
      name: "reports",
      databaseVersion: "SQLSERVER_2022_STANDARD",
      tier: "db-custom-4-15360",
      privateServiceConnect: {},
    });
    sql.grantLogin("user:alice@example.fr");
    expect(resourcesOfType(synthStack(stack), "google_sql_database_instance")[0].settings).toMatchObject({
      tier: "db-custom-4-15360",
      edition: "ENTERPRISE",
    });
  });
});
