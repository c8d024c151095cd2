import { PROFILES, profileOf, type ProfileName } from "../../lib/profiles/profile";

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
