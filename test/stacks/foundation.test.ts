import { ConfigError } from "../../lib/config/errors";
import { configWith, resourcesOfType, synthAll, type TfJson } from "../helpers";

const PLATFORM_LOGGING_KEY = "projects/op-key-custody/locations/europe-west9/keyRings/platform/cryptoKeys/logging";

describe("foundation stack", () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthAll(configWith()).foundation;
  });

  it("keeps the landing zone's audit logs in the region, under the operator's platform key", () => {
    expect(resourcesOfType(json, "google_project")).toEqual([
      expect.objectContaining({ project_id: "slz-audit", deletion_policy: "PREVENT", lifecycle: { prevent_destroy: true } }),
    ]);
    expect(resourcesOfType(json, "google_logging_project_bucket_config")).toEqual([
      expect.objectContaining({
        project: "slz-audit",
        bucket_id: "landing-zone-audit",
        location: "europe-west9",
        cmek_settings: { kms_key_name: PLATFORM_LOGGING_KEY },
      }),
    ]);
    const [sink] = resourcesOfType(json, "google_logging_folder_sink");
    expect(sink).toMatchObject({
      include_children: true,
      destination: "logging.googleapis.com/projects/slz-audit/locations/europe-west9/buckets/landing-zone-audit",
    });
    expect(sink.folder).toMatch(/google_folder\.root_folder_.*\.folder_id/);
    expect(resourcesOfType(json, "google_logging_folder_settings")).toEqual([
      expect.objectContaining({ storage_location: "europe-west9", kms_key_name: PLATFORM_LOGGING_KEY }),
    ]);
  });

  it("adds security contacts and Access Approval on the root folder", () => {
    expect(resourcesOfType(json, "google_essential_contacts_contact").map((c) => c.email)).toEqual(["securite@example.fr"]);
    expect(resourcesOfType(json, "google_folder_access_approval_settings")).toHaveLength(1);
  });

  it("rejects a security contact outside the organization's domain", () => {
    expect(() => configWith((c) => (c.landingZone.essentialContacts = [{ email: "soc@provider.com" }]))).toThrow(ConfigError);
    try {
      configWith((c) => (c.landingZone.essentialContacts = [{ email: "soc@provider.com" }]));
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        `landingZone.essentialContacts[0].email: "soc@provider.com" is outside the organization's identities (allowed: @example.fr)`,
      ]);
    }
  });
});
