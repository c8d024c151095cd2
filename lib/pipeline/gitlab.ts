/**
 * The pipeline as GitLab CI: a credential-less synth job (the sovereignty
 * gate), then per stack, in dependency order, a plan job (merge requests into
 * the branch and the branch itself, the environment `<stack>-plan`, the role's
 * read-only identity) that keeps its saved plan and the plan's JSON as
 * artifacts, a check job (a Node image, no identity) that runs the rule pack
 * on that JSON, and an apply job (the branch, the environment `<stack>`, the
 * role's apply identity) that needs the check and applies the plan job's saved
 * plan. Tenant jobs spread over `maxParallel` resource groups, so at most that
 * many run at once and one tenant's failure never blocks another's. A job's ID
 * token carries its environment; the job exchanges it for its service account
 * through Workload Identity Federation (an `external_account` credential file).
 */
import { stringify } from "yaml";
import {
  applyCommands,
  checkedWith,
  checkJobId,
  environmentOf,
  jobId,
  planCheckCommand,
  planCommands,
  planFilesOf,
  type JobMode,
  type PipelinePlan,
  type StackJob,
} from "./types";

type Json = Record<string, unknown>;

const SYNTH_JOB = "synth";
const TOKEN_FILE = "$CI_BUILDS_DIR/.sovereign-lz-oidc-token";
const CREDENTIALS_FILE = "$CI_BUILDS_DIR/.sovereign-lz-credentials.json";

/** The `external_account` credential configuration; printf fills in the service account, then `$CI_BUILDS_DIR`. */
function credentialConfig(plan: PipelinePlan): string {
  return JSON.stringify({
    universe_domain: plan.universeDomain,
    type: "external_account",
    audience: `//iam.${plan.universeDomain}/${plan.workloadIdentityProvider}`,
    subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
    token_url: `https://sts.${plan.universeDomain}/v1/token`,
    service_account_impersonation_url: `https://iamcredentials.${plan.universeDomain}/v1/projects/-/serviceAccounts/%s:generateAccessToken`,
    credential_source: { file: TOKEN_FILE.replace("$CI_BUILDS_DIR", "%s") },
  });
}

/** The credential set-up every stack job shares; the job's `SERVICE_ACCOUNT` variable names its identity. */
function stackTemplate(plan: PipelinePlan): Json {
  return {
    image: { name: "hashicorp/terraform:1.9", entrypoint: [""] },
    id_tokens: { SOVEREIGN_LZ_OIDC_TOKEN: { aud: `//iam.${plan.universeDomain}/${plan.workloadIdentityProvider}` } },
    before_script: [
      `printf '%s' "$SOVEREIGN_LZ_OIDC_TOKEN" > "${TOKEN_FILE}"`,
      `printf '${credentialConfig(plan)}' "$SERVICE_ACCOUNT" "$CI_BUILDS_DIR" > "${CREDENTIALS_FILE}"`,
      `export GOOGLE_APPLICATION_CREDENTIALS="${CREDENTIALS_FILE}"`,
    ],
    after_script: [`rm -f "${TOKEN_FILE}" "${CREDENTIALS_FILE}"`],
  };
}

/** The Node.js jobs (synth, the plan checks): npm's download cache kept per lock file, so a check job per tenant does not download every package again. */
const NODE = { image: "node:20", cache: { key: { files: ["package-lock.json"] }, paths: [".npm/"] } };
const NPM_CI = "npm ci --cache .npm --prefer-offline";

const MERGE_REQUEST = (plan: PipelinePlan) =>
  `$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "${plan.branch}"`;
const BRANCH = (plan: PipelinePlan) => `$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == "${plan.branch}"`;

/** Plans (and their checks) run in merge requests into the branch and on the branch; applies on the branch only, each applying its plan job's saved plan. */
function modeTemplates(plan: PipelinePlan): Json {
  return {
    ".plan": {
      extends: ".stack",
      rules: [{ if: MERGE_REQUEST(plan) }, { if: BRANCH(plan) }],
      script: planCommands("$STACK"),
    },
    ".check": {
      ...NODE,
      rules: [{ if: MERGE_REQUEST(plan) }, { if: BRANCH(plan) }],
      script: [NPM_CI, planCheckCommand(plan)],
    },
    ".apply": {
      extends: ".stack",
      rules: [{ if: BRANCH(plan) }],
      script: applyCommands("$STACK"),
    },
  };
}

