/**
 * The Google-beta provider and the one beta-only resource the library uses
 * (`google_project_service_identity`), as small generic classes on cdktf's
 * `TerraformProvider`/`TerraformResource`: the generated
 * `@cdktf/provider-google-beta` package weighs about 300 MB for one class.
 * The JSON is what the generated binding would write.
 */
import type { Construct } from "constructs";
import { TerraformProvider, TerraformResource, TerraformStack, definedAttributes } from "./core";
import type { TerraformMetaArguments } from "./core";

/** Same release as the `google` provider of `@cdktf/provider-google` 16.12.1. */
const METADATA = { providerName: "google-beta", providerVersion: "6.50.0", providerVersionConstraint: "~> 6.0" };

export interface GoogleBetaProviderConfig {
  /** Default region. @default - none */
  readonly region?: string;
  /** Universe domain (`s3nsapis.fr` on S3NS). @default - public Google Cloud */
  readonly universeDomain?: string;
}

/** The `google-beta` provider block. */
export class GoogleBetaProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly config: GoogleBetaProviderConfig = {},
  ) {
    super(scope, id, { terraformResourceType: "google-beta", terraformGeneratorMetadata: METADATA, terraformProviderSource: "google-beta" });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return definedAttributes({ region: this.config.region, universe_domain: this.config.universeDomain });
  }
}

/** Construct id of the stack's Google-beta provider. */
const BETA_PROVIDER_ID = "google-beta";

/** The stack's Google-beta provider, created once per stack on first use with the stack's region and universe. */
export function googleBetaProvider(scope: Construct, config: GoogleBetaProviderConfig): GoogleBetaProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(BETA_PROVIDER_ID);
  return existing instanceof GoogleBetaProvider ? existing : new GoogleBetaProvider(stack, BETA_PROVIDER_ID, config);
}

export interface ProjectServiceIdentityConfig extends TerraformMetaArguments {
  /** Project id (as API paths spell it). */
  readonly project: string;
  /** Service whose agent to create, e.g. `pubsub.googleapis.com`. */
  readonly service: string;
}

/**
 * `google_project_service_identity` (Google-beta only): asks Service Usage
 * to create the service's primary agent now rather than on first use.
 * Its `email` may come back empty for some services, so callers build the
 * member from the project number and depend on this resource.
 */
export class ProjectServiceIdentity extends TerraformResource {
  static readonly tfResourceType = "google_project_service_identity";

  constructor(
    scope: Construct,
    id: string,
    private readonly config: ProjectServiceIdentityConfig,
  ) {
    super(scope, id, {
      terraformResourceType: ProjectServiceIdentity.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: config.provider,
      dependsOn: config.dependsOn,
      lifecycle: config.lifecycle,
    });
  }

  /** The agent's email, when the API reports it. */
  get email(): string {
    return this.getStringAttribute("email");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { project: this.config.project, service: this.config.service };
  }
}
