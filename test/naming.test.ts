import { CRYPTO_KEY_ID_PATTERN, apiProjectId, cryptoKeyId, cryptoKeyIdInRing, findCryptoKeyId, keyRingId, parseCryptoKeyId } from "../lib/naming";

describe("crypto key ids: one builder, one parser", () => {
  const id = cryptoKeyId("s3ns:op-keys", "u-france-east1", "tenant-a", "storage");

  it("parses what it builds", () => {
    expect(id).toBe("projects/s3ns:op-keys/locations/u-france-east1/keyRings/tenant-a/cryptoKeys/storage");
    expect(parseCryptoKeyId(id)).toEqual({ projectId: "s3ns:op-keys", location: "u-france-east1", keyRing: "tenant-a", key: "storage" });
    expect(CRYPTO_KEY_ID_PATTERN.test(id)).toBe(true);
    expect(cryptoKeyIdInRing(keyRingId("s3ns:op-keys", "u-france-east1", "tenant-a"), "storage")).toBe(id);
  });

  it("parses only a whole key id; finds one inside a key version or a URL", () => {
    const version = `//cloudkms.googleapis.com/${id}/cryptoKeyVersions/1`;
    expect(parseCryptoKeyId(version)).toBeUndefined();
    expect(findCryptoKeyId(version)).toEqual(parseCryptoKeyId(id));
    expect(findCryptoKeyId("projects/p/locations/l/keyRings/r")).toBeUndefined();
  });

  it("the well-formed pattern rejects parts outside their alphabets", () => {
    expect(CRYPTO_KEY_ID_PATTERN.test("projects/P!/locations/europe-west9/keyRings/r/cryptoKeys/k")).toBe(false);
    expect(CRYPTO_KEY_ID_PATTERN.test("projects/p/locations/europe-west9/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1")).toBe(false);
  });
});

describe("project ids as API paths spell them", () => {
  it("adds the universe prefix once: an id that carries it already keeps it", () => {
    expect(apiProjectId({ projectIdPrefix: "s3ns:" }, "op-keys")).toBe("s3ns:op-keys");
    expect(apiProjectId({ projectIdPrefix: "s3ns:" }, "s3ns:op-keys")).toBe("s3ns:op-keys");
    expect(apiProjectId({ projectIdPrefix: "" }, "op-keys")).toBe("op-keys");
  });
});
