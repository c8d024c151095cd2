/**
 * What a CI pipeline deploys: per stack, a plan job (merge requests, the
 * role's read-only identity) and an apply job (the branch, the role's apply
 * identity), in dependency order (key-custody, then foundation, then every
 * tenant in parallel).
 */

/** Who owns a stack, and so whose identity deploys it. */
export type PipelineRole = "operator" | "platform" | "tenant";

export interface StackJob {
  /** Stack name: the job's name and its directory under `cdktf.out/stacks`. */
  readonly stack: string;
  readonly role: PipelineRole;
  /** Service account the apply job impersonates through Workload Identity Federation, on the branch only. */
  readonly identity: string;
  /** Read-only service account the plan job impersonates, in merge requests. */
  readonly planIdentity: string;
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

/** What a stack job does: plan in merge requests, apply on the branch. */
export type JobMode = "plan" | "apply";

/** The job id of a stack's job: the stack for applies, `plan-<stack>` for plans. */
export const jobId = (stack: string, mode: JobMode) => (mode === "plan" ? `plan-${stack}` : stack);

/** The CI environment a stack's job runs in (its OIDC token carries it): `<stack>` to apply, `<stack>-plan` to plan. */
export const environmentOf = (stack: string, mode: JobMode) => (mode === "plan" ? `${stack}-plan` : stack);

/** Directory of a stack in the synthesized output. */
export const stackDir = (stack: string) => `cdktf.out/stacks/${stack}`;
