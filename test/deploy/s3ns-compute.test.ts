/** Compute Engine as S3NS offers it (documentation.s3ns.fr/compute/docs/tpc-differences; docs/deployment.md, "Compute Engine on S3NS"). */
import { Testing, TerraformStack } from "../../lib/core";
import { TenantNetwork } from "../../lib/tenant/network";
import { SovereignDisk } from "../../lib/workloads/sovereign-disk";
import { problemsOf, resourcesOfType, synthStack, toS3ns } from "../helpers";
import { testContext, testStack } from "../workloads/context";

describe("disks on s3ns: Hyperdisk Balanced only", () => {
  it("defaults to hyperdisk-balanced on s3ns and keeps pd-balanced on paris", () => {
    for (const [profile, type] of [
      ["s3ns", "hyperdisk-balanced"],
      ["paris", "pd-balanced"],
    ] as const) {
      const context = testContext(profile);
      const stack = testStack(context);
      new SovereignDisk(stack, "disk", { context, name: "data" });
      expect(resourcesOfType(synthStack(stack), "google_compute_disk")[0].type).toBe(type);
    }
  });

  it("refuses another type on s3ns, accepts it on paris", () => {
    const s3ns = testContext("s3ns");
    expect(() => new SovereignDisk(testStack(s3ns), "disk", { context: s3ns, name: "data", type: "pd-ssd" })).toThrow(
      'disk: type: "pd-ssd" is not offered by Compute Engine on profile s3ns (allowed: hyperdisk-balanced)',
    );
    const paris = testContext();
    expect(() => new SovereignDisk(testStack(paris), "disk", { context: paris, name: "data", type: "pd-ssd" })).not.toThrow();
  });
});

describe("IAP SSH on s3ns: no IAP TCP forwarding", () => {
  it("is refused by the config and by TenantNetwork on s3ns", () => {
    expect(
      problemsOf((c) => {
        toS3ns(c);
        c.tenants[0].network = { nat: true, iapSsh: true };
      }),
    ).toEqual(["tenants[0].network.iapSsh: is not available on profile s3ns, which has no IAP TCP forwarding (allowed: false)"]);
    const stack = new TerraformStack(Testing.app(), "net");
    expect(() => new TenantNetwork(stack, "net", { projectId: "s3ns:p", region: "u-france-east1", subnet: "10.0.0.0/24", iapSsh: true })).toThrow(
      "net: iapSsh: is not available on profile s3ns, which has no IAP TCP forwarding (allowed: false)",
    );
  });

  it("stays available on paris, and s3ns without it builds the network", () => {
    expect(problemsOf((c) => (c.tenants[0].network = { iapSsh: true }))).toEqual([]);
    const stack = new TerraformStack(Testing.app(), "net");
    new TenantNetwork(stack, "net", { projectId: "s3ns:p", region: "u-france-east1", subnet: "10.0.0.0/24" });
    expect(resourcesOfType(JSON.parse(Testing.synth(stack)), "google_compute_firewall").map((f) => f.name)).toEqual(["deny-all-ingress"]);
  });
});
