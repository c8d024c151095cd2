import type { ITerraformDependable } from "../core";
import type { ITenantKeys } from "../key-custody/key-refs";
import type { SovereigntyProfile } from "../profiles/profile";

/**
 * What a workload construct needs to know about the tenant project it
 * deploys into: where (project, region) and with which operator keys.
 */
export interface TenantContext {
  /** The sovereignty profile. */
  readonly profile: SovereigntyProfile;
  /** Project id of the tenant environment. */
  readonly projectId: string;
  /** The tenant's operator-held keys. */
  readonly keys: ITenantKeys;
  /** Labels for the workload's resources. @default - none */
  readonly labels?: Record<string, string>;
  /**
   * Resources a workload must follow: the service-agent grants on the keys,
   * made by the tenant landing zone. @default - none: the caller made the grants
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}
