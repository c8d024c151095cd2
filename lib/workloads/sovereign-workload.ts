import { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import type { KmsCryptoKeyIamMember } from "../google";
import type { KmsService } from "../catalog/kms-services";
import { grantEncryptDecryptOn } from "../key-custody/key-refs";
import { serviceAgent } from "../key-custody/service-agents";
import { apiProjectId } from "../naming";
import type { TenantContext } from "./context";
import type { Waiver } from "../checks/types";
import { Boundary, type BoundaryWaiver } from "./boundary";

/** Props every sovereign workload construct takes. */
export interface SovereignWorkloadProps {
  /** The tenant project, region and operator keys the workload deploys into. */
  readonly context: TenantContext;
  /**
   * Full id of the crypto key; must be an operator key in the region.
   * @default - the tenant's operator key for the construct's service
   */
  readonly kmsKey?: string;
  /**
   * Number of the tenant project. When given, the construct grants the
   * service's agent `roles/cloudkms.cryptoKeyEncrypterDecrypter` on its key
   * and makes the resource wait for the grant.
   * @default - no grant: the tenant landing zone grants the service agents of each environment project
   */
  readonly projectNumber?: string;
  /**
   * Boundary rules to waive (`SOV-LOC-001` location, `SOV-KEY-002` key),
   * each with a written reason (at least 10 characters), optionally an
   * attribute and a last day `YYYY-MM-DD`. A waiver used is recorded on the
   * construct (covering its resource only) and listed in `waivers` and the report.
   * @default - none: every rule is enforced
   */
  readonly waivers?: readonly BoundaryWaiver[];
  /**
   * Resources to create first, such as the project and its enabled APIs, in
   * addition to the context's `dependsOn` (the tenant landing zone's key grants).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** The placement of a workload: checked location, checked key and the optional grant. */
export interface Placement {
  /** The project as API paths spell it (`s3ns:` prefix on S3NS). */
  readonly project: string;
  readonly location: string;
  readonly kmsKeyName: string;
  /** The service agent's grant on the key, when the construct made it. */
  readonly keyGrant?: KmsCryptoKeyIamMember;
  /** `dependsOn` for the resource: the context's and the caller's dependencies, and the grant. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Where a workload's location comes from and what it may be. */
export interface LocationSpec {
  /** Props field, for error messages. */
  readonly field: string;
  /** The requested value; undefined uses `fallback`. */
  readonly value?: string;
  /** Value when none is requested. @default - the profile's region */
  readonly fallback?: string;
  /** Allowed values. @default - the profile's region and aliases (no zones) */
  readonly allowed?: readonly string[];
}

/** Check location and key against the boundary and grant the service agent when the project number is known. */
export function placeWorkload(
  scope: Construct,
  boundary: Boundary,
  props: SovereignWorkloadProps,
  service: KmsService,
  spec: LocationSpec,
): Placement {
  const { context } = props;
  const project = apiProjectId(context.profile, context.projectId);
  const location = boundary.location(spec.field, spec.value ?? spec.fallback ?? context.profile.region, spec.allowed);
  // The tenant's key too: `context.keys` is an interface, and any object may implement it.
  const kmsKeyName = props.kmsKey === undefined ? boundary.key("context.keys", context.keys.keyId(service)) : boundary.key("kmsKey", props.kmsKey);
  let keyGrant: KmsCryptoKeyIamMember | undefined;
  if (props.projectNumber !== undefined) {
    // Google creates most agents lazily: create (or read) the agent first, then grant it.
    const agent = serviceAgent(scope, "agent", {
      profile: context.profile,
      service,
      project,
      projectNumber: props.projectNumber,
      dependsOn: [...(context.dependsOn ?? []), ...(props.dependsOn ?? [])],
    });
    // The tenant's key or the checked `kmsKey`: the same grant on either.
    keyGrant = grantEncryptDecryptOn(scope, "kms-agent", kmsKeyName, agent.member, [agent.createdBy]);
  }
  const dependsOn = [...(context.dependsOn ?? []), ...(props.dependsOn ?? []), ...(keyGrant ? [keyGrant] : [])];
  return { project, location, kmsKeyName, keyGrant, dependsOn: dependsOn.length ? dependsOn : undefined };
}

/** Base of every sovereign workload construct: boundary checks, key grant, and what other constructs need. */
export abstract class SovereignWorkload extends Construct {
  /** Project of the resource as API paths spell it (`s3ns:` prefix on S3NS). */
  protected readonly project: string;
  /** Location (region or zone) of the resource, inside the boundary unless waived. */
  readonly location: string;
  /** Full id of the crypto key that encrypts the resource. */
  readonly kmsKeyName: string;
  /** The service agent's grant on the key, when this construct made it. */
  readonly keyGrant?: KmsCryptoKeyIamMember;
  /** Boundary rules this construct waived, with their reasons. */
  readonly waivers: readonly Waiver[];
  /** `dependsOn` for the underlying resource. */
  protected readonly dependsOn?: ITerraformDependable[];
  /** The boundary checks of this construct, for name checks in subclasses. */
  protected readonly boundary: Boundary;

  protected constructor(scope: Construct, id: string, props: SovereignWorkloadProps, service: KmsService, spec: LocationSpec) {
    super(scope, id);
    const boundary = new Boundary(this, props.context, props.waivers);
    this.boundary = boundary;
    const placement = placeWorkload(this, boundary, props, service, spec);
    this.project = placement.project;
    this.location = placement.location;
    this.kmsKeyName = placement.kmsKeyName;
    this.keyGrant = placement.keyGrant;
    this.dependsOn = placement.dependsOn;
    this.waivers = boundary.appliedWaivers;
  }
}
