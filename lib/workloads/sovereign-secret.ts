import type { Construct } from "constructs";
import { SecretManagerRegionalSecret } from "../google";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";

/** Secret ids: 1 to 255 letters, digits, `-` or `_`. */
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

export interface SovereignSecretProps extends SovereignWorkloadProps {
  /** Secret id. */
  readonly secretId: string;
  /** Location: the region. @default - the profile's region */
  readonly location?: string;
  /** Refuse `terraform destroy` of the secret. @default true */
  readonly deletionProtection?: boolean;
}

/**
 * A regional Secret Manager secret: stored only in the region, its versions
 * encrypted with the tenant's operator-held Secret Manager key.
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
      deletionProtection: props.deletionProtection ?? true,
      dependsOn: this.dependsOn,
    });
  }

  get name(): string {
    return this.secret.secretId;
  }
  get id(): string {
    return this.secret.id;
  }
  /** The secret's full name, `projects/<number>/locations/<region>/secrets/<id>` (no self link in the API). */
  get selfLink(): string {
    return this.secret.name;
  }
}
