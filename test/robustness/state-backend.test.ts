import { ConfigError } from "../../lib/config/errors";
import { configWith, synthAll, type TfJson } from "../helpers";

const GCS = { backend: "gcs", bucket: "op-tfstate-europe-west9", prefix: "lz" };

describe("state backend", () => {
  let local: Record<string, TfJson>;
  let gcs: Record<string, TfJson>;
  beforeAll(() => {
    local = synthAll(configWith());
    gcs = synthAll(configWith((raw) => (raw.state = GCS)));
  });

  it("keeps each stack's state in the bucket under its own prefix, encrypted with the operator's platform key", () => {
    const prefixes = Object.entries(gcs).map(([stack, json]) => {
      const backend = json.terraform?.backend?.gcs;
      expect(backend.bucket).toBe("op-tfstate-europe-west9");
      expect(backend.kms_encryption_key).toBe("projects/op-key-custody/locations/europe-west9/keyRings/platform/cryptoKeys/storage");
      expect(backend.prefix).toBe(`lz/${stack}`);
      return backend.prefix;
    });
    expect(new Set(prefixes).size).toBe(Object.keys(gcs).length);
  });

  it("uses the key the config names", () => {
    const kmsKey = "projects/op-key-custody/locations/europe-west9/keyRings/state/cryptoKeys/tfstate";
    const json = synthAll(configWith((raw) => (raw.state = { ...GCS, kmsKey })));
    expect(json.foundation.terraform?.backend?.gcs.kms_encryption_key).toBe(kmsKey);
  });

  it("defaults to local state, no GCS backend", () => {
    for (const json of Object.values(local)) expect(json.terraform?.backend?.gcs).toBeUndefined();
  });

  it.each([
    [{ backend: "gcs" }, "state.bucket: is required"],
    [{ ...GCS, bucket: "Bad_Bucket!" }, "state.bucket: "],
    [{ ...GCS, prefix: "../../etc" }, "state.prefix: "],
    [{ ...GCS, prefix: "lz/${var.x}" }, "state.prefix: "],
    [{ ...GCS, kmsKey: "my-key" }, "state.kmsKey: "],
    [{ backend: "s3", bucket: "x" }, "state.backend: "],
    [{ backend: "local", bucket: "op-tfstate" }, "state.bucket: unknown key"],
  ])("rejects the backend config %j", (state, problem) => {
    expect(() => configWith((raw) => (raw.state = state))).toThrow(ConfigError);
    try {
      configWith((raw) => (raw.state = state));
    } catch (e) {
      expect((e as ConfigError).problems.some((p) => p.startsWith(problem))).toBe(true);
    }
  });
});
