/**
 * Config schema of the CI pipelines (`sovereign-lz pipeline`): the Workload
 * Identity Federation provider and one identity per role. Tenants deploy as
 * their own `tenants[].deployer`.
 */
import { z } from "zod";
import { objectsIn, type CrossCheck } from "./cross-checks";
import { literal, serviceAccountEmail } from "./fields";

export const pipelineConfig = z
  .strictObject({
    /** The Workload Identity Federation provider the CI's tokens are exchanged with. */
    workloadIdentityProvider: z
      .string()
      .regex(/^projects\/[0-9]{1,20}\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/, {
        error: "must be a provider name projects/<project number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>",
      }),
    /** The operator's identity: deploys `key-custody`, and nothing else. */
    operatorServiceAccount: serviceAccountEmail,
    /** The platform team's identity: deploys `foundation`, and nothing else. */
    platformServiceAccount: serviceAccountEmail,
    /** Most tenant stacks deployed at once. */
    maxParallel: z.number().int().min(1).max(256).default(20),
    /** The branch that applies; merge requests into it plan. */
    branch: literal()
      .pipe(z.string().regex(/^[A-Za-z0-9._/-]{1,100}$/, { error: "must be a branch name" }))
      .default("main"),
  })
  .optional();
export type PipelineConfig = NonNullable<z.output<typeof pipelineConfig>>;

/** One identity per role: the operator's, the platform's and each tenant's deployer are all different. */
export const checkPipelineIdentities: CrossCheck = (config, _profile, report) => {
  const pipeline = config.pipeline;
  if (!pipeline || typeof pipeline !== "object") return;
  const owners = new Map<string, string>();
  const claim = (path: (string | number)[], identity: unknown, role: string) => {
    if (typeof identity !== "string") return;
    const other = owners.get(identity);
    if (other) report(path, `"${identity}" is already the identity of ${other} (allowed: one identity per role)`);
    else owners.set(identity, role);
  };
  claim(["pipeline", "operatorServiceAccount"], pipeline.operatorServiceAccount, "the operator");
  claim(["pipeline", "platformServiceAccount"], pipeline.platformServiceAccount, "the platform");
  for (const [tenant, i] of objectsIn(config.tenants)) claim(["tenants", i, "deployer"], tenant.deployer, `tenant ${tenant.id}`);
};
