import type { Construct } from "constructs";
import { SovereigntyGate, type GateOptions } from "./checks/gate";
import { definedAttributes, GcsBackend, isFastSynthesis, prepareTokensOf, setOverride, terraformOf, TerraformStack } from "./core";
import { assertPlainText } from "./field-rules";
import { GoogleProvider } from "./google";
import type { SovereigntyProfile } from "./profiles/profile";
import { PROTECT_CONTEXT_KEY } from "./deletion-protection";

/** The Google provider without its unset attributes in the synthesized block (same JSON, faster synth). */
class LeanGoogleProvider extends GoogleProvider {
  protected synthesizeAttributes(): Record<string, unknown> {
    return definedAttributes(super.synthesizeAttributes());
  }
}

/** Props of a `SovereignStack`: the profile, the gate's options, labels, state backend and resource protection. */
export interface SovereignStackProps extends GateOptions {
  /** Labels the provider adds to every resource that supports them. @default - none */
  readonly labels?: Record<string, string>;
  /** Remote state in Cloud Storage; the stack's state lives under `<prefix>/<stack id>`. @default - a local state file per stack */
  readonly backend?: GcsStateBackend;
  /**
   * Default of the `protect` prop of every construct in the stack (keys,
   * folders, projects, log buckets, buckets, datasets, disks, databases,
   * secrets, registries): `prevent_destroy` and deletion protection. Key
   * material stays protected regardless. Resources created with raw provider
   * classes are not changed. @default true
   */
  readonly protectResources?: boolean;
}

/**
 * Hold any `TerraformStack` to the boundary, as `SovereignStack` does by
 * itself: synthesis fails, leaving nothing deployable, when the written stack
 * breaks a rule. The one line a plain `TerraformStack` needs:
 * `enforceSovereignty(stack, { profile: profileOf("paris") })`.
 */
export function enforceSovereignty(stack: TerraformStack, options: GateOptions): void {
  SovereigntyGate.protect(stack, options);
}

/**
 * Hold the stack of a construct that creates sovereign resources to the
 * boundary: a stack the gate does not judge yet is gated with the
 * construct's profile and operator project, so that what moves its
 * resources out afterwards (`addOverride("location", "US")`, an aspect, a
 * raw resource beside it) fails synth with the report, in a plain
 * `TerraformStack` too. A gated stack keeps its own options.
 */
export function holdToBoundary(scope: Construct, options: GateOptions): void {
  const stack = TerraformStack.of(scope);
  if (!SovereigntyGate.isGated(stack)) enforceSovereignty(stack, options);
}

/** A GCS state backend: a bucket in the region, created by the operator, and the key that encrypts the state. */
export interface GcsStateBackend {
  /** Bucket name. */
  readonly bucket: string;
  /** Path prefix shared by the stacks; each adds its own id. */
  readonly prefix: string;
  /** Full id of the Cloud KMS key that encrypts the state objects. */
  readonly kmsKey: string;
}

/**
 * A Terraform stack whose Google provider is pinned to the profile (region
 * inside the boundary, universe domain on `s3ns`, default labels), and whose
 * synthesis always runs the sovereignty rule pack on the file it writes
 * (see `enforceSovereignty`).
 */
export class SovereignStack extends TerraformStack {
  /** The profile this stack deploys to. */
  readonly profile: SovereigntyProfile;
  /** The stack's overrides, as cdktf records them (it keeps its own record private), for `terraformOf`. */
  private readonly overrides: Record<string, unknown> = {};

  constructor(scope: Construct, id: string, props: SovereignStackProps) {
    super(scope, id);
    assertPlainText(this.node.path, { labels: props.labels });
    // Before any child: the default of every construct's `protect` below (lib/deletion-protection.ts).
    this.node.setContext(PROTECT_CONTEXT_KEY, props.protectResources ?? true);
    this.profile = props.profile;
    const provider = new LeanGoogleProvider(this, "google", {
      region: props.profile.region,
      universeDomain: props.profile.universeDomain,
    });
    // Set through an override: cdktf snake-cases the keys of provider maps (`managed-by` would become `managed_by`).
    if (props.labels && Object.keys(props.labels).length) provider.addOverride("default_labels", props.labels);
    if (props.backend) {
      const { bucket, prefix, kmsKey } = props.backend;
      new GcsBackend(this, { bucket, prefix: `${prefix}/${id}`, kmsEncryptionKey: kmsKey });
    }
    enforceSovereignty(this, props);
  }

  /** cdktf's preparation, or inside `fastSynthesis` the same for less (`prepareTokensOf`). */
  prepareStack(): void {
    if (isFastSynthesis()) prepareTokensOf(this);
    else super.prepareStack();
  }

  /** cdktf's stack override, also kept in the stack's own record for `terraformOf`. */
  addOverride(path: string, value: unknown): void {
    super.addOverride(path, value);
    setOverride(this.overrides, path, value);
  }

  /** cdktf's Terraform document, or inside `fastSynthesis` the same for less (`terraformOf`). */
  toTerraform(): Record<string, unknown> {
    return isFastSynthesis() ? terraformOf(this, this.overrides) : super.toTerraform();
  }
}
