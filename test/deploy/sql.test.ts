/** SovereignSqlInstance: the edition follows the tier, and a private IP always has Private Services Access. */
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
    const context = testContext("s3ns");
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
        project: "s3ns:slz-t1-prod",
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
});
