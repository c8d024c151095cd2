import { frozenSet } from "../freeze";
/**
 * Resource types that hold or reach key material. Destroying one destroys the
 * data encrypted with it, so they are always protected (`applyProtection` ignores `protect: false` on them) and
 * the rule SOV-KEY-004 requires `prevent_destroy` on them.
 */
export const KEY_MATERIAL_TYPES: ReadonlySet<string> = frozenSet([
  "google_kms_key_ring",
  "google_kms_crypto_key",
  "google_kms_crypto_key_version",
  "google_kms_ekm_connection",
]);
