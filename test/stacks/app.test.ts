import { addressesOf, configWith, resourcesOfType, synthAll, type TfJson, toS3ns } from "../helpers";

describe("landing-zone app", () => {
  let stacks: Record<string, TfJson>;
  beforeAll(() => {
    stacks = synthAll(configWith());
  });

  it("has key-custody, foundation and one stack per tenant", () => {
    expect(Object.keys(stacks).sort()).toEqual(["foundation", "key-custody", "tenant-agence-b", "tenant-ministere-a"]);
  });

  it("configures each stack's provider for the profile", () => {
    for (const json of Object.values(stacks)) {
      expect(json.provider?.google).toEqual([{ region: "europe-west9", default_labels: { "managed-by": "sovereign-lz" } }]);
    }
  });

  it("points every stack at the S3NS universe on the s3ns profile", () => {
    const s3ns = synthAll(configWith(toS3ns));
    for (const json of Object.values(s3ns)) {
      expect(json.provider?.google?.[0]).toMatchObject({ region: "u-france-east1", universe_domain: "s3nsapis.fr" });
    }
  });

  it("creates real folders and projects in every stack", () => {
    expect(resourcesOfType(stacks.foundation, "google_folder")).toHaveLength(1);
    expect(resourcesOfType(stacks["key-custody"], "google_project")).toEqual([expect.objectContaining({ project_id: "op-key-custody" })]);
    expect(
      resourcesOfType(stacks["tenant-ministere-a"], "google_project")
        .map((p) => p.project_id)
        .sort(),
    ).toEqual(["slz-ministere-a-nonprod", "slz-ministere-a-prod"]);
  });

  it("adds exactly one stack per new tenant and changes no address in the others", () => {
    const more = synthAll(
      configWith((c) =>
        c.tenants.push({ id: "region-c", environments: [{ name: "prod", subnet: "10.30.0.0/20" }], services: ["storage", "logging"] }),
      ),
    );
    expect(Object.keys(more).sort()).toEqual([...Object.keys(stacks), "tenant-region-c"].sort());
    for (const name of Object.keys(stacks)) {
      const before = addressesOf(stacks[name]);
      const after = addressesOf(more[name]);
      // Existing addresses stay; the operator's stack gains only the new tenant's keys.
      expect(after).toEqual(expect.arrayContaining(before));
      const added = after.filter((a) => !before.includes(a));
      if (name === "key-custody") expect(added.every((a) => a.includes("region-c"))).toBe(true);
      else expect(added).toEqual([]);
    }
    expect(addressesOf(more["tenant-region-c"]).length).toBeGreaterThan(0);
  });

  it("fails the check above when an address changes (negative case)", () => {
    const renamed = synthAll(configWith((c) => (c.tenants[0].environments[0].name = "prd")));
    expect(addressesOf(renamed["tenant-ministere-a"])).not.toEqual(expect.arrayContaining(addressesOf(stacks["tenant-ministere-a"])));
  });
});
