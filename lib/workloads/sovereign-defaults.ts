import { dependable, type TerraformResource } from "../core";
import type { KmsService } from "../catalog/kms-services";
import type { Waiver } from "../checks/types";
import { Boundary } from "./boundary";
import { placeWorkload, type LocationSpec, type Placement, type SovereignWorkloadProps } from "./sovereign-workload";

export interface SovereignDefaultsOptions extends SovereignWorkloadProps {
  /** The service whose operator key encrypts the resource. */
  readonly service: KmsService;
  /**
   * Terraform attribute (snake_case, dots for nested blocks) that holds the location, such as `location` or `region`.
   * @default - the location is not set (for resources without one)
   */
  readonly locationAttribute?: string;
  /** Location to set. @default - the profile's region */
  readonly location?: string;
  /** Allowed location values, inside the profile's boundary (a value outside it needs a waiver all the same). @default - the profile's region and aliases (no zones) */
  readonly allowedLocations?: readonly string[];
  /** Terraform attribute that holds the key, such as `kms_key_name` or `encryption_spec.kms_key_name`. */
  readonly keyAttribute: string;
}

/** What `sovereignDefaults` applied. */
export interface SovereignDefaultsResult extends Placement {
  /** Boundary rules waived for the resource, with their reasons. */
  readonly waivers: readonly Waiver[];
}

/**
 * Give any other provider resource the sovereign defaults: check location
 * and key against the boundary, set them as overrides, and (with a project
 * number) grant the service agent on the key and make the resource wait for
 * the grant (a child of the resource). Waivers are recorded on the
 * resource's metadata. Validation and overrides happen at once: call it
 * right after creating the resource.
 *
 * ```ts
 * const job = new DataflowJob(stack, "job", { ... });
 * sovereignDefaults(job, { context, service: "storage", locationAttribute: "region", keyAttribute: "kms_key_name" });
 * ```
 */
export function sovereignDefaults(resource: TerraformResource, options: SovereignDefaultsOptions): SovereignDefaultsResult {
  const boundary = new Boundary(resource, options.context, options.waivers);
  const spec: LocationSpec = { field: options.locationAttribute ?? "location", value: options.location, allowed: options.allowedLocations };
  const placement = placeWorkload(resource, boundary, options, options.service, spec);
  if (options.locationAttribute) resource.addOverride(options.locationAttribute, placement.location);
  resource.addOverride(options.keyAttribute, placement.kmsKeyName);
  if (placement.dependsOn) {
    resource.dependsOn = [...(resource.dependsOn ?? []), ...placement.dependsOn.map(dependable)];
  }
  return { ...placement, waivers: boundary.appliedWaivers };
}
