/**
 * The pipeline as GitLab CI: a credential-less synth job (the sovereignty
 * gate), then per stack a plan job (merge requests into the branch, the
 * environment `<stack>-plan`, the role's read-only identity) and an apply job
 * (the branch, the environment `<stack>`, the role's apply identity), in
 * dependency order. Tenant jobs spread over `maxParallel` resource groups, so
 * at most that many run at once and one tenant's failure never blocks
 * another's. A job's ID token carries its environment; the job exchanges it
 * for its service account through Workload Identity Federation (an
 * `external_account` credential file).
 */
import { stringify } from "yaml";
import { environmentOf, jobId, stackDir, type JobMode, type PipelinePlan, type StackJob } from "./types";

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
      `terraform -chdir=${stackDir("$STACK")} init -input=false`,
    ],
    after_script: [`rm -f "${TOKEN_FILE}" "${CREDENTIALS_FILE}"`],
  };
}

/** Plans run in merge requests into the branch, applies on the branch itself. */
function modeTemplate(plan: PipelinePlan, mode: JobMode): Json {
  return mode === "plan"
    ? {
        extends: ".stack",
        rules: [{ if: `$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "${plan.branch}"` }],
        script: [`terraform -chdir=${stackDir("$STACK")} plan -input=false -lock-timeout=10m`],
      }
    : {
        extends: ".stack",
        rules: [{ if: `$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == "${plan.branch}"` }],
        script: [`terraform -chdir=${stackDir("$STACK")} apply -input=false -auto-approve -lock-timeout=10m`],
      };
}

/** A stack's job of one mode: a plan runs in the `<stack>-plan` environment (action prepare: no deployment) as the read-only identity. */
function stackJob(job: StackJob, stage: string, resourceGroup: string, mode: JobMode): Json {
  return {
    extends: `.${mode}`,
    stage,
    needs: [{ job: SYNTH_JOB, artifacts: true }, ...job.needs.map((n) => ({ job: jobId(n, mode), artifacts: false }))],
    environment: mode === "plan" ? { name: environmentOf(job.stack, mode), action: "prepare" } : { name: environmentOf(job.stack, mode) },
    resource_group: resourceGroup,
    variables: { STACK: job.stack, SERVICE_ACCOUNT: mode === "plan" ? job.planIdentity : job.identity },
  };
}

/** The pipeline file (`.gitlab-ci.yml`). */
export function gitlabPipeline(plan: PipelinePlan): string {
  const check = `npx sovereign-lz check cdktf.out --profile ${plan.profile} --operator-project ${plan.operatorProjectId} --format sarif > sovereignty.sarif`;
  const doc: Json = {
    workflow: {
      rules: [
        { if: `$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "${plan.branch}"` },
        { if: `$CI_COMMIT_BRANCH == "${plan.branch}"` },
      ],
    },
    stages: ["synth", "key-custody", "foundation", "tenants"],
    variables: { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    ".stack": stackTemplate(plan),
    ".plan": modeTemplate(plan, "plan"),
    ".apply": modeTemplate(plan, "apply"),
    [SYNTH_JOB]: {
      stage: "synth",
      image: "node:20",
      script: [
        "npm ci",
        `npx sovereign-lz synth --config ${plan.configPath}`,
        ...(plan.adopt ? [`npx sovereign-lz adopt --config ${plan.configPath}`] : []),
        check,
      ],
      artifacts: { when: "always", expire_in: "1 week", paths: ["cdktf.out/", "sovereignty.sarif"] },
    },
  };
  for (const mode of ["plan", "apply"] as const) {
    let lane = 0;
    for (const job of plan.stacks) {
      const group = job.role === "tenant" ? `sovereign-lz-tenants-${lane++ % plan.maxParallel}` : `sovereign-lz-${job.stack}`;
      doc[jobId(job.stack, mode)] = stackJob(job, job.role === "tenant" ? "tenants" : job.stack, group, mode);
    }
  }
  const header = `# Generated by \`sovereign-lz pipeline gitlab\` from ${plan.configPath}: regenerate, don't edit.\n# State: gs://${plan.stateBucket}/${plan.statePrefix}/<stack>; a plan and an apply identity per role (docs/pipelines.md).\n`;
  return header + stringify(doc, { lineWidth: 0 });
}
