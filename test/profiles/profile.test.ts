import { isLocationAllowed, PROFILES, profileOf, type ProfileName } from "../../lib/profiles/profile";
import { configWith, resourcesOfType, synthAll, toS3ns } from "../helpers";

describe("profiles", () => {
  it("returns the profile of a known name", () => {
    expect(profileOf("paris").region).toBe("europe-west9");
    expect(profileOf("s3ns").universeDomain).toBe("s3nsapis.fr");
  });

  it("are deep-frozen: no one can widen the boundary for everyone", () => {
    const paris = profileOf("paris");
    expect(() => (paris.allowedLocations as string[]).push("us")).toThrow(TypeError);
    expect(() => ((paris as { region: string }).region = "us-central1")).toThrow(TypeError);
    expect(() => ((PROFILES as Record<string, unknown>).paris = {})).toThrow(TypeError);
    expect(paris.allowedLocations).not.toContain("us");
    expect(Object.isFrozen(PROFILES.s3ns.zones)).toBe(true);
  });

  it("refuses an unknown name, listing the profiles", () => {
    expect(() => profileOf("Paris" as ProfileName)).toThrow('profile: "Paris" is not a sovereignty profile (allowed: paris, s3ns)');
    expect(() => profileOf("toString" as ProfileName)).toThrow(/not a sovereignty profile/);
  });
});

/** S3NS's Cloud KMS differences (docs/deployment.md, "S3NS Cloud KMS"): what the `s3ns` profile encodes. */
describe("s3ns Cloud KMS, as S3NS documents it", () => {
  const s3ns = profileOf("s3ns");

  it("offers software keys and EKM over VPC, not Cloud HSM (multi- or single-tenant) nor EKM over the internet", () => {
    expect([...s3ns.keyProtectionLevels].sort()).toEqual(["EXTERNAL_VPC", "SOFTWARE"]);
    for (const absent of ["HSM", "HSM_SINGLE_TENANT", "EXTERNAL"]) expect(s3ns.keyProtectionLevels).not.toContain(absent);
    expect(profileOf("paris").keyProtectionLevels).not.toContain("SOFTWARE");
  });

  it("has no Autokey (it needs Cloud HSM keys)", () => {
    expect(s3ns.autokey).toBe(false);
    expect(profileOf("paris").autokey).toBe(true);
  });

  it("knows `global` as the one region and no other multi-region", () => {
    expect(isLocationAllowed(s3ns, "global")).toBe(true);
    for (const other of ["eu", "europe", "us", "europe-west9"]) expect(isLocationAllowed(s3ns, other)).toBe(false);
    expect(isLocationAllowed(profileOf("paris"), "global")).toBe(false);
  });

  it("builds EXTERNAL_VPC keys behind the EKM connection when the operator asks for them", () => {
    const json = synthAll(
      configWith((c) => {
        toS3ns(c);
        c.operator.keyProtection = "EXTERNAL_VPC";
      }),
    )["key-custody"];
    const keys = resourcesOfType(json, "google_kms_crypto_key");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.version_template).toMatchObject({ protection_level: "EXTERNAL_VPC" });
    expect(resourcesOfType(json, "google_kms_ekm_connection")).toEqual([expect.objectContaining({ location: "u-france-east1" })]);
  });
});