/**
 * A stack's jobs. The plan job needs its dependencies' plans in merge
 * requests and their applies on the branch (optional: absent from merge
 * requests); it runs in the `<stack>-plan` environment (action prepare: no
 * deployment) as the read-only identity. The check job takes the plan's JSON
 * (a tenant's with the foundation's) and the synthesized stacks. The apply job takes the synthesized
 * stack and the saved plan, and runs only once the check passed.
 */
function stackJobs(job: StackJob, stage: string, resourceGroup: string): [string, Json][] {
  const plan = jobId(job.stack, "plan");
  const check = checkJobId(job.stack);
  const identityOf = (mode: JobMode) => ({
    resource_group: resourceGroup,
    variables: { STACK: job.stack, SERVICE_ACCOUNT: mode === "plan" ? job.planIdentity : job.identity },
  });
  return [
    [
      plan,
      {
        extends: ".plan",
        stage,
        needs: [
          { job: SYNTH_JOB, artifacts: true },
          ...job.needs.map((n) => ({ job: jobId(n, "plan"), artifacts: false })),
          ...job.needs.map((n) => ({ job: jobId(n, "apply"), artifacts: false, optional: true })),
        ],
        environment: { name: environmentOf(job.stack, "plan"), action: "prepare" },
        ...identityOf("plan"),
        artifacts: { expire_in: "1 week", paths: planFilesOf(job.stack) },
      },
    ],
    [
      check,
      {
        extends: ".check",
        stage,
        needs: [{ job: SYNTH_JOB, artifacts: true }, ...checkedWith(job.role, job.stack).map((s) => ({ job: jobId(s, "plan"), artifacts: true }))],
      },
    ],
    [
      jobId(job.stack, "apply"),
      {
        extends: ".apply",
        stage,
        needs: [
          { job: SYNTH_JOB, artifacts: true },
          { job: plan, artifacts: true },
          { job: check, artifacts: false },
          ...job.needs.map((n) => ({ job: jobId(n, "apply"), artifacts: false })),
        ],
        environment: { name: environmentOf(job.stack, "apply") },
        ...identityOf("apply"),
      },
    ],
  ];
}

/** The pipeline file (`.gitlab-ci.yml`). */
export function gitlabPipeline(plan: PipelinePlan): string {
  const check = `npx sovereign-lz check cdktf.out --profile ${plan.profile} --operator-project ${plan.operatorProjectId} --format sarif > sovereignty.sarif`;
  const doc: Json = {
    workflow: {
      rules: [{ if: MERGE_REQUEST(plan) }, { if: `$CI_COMMIT_BRANCH == "${plan.branch}"` }],
    },
    stages: ["synth", "key-custody", "foundation", "tenants"],
    variables: { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    ".stack": stackTemplate(plan),
    ...modeTemplates(plan),
    [SYNTH_JOB]: {
      stage: "synth",
      ...NODE,
      script: [
        NPM_CI,
        `npx sovereign-lz synth --config ${plan.configPath}`,
        ...(plan.adopt ? [`npx sovereign-lz adopt --config ${plan.configPath}`] : []),
        check,
      ],
      artifacts: { when: "always", expire_in: "1 week", paths: ["cdktf.out/", "sovereignty.sarif"] },
    },
  };
  let lane = 0;
  for (const job of plan.stacks) {
    const group = job.role === "tenant" ? `sovereign-lz-tenants-${lane++ % plan.maxParallel}` : `sovereign-lz-${job.stack}`;
    for (const [id, body] of stackJobs(job, job.role === "tenant" ? "tenants" : job.stack, group)) doc[id] = body;
  }
  const header = `# Generated by \`sovereign-lz pipeline gitlab\` from ${plan.configPath}: regenerate, don't edit.\n# State: gs://${plan.stateBucket}/${plan.statePrefix}/<stack>; a plan and an apply identity per role; apply applies the checked plan of its pipeline (docs/pipelines.md).\n`;
  return header + stringify(doc, { lineWidth: 0 });
}
