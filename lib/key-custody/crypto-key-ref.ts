/** A reference to one Cloud KMS key held by the operator, to grant on it. */
import { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import type { KmsCryptoKeyIamMember } from "../google";
import { grantId } from "../grants";
import { parseCryptoKeyId } from "../naming";
import { ENCRYPTER_DECRYPTER_ROLE, grantEncryptDecryptOn, type GrantOptions } from "./key-refs";
import type { ServiceAgent } from "./service-agents";

/**
 * One crypto key: its id, its parts, and the only grant a principal may get
 * on it. Made by `CryptoKeyRef.fromKeyId` (a key that exists already) or by
 * `KeyCustody.keyFor` (a key of the custody, whose grants wait for the key).
 */
export class CryptoKeyRef extends Construct {
  /** A key that exists already, by its full id `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
  static fromKeyId(scope: Construct, id: string, keyId: string): CryptoKeyRef {
    return new CryptoKeyRef(scope, id, keyId, []);
  }

  /** @internal A key of this stack: grants on it follow `createdBy` (the key). */
  static ofCustody(scope: Construct, id: string, keyId: string, createdBy: ITerraformDependable): CryptoKeyRef {
    return new CryptoKeyRef(scope, id, keyId, [createdBy]);
  }

  readonly projectId: string;
  readonly location: string;
  readonly keyRing: string;
  readonly key: string;

  private constructor(
    scope: Construct,
    id: string,
    readonly keyId: string,
    private readonly createdBy: ITerraformDependable[],
  ) {
    super(scope, id);
    const parts = parseCryptoKeyId(keyId);
    if (!parts) throw new Error(`${this.node.path}: "${keyId}" is not a crypto key id (allowed: projects/P/locations/L/keyRings/R/cryptoKeys/K)`);
    ({ projectId: this.projectId, location: this.location, keyRing: this.keyRing, key: this.key } = parts);
  }

  /**
   * Lets `member` encrypt and decrypt with the key, and nothing else (an
   * additive `google_kms_crypto_key_iam_member`); a public member is refused.
   * @param id construct id of the grant; @default `grant-cloudkms.cryptoKeyEncrypterDecrypter-<member>`
   */
  grantEncryptDecrypt(member: string, id?: string): KmsCryptoKeyIamMember {
    return grantEncryptDecryptOn(this, grantId(this, ENCRYPTER_DECRYPTER_ROLE, member, id), this.keyId, member, this.after());
  }

  /**
   * Lets a service agent (see `serviceAgent`) encrypt and decrypt with the
   * key, after whatever creates the agent.
   */
  grantServiceAgent(agent: ServiceAgent, options: GrantOptions = {}): KmsCryptoKeyIamMember {
    const id = options.id ?? `kms-agent-${this.key}`;
    return grantEncryptDecryptOn(this, id, this.keyId, agent.member, this.after([...(options.dependsOn ?? []), agent.createdBy]));
  }

  /** What a grant waits for: the key when this stack creates it, and `more`. */
  private after(more: ITerraformDependable[] = []): ITerraformDependable[] | undefined {
    const all = [...this.createdBy, ...more];
    return all.length ? all : undefined;
  }
}
