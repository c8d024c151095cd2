/**
 * What a CI pipeline deploys: one job per stack, each with the identity of
 * the role that owns the stack, in dependency order (key-custody, then
 * foundation, then every tenant in parallel).
 */

/** Who owns a stack, and so whose identity deploys it. */
export type PipelineRole = "operator" | "platform" | "tenant";

export interface StackJob {
  /** Stack name: the job's name and its directory under `cdktf.out/stacks`. */
  readonly stack: string;
  readonly role: PipelineRole;
  /** Service account the job impersonates through Workload Identity Federation. */
  readonly identity: string;
  /** Stacks that must be deployed first. */
  readonly needs: readonly string[];
}

export interface PipelinePlan {
  /** The landing-zone config, relative to the repository root. */
  readonly configPath: string;
  readonly profile: string;
  readonly operatorProjectId: string;
  /** Universe domain of the Google APIs (`googleapis.com`, `s3nsapis.fr`). */
  readonly universeDomain: string;
  /** `projects/N/locations/global/workloadIdentityPools/P/providers/X`. */
  readonly workloadIdentityProvider: string;
  /** The branch that applies; merge requests into it plan. */
  readonly branch: string;
  /** Most tenant stacks deployed at once. */
  readonly maxParallel: number;
  /** Where every stack keeps its state (a prefix per stack), for the docs and the job summary. */
  readonly stateBucket: string;
  readonly statePrefix: string;
  /** Whether the config adopts existing resources: `sovereign-lz adopt` runs after synth. */
  readonly adopt: boolean;
  /** `key-custody`, `foundation`, then the tenant stacks. */
  readonly stacks: readonly StackJob[];
}

/** Directory of a stack in the synthesized output. */
export const stackDir = (stack: string) => `cdktf.out/stacks/${stack}`;
