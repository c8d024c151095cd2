/**
 * Deterministic references to operator-held keys. A tenant stack computes
 * its key ids from config, so it never reads the operator's state.
 */
import { tenantKeyRingName } from "../naming";
import type { SovereigntyProfile } from "../profiles/profile";
import type { KmsService } from "./config";

/** Full resource id of a Cloud KMS crypto key. */
export function cryptoKeyId(projectId: string, location: string, keyRing: string, key: string): string {
  return `projects/${projectId}/locations/${location}/keyRings/${keyRing}/cryptoKeys/${key}`;
}

/** The keys of one tenant, one per service, held in the operator project. */
export interface ITenantKeys {
  /** The tenant these keys belong to. */
  readonly tenantId: string;
  /** The operator project (without universe prefix). */
  readonly operatorProjectId: string;
  /** Region of the key ring. */
  readonly location: string;
  /** Services that have a key. */
  readonly services: readonly KmsService[];
  /** Full id of the key for a service; throws if the tenant has no key for it. */
  keyId(service: KmsService): string;
}

export interface TenantKeyRefsProps {
  readonly profile: SovereigntyProfile;
  /** The operator's key project. */
  readonly operatorProjectId: string;
  readonly tenantId: string;
  /** Services that have a key. */
  readonly services: readonly KmsService[];
}

/** Key references computed from names only. */
export class TenantKeyRefs implements ITenantKeys {
  readonly tenantId: string;
  readonly operatorProjectId: string;
  readonly location: string;
  readonly services: readonly KmsService[];
  private readonly keyRingPath: string;

  constructor(props: TenantKeyRefsProps) {
    this.tenantId = props.tenantId;
    this.operatorProjectId = props.operatorProjectId;
    this.location = props.profile.region;
    this.services = props.services;
    this.keyRingPath = `projects/${props.profile.projectIdPrefix}${props.operatorProjectId}/locations/${this.location}/keyRings/${tenantKeyRingName(props.tenantId)}`;
  }

  keyId(service: KmsService): string {
    if (!this.services.includes(service)) {
      throw new Error(
        `tenant "${this.tenantId}" has no operator key for service "${service}" (allowed: ${this.services.join(", ")}); add it to tenants[].services`,
      );
    }
    return `${this.keyRingPath}/cryptoKeys/${service}`;
  }
}
