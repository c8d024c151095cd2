/**
 * What a CI pipeline deploys: per stack, a plan job (merge requests and the
 * branch, the role's read-only identity) that saves its plan, a check job (no
 * identity) that judges the plan's JSON with the rule pack, and an apply job
 * (the branch, the role's apply identity) that applies that saved plan once
 * its check passed, in dependency order (key-custody, then foundation, then
 * every tenant in parallel).
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

/** What a stack job that holds an identity does: plan (merge requests and the branch), apply (the branch). */
export type JobMode = "plan" | "apply";

/** The job id of a stack's job: the stack for applies, `plan-<stack>` for plans. */
export const jobId = (stack: string, mode: JobMode) => (mode === "plan" ? `plan-${stack}` : stack);

/** The CI environment a stack's job runs in (its OIDC token carries it): `<stack>` to apply, `<stack>-plan` to plan. */
export const environmentOf = (stack: string, mode: JobMode) => (mode === "plan" ? `${stack}-plan` : stack);

/** The job id of a stack's plan check (no identity, no environment). */
export const checkJobId = (stack: string) => `check-${stack}`;

/** Directory of a stack in the synthesized output. */
export const stackDir = (stack: string) => `cdktf.out/stacks/${stack}`;

/** The saved plan, in its stack's directory: what the apply job applies. */
export const PLAN_FILE = "plan.out";

/** Where the plan jobs write their plans as JSON (`terraform show -json`), one `<stack>.json` each: what the check jobs judge. */
export const PLANS_DIR = "cdktf.out/plans";

/** A stack's plan as JSON. */
export const planJsonOf = (stack: string) => `${PLANS_DIR}/${stack}.json`;

/**
 * What a plan job hands on: the saved plan, the lock file `terraform init`
 * wrote (Terraform applies a saved plan only with the provider selections it
 * was made with) and the plan's JSON.
 */
export const planFilesOf = (stack: string) => [`${stackDir(stack)}/${PLAN_FILE}`, `${stackDir(stack)}/.terraform.lock.hcl`, planJsonOf(stack)];

/** The shell commands of a plan job: plan into the saved plan, then write its JSON for the check. */
export const planCommands = (stack: string) => [
  `terraform -chdir=${stackDir(stack)} init -input=false`,
  `terraform -chdir=${stackDir(stack)} plan -input=false -lock-timeout=10m -out=${PLAN_FILE}`,
  `mkdir -p ${PLANS_DIR}`,
  `terraform -chdir=${stackDir(stack)} show -json ${PLAN_FILE} > ${planJsonOf(stack)}`,
];

/** The shell commands of an apply job: the providers the plan was made with (the lock file, read-only), then the saved plan and nothing else. */
export const applyCommands = (stack: string) => [
  `terraform -chdir=${stackDir(stack)} init -input=false -lockfile=readonly`,
  `terraform -chdir=${stackDir(stack)} apply -input=false -lock-timeout=10m ${PLAN_FILE}`,
];

/**
 * The check of the plans a check job holds (all of `PLANS_DIR`), each read
 * with the synthesized stack it was made from (its waivers, what the gate
 * recorded, the expressions of values known only after apply): exit 1 on
 * findings fails the job, and no apply follows.
 */
export const planCheckCommand = (plan: PipelinePlan) =>
  `npx sovereign-lz check ${PLANS_DIR} --configuration cdktf.out/stacks --profile ${plan.profile} --operator-project ${plan.operatorProjectId}`;

/**
 * The stacks whose plans a stack's check judges together: a tenant's plan
 * with the foundation's of the same run, which holds the guardrails on the
 * landing-zone root (a tenant's folder alone is a landing zone without them).
 */
export const checkedWith = (role: PipelineRole, stack: string): string[] => (role === "tenant" ? ["foundation", stack] : [stack]);
