/** A reference to a Cloud KMS key that exists already (held by the operator), to grant on it. */
import { Construct } from "constructs";
import { KmsCryptoKeyIamMember } from "../google";
import { parseCryptoKeyId } from "../naming";
import { ENCRYPTER_DECRYPTER_ROLE } from "./key-refs";

/** An existing crypto key: its id, its parts, and the only grant a tenant principal may get on it. */
export class CryptoKeyRef extends Construct {
  /** A key that exists already, by its full id `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
  static fromKeyId(scope: Construct, id: string, keyId: string): CryptoKeyRef {
    return new CryptoKeyRef(scope, id, keyId);
  }

  readonly projectId: string;
  readonly location: string;
  readonly keyRing: string;
  readonly key: string;

  private constructor(
    scope: Construct,
    id: string,
    readonly keyId: string,
  ) {
    super(scope, id);
    const parts = parseCryptoKeyId(keyId);
    if (!parts) throw new Error(`${this.node.path}: "${keyId}" is not a crypto key id (allowed: projects/P/locations/L/keyRings/R/cryptoKeys/K)`);
    ({ projectId: this.projectId, location: this.location, keyRing: this.keyRing, key: this.key } = parts);
  }

  /** Lets `member` encrypt and decrypt with the key, and nothing else (an additive `google_kms_crypto_key_iam_member`). */
  grantEncryptDecrypt(member: string, id = "encrypter-decrypter"): KmsCryptoKeyIamMember {
    return new KmsCryptoKeyIamMember(this, id, { cryptoKeyId: this.keyId, role: ENCRYPTER_DECRYPTER_ROLE, member });
  }
}
