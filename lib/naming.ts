/**
 * Deterministic names. Every id that another stack or a tenant needs is
 * derived here from config values, never read from state, so stacks can be
 * deployed by different teams without sharing state.
 */
import { CRYPTO_KEY_ID_RULE, PROJECT_ID_RULE } from "./patterns";

/** Default prefix of every project id the landing zone creates. */
export const DEFAULT_PREFIX = "slz";

/** Google Cloud project id rule: 6 to 30 characters, lower-case, starts with a letter (a copy: the library decides by its own). */
export const PROJECT_ID_PATTERN = new RegExp(PROJECT_ID_RULE);

/** Project id of a tenant environment: `<prefix>-<tenant>-<environment>`. */
export function tenantProjectId(prefix: string, tenantId: string, environment: string): string {
  return `${prefix}-${tenantId}-${environment}`;
}

/**
 * Key ring of the platform's own keys (foundation logging, state bucket), and
 * their owner in the key custody: no tenant may take this id.
 */
export const PLATFORM_KEY_RING = "platform";

/**
 * A project id as API paths spell it on the profile (`s3ns:<id>` on the S3NS universe). An id that already carries
 * the prefix (an operator project written `s3ns:op-keys`, as S3NS spells project ids) is returned as it is: a bare
 * project id has no `:`, so the prefix is never doubled.
 */
export function apiProjectId(profile: { readonly projectIdPrefix: string }, projectId: string): string {
  return profile.projectIdPrefix && projectId.startsWith(profile.projectIdPrefix) ? projectId : `${profile.projectIdPrefix}${projectId}`;
}

/** Project of the landing zone's audit log bucket. */
export function auditProjectId(prefix: string): string {
  return `${prefix}-audit`;
}

/** Key ring of a tenant in the operator project. */
export function tenantKeyRingName(tenantId: string): string {
  return `tenant-${tenantId}`;
}

/** The tenant whose key ring this is, or undefined. */
export function tenantOfKeyRing(keyRing: string): string | undefined {
  return keyRing.startsWith("tenant-") ? keyRing.slice("tenant-".length) || undefined : undefined;
}

/** Stack name of a tenant. */
export function tenantStackName(tenantId: string): string {
  return `tenant-${tenantId}`;
}

/** The tenant whose stack this is, or undefined. */
export function tenantOfStack(stack: string): string | undefined {
  return stack.startsWith("tenant-") ? stack.slice("tenant-".length) || undefined : undefined;
}

/** Full resource id of a Cloud KMS key ring. */
export function keyRingId(projectId: string, location: string, keyRing: string): string {
  return `projects/${projectId}/locations/${location}/keyRings/${keyRing}`;
}

/** Full resource id of a Cloud KMS crypto key in a key ring given by its full id. */
export function cryptoKeyIdInRing(keyRingId: string, key: string): string {
  return `${keyRingId}/cryptoKeys/${key}`;
}

/** Full resource id of a Cloud KMS crypto key. */
export function cryptoKeyId(projectId: string, location: string, keyRing: string, key: string): string {
  return cryptoKeyIdInRing(keyRingId(projectId, location, keyRing), key);
}

/** Full resource id of a version of a Cloud KMS crypto key (its `name`, the provider's import id). */
export function cryptoKeyVersionId(cryptoKeyId: string, version: number): string {
  return `${cryptoKeyId}/cryptoKeyVersions/${version}`;
}

/** Full id of an operator-held key: `key` in the ring `keyRing` of the operator project (as API paths spell it), in the profile's region. */
export function operatorKeyId(
  profile: { readonly projectIdPrefix: string; readonly region: string },
  operatorProjectId: string,
  keyRing: string,
  key: string,
): string {
  return cryptoKeyId(apiProjectId(profile, operatorProjectId), profile.region, keyRing, key);
}

/** A well-formed crypto key id: project id (with its universe prefix), location, key ring and key names in their alphabets (a copy: the library decides by its own). */
export const CRYPTO_KEY_ID_PATTERN = new RegExp(CRYPTO_KEY_ID_RULE);

const CRYPTO_KEY_ID_PARTS = "projects/([^/]+)/locations/([^/]+)/keyRings/([^/]+)/cryptoKeys/([^/]+)";

/** The parts of a crypto key id, from a regular expression match. */
interface CryptoKeyIdParts {
  projectId: string;
  location: string;
  keyRing: string;
  key: string;
}
const partsOf = (m: RegExpExecArray | null): CryptoKeyIdParts | undefined =>
  m ? { projectId: m[1], location: m[2], keyRing: m[3], key: m[4] } : undefined;

/** The parts of a Cloud KMS crypto key id, or undefined if `id` is not one. */
export function parseCryptoKeyId(id: string): CryptoKeyIdParts | undefined {
  return partsOf(new RegExp(`^${CRYPTO_KEY_ID_PARTS}$`).exec(id));
}

/** The parts of the first crypto key id inside `text` (a key version, a full resource URL), or undefined. */
export function findCryptoKeyId(text: string): CryptoKeyIdParts | undefined {
  return partsOf(new RegExp(CRYPTO_KEY_ID_PARTS).exec(text));
}

/**
 * The location a full resource name places its resource in: the segment after `locations/`
 * (`projects/P/locations/L/namespaces/N/services/S` is in L), or undefined when it names none.
 */
export function locationInName(name: string): string | undefined {
  return /(?:^|\/)locations\/([^/]+)(?:\/|$)/.exec(name)?.[1];
}
