/**
 * Deterministic references to operator-held keys. A tenant stack computes
 * its key ids from config, so it never reads the operator's state.
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import { KmsCryptoKeyIamMember } from "../google";
import { checkedMember } from "../grants";
import { operatorKeyId, tenantKeyRingName } from "../naming";
import { assertLibraryProfile, type SovereigntyProfile } from "../profiles/profile";
import { KMS_SERVICES, type KmsService } from "../catalog/kms-services";
import type { ServiceAgent } from "./service-agents";

/** The only role a tenant principal ever gets on an operator key. */
export const ENCRYPTER_DECRYPTER_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/** Options of a key grant. */
export interface GrantOptions {
  /** Construct id of the grant. @default `kms-agent-<service>` for service agents */
  readonly id?: string;
  /** Resources the grant must follow, e.g. the API that creates the service agent. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The one way anything here grants on a key: `member` may encrypt and decrypt
 * with `cryptoKeyId` and nothing else (an additive
 * `google_kms_crypto_key_iam_member`); a public member is refused.
 */
export function grantEncryptDecryptOn(
  scope: Construct,
  id: string,
  cryptoKeyId: string,
  member: string,
  dependsOn?: ITerraformDependable[],
): KmsCryptoKeyIamMember {
  return new KmsCryptoKeyIamMember(scope, id, { cryptoKeyId, role: ENCRYPTER_DECRYPTER_ROLE, member: checkedMember(scope, member), dependsOn });
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
  /**
   * Let `member` encrypt and decrypt with the key of `service`, and nothing
   * else: an additive `google_kms_crypto_key_iam_member`.
   */
  grantEncryptDecrypt(scope: Construct, id: string, service: KmsService, member: string, options?: GrantOptions): KmsCryptoKeyIamMember;
  /**
   * Grant the service agent of `service` (see `serviceAgent`) on that
   * service's key, after whatever creates the agent.
   */
  grantServiceAgent(scope: Construct, service: KmsService, agent: ServiceAgent, options?: GrantOptions): KmsCryptoKeyIamMember;
}

export interface TenantKeyRefsProps {
  readonly profile: SovereigntyProfile;
  /** The operator's key project. */
  readonly operatorProjectId: string;
  readonly tenantId: string;
  /** Services that have a key. */
  readonly services: readonly KmsService[];
  /** Key ring name. @default `tenant-<tenantId>` */
  readonly keyRing?: string;
}

/** Key references computed from names only. */
export class TenantKeyRefs implements ITenantKeys {
  readonly tenantId: string;
  readonly operatorProjectId: string;
  readonly location: string;
  readonly services: readonly KmsService[];
  private readonly profile: SovereigntyProfile;
  private readonly keyRing: string;

  constructor(props: TenantKeyRefsProps) {
    assertLibraryProfile(`TenantKeyRefs(${JSON.stringify(props.tenantId)})`, props.profile);
    this.profile = props.profile;
    this.tenantId = props.tenantId;
    this.operatorProjectId = props.operatorProjectId;
    this.location = props.profile.region;
    // A mistyped service ("storge") would only fail at the first key asked for it, naming the typo as allowed.
    props.services.forEach((service, i) => {
      if (!KMS_SERVICES.includes(service)) {
        throw new Error(
          `TenantKeyRefs(${JSON.stringify(props.tenantId)}): services[${i}]: ${JSON.stringify(service)} is not a service (allowed: ${KMS_SERVICES.join(", ")})`,
        );
      }
    });
    this.services = props.services;
    this.keyRing = props.keyRing ?? tenantKeyRingName(props.tenantId);
  }

  keyId(service: KmsService): string {
    if (!this.services.includes(service)) {
      throw new Error(
        `tenant "${this.tenantId}" has no operator key for service "${service}" (allowed: ${this.services.join(", ")}); add it to tenants[].services`,
      );
    }
    return operatorKeyId(this.profile, this.operatorProjectId, this.keyRing, service);
  }

  grantEncryptDecrypt(scope: Construct, id: string, service: KmsService, member: string, options: GrantOptions = {}): KmsCryptoKeyIamMember {
    return grantEncryptDecryptOn(scope, options.id ?? id, this.keyId(service), member, options.dependsOn);
  }

  grantServiceAgent(scope: Construct, service: KmsService, agent: ServiceAgent, options: GrantOptions = {}): KmsCryptoKeyIamMember {
    const dependsOn = [...(options.dependsOn ?? []), agent.createdBy];
    return this.grantEncryptDecrypt(scope, `kms-agent-${service}`, service, agent.member, { ...options, dependsOn });
  }
}
