/**
 * Config schema of the CI pipelines (`sovereign-lz pipeline`): the Workload
 * Identity Federation provider and two identities per role: one that applies
 * (on the branch) and one that only plans (in merge requests). Tenants deploy
 * as their own `tenants[].deployer` and plan as `tenants[].planner`.
 */
import { z } from "zod";
import { objectsIn, type CrossCheck } from "./cross-checks";
import { literal, serviceAccountEmail } from "./fields";

/** Longest service account id (the part before `@`). */
const MAX_ACCOUNT_ID = 30;
const PLAN_SUFFIX = "-plan";

/**
 * The default plan identity of an apply identity: the same account id with
 * `-plan` appended, in the same project (`ci-operator@p.iam...` plans as
 * `ci-operator-plan@p.iam...`); undefined when that id would be too long.
 */
export function defaultPlanIdentity(applyIdentity: string): string | undefined {
  const at = applyIdentity.indexOf("@");
  const id = `${applyIdentity.slice(0, at)}${PLAN_SUFFIX}`;
  return id.length > MAX_ACCOUNT_ID ? undefined : `${id}${applyIdentity.slice(at)}`;
}

export const pipelineConfig = z
  .strictObject({
    /** The Workload Identity Federation provider the CI's tokens are exchanged with. */
    workloadIdentityProvider: z
      .string()
      .regex(/^projects\/[0-9]{1,20}\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/, {
        error: "must be a provider name projects/<project number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>",
      }),
    /** The operator's identity: applies `key-custody` on the branch, and nothing else. */
    operatorServiceAccount: serviceAccountEmail,
    /** The operator's read-only identity: plans `key-custody` in merge requests. Default: `operatorServiceAccount` with `-plan` appended to its id. */
    operatorPlanServiceAccount: serviceAccountEmail.optional(),
    /** The platform team's identity: applies `foundation` on the branch, and nothing else. */
    platformServiceAccount: serviceAccountEmail,
    /** The platform team's read-only identity: plans `foundation` in merge requests. Default: `platformServiceAccount` with `-plan` appended to its id. */
    platformPlanServiceAccount: serviceAccountEmail.optional(),
    /** Most tenant stacks deployed at once. */
    maxParallel: z.number().int().min(1).max(256).default(20),
    /** The branch that applies; merge requests into it plan. */
    branch: literal()
      .pipe(z.string().regex(/^[A-Za-z0-9._/-]{1,100}$/, { error: "must be a branch name" }))
      .default("main"),
  })
  .optional();
export type PipelineConfig = NonNullable<z.output<typeof pipelineConfig>>;

/**
 * One identity per role and per mode: the operator's, the platform's and each
 * tenant's apply and plan identities (given, or derived by
 * `defaultPlanIdentity`) are all different.
 */
export const checkPipelineIdentities: CrossCheck = (config, _profile, report) => {
  const pipeline = config.pipeline;
  if (!pipeline || typeof pipeline !== "object") return;
  const owners = new Map<string, string>();
  const claim = (path: (string | number)[], identity: unknown, role: string) => {
    if (typeof identity !== "string") return;
    const other = owners.get(identity);
    if (other) report(path, `"${identity}" is already the identity of ${other} (allowed: one identity per role, to apply and to plan)`);
    else owners.set(identity, role);
  };
  /** A plan identity as given, else the default derived from the apply identity (reported when it cannot be derived). */
  const claimPlan = (path: (string | number)[], given: unknown, apply: unknown, role: string) => {
    if (given !== undefined) return claim(path, given, `${role} (plan)`);
    if (typeof apply !== "string") return;
    const derived = defaultPlanIdentity(apply);
    if (derived) claim(path, derived, `${role} (plan)`);
    else report(path, `missing, and "${apply}" is too long to derive one (allowed: a service account email of a read-only identity)`);
  };
  claim(["pipeline", "operatorServiceAccount"], pipeline.operatorServiceAccount, "the operator");
  claim(["pipeline", "platformServiceAccount"], pipeline.platformServiceAccount, "the platform");
  const tenants = objectsIn(config.tenants);
  for (const [tenant, i] of tenants) claim(["tenants", i, "deployer"], tenant.deployer, `tenant ${tenant.id}`);
  claimPlan(["pipeline", "operatorPlanServiceAccount"], pipeline.operatorPlanServiceAccount, pipeline.operatorServiceAccount, "the operator");
  claimPlan(["pipeline", "platformPlanServiceAccount"], pipeline.platformPlanServiceAccount, pipeline.platformServiceAccount, "the platform");
  for (const [tenant, i] of tenants) claimPlan(["tenants", i, "planner"], tenant.planner, tenant.deployer, `tenant ${tenant.id}`);
};
