import type { Construct } from "constructs";
import { SecretManagerRegionalSecret, SecretManagerRegionalSecretIamMember } from "../google";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Secret ids: 1 to 255 letters, digits, `-` or `_`. */
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

export interface SovereignSecretProps extends SovereignWorkloadProps, ProtectProps {
  /** Secret id. */
  readonly secretId: string;
  /** Location: the region. @default - the profile's region */
  readonly location?: string;
}

/**
 * A regional Secret Manager secret: stored only in the region, its versions
 * encrypted with the tenant's operator-held Secret Manager key; protected
 * from destroy (`protect`: `prevent_destroy` and `deletion_protection`).
 */
export class SovereignSecret extends SovereignWorkload {
  /** The underlying `google_secret_manager_regional_secret`. */
  readonly secret: SecretManagerRegionalSecret;

  constructor(scope: Construct, id: string, props: SovereignSecretProps) {
    super(scope, id, props, "secretmanager", { field: "location", value: props.location });
    this.boundary.name("secretId", props.secretId, SECRET_ID, "1 to 255 letters, digits, - or _");
    this.secret = new SecretManagerRegionalSecret(this, "secret", {
      project: this.project,
      secretId: props.secretId,
      location: this.location,
      labels: props.context.labels,
      customerManagedEncryption: { kmsKeyName: this.kmsKeyName },
      dependsOn: this.dependsOn,
    });
    applyProtection(this.secret, props.protect);
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.secret;
  }

  /** The secret id (its name in the project). */
  get secretId(): string {
    return this.secret.secretId;
  }
  /** The secret's full name, `projects/<number>/locations/<region>/secrets/<id>` (no self link in the API). */
  get secretName(): string {
    return this.secret.name;
  }

  /** Lets `member` read the secret's versions (`roles/secretmanager.secretAccessor`). */
  grantRead(member: string, id?: string): SecretManagerRegionalSecretIamMember {
    const secret = { project: this.project, location: this.location, secretId: this.secretId };
    return grantOn(this, SecretManagerRegionalSecretIamMember, secret, "roles/secretmanager.secretAccessor", member, id);
  }
}
