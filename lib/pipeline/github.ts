/**
 * The pipeline as a GitHub Actions workflow: a credential-less synth job (the
 * sovereignty gate, findings uploaded as SARIF), then one job per stack in
 * dependency order, twice: plan jobs on pull requests into the branch, apply
 * jobs on pushes to it; tenants run as matrix jobs capped at `maxParallel`.
 * A plan job runs in the GitHub environment `<stack>-plan` as its role's
 * read-only identity; an apply job in the environment `<stack>` as its role's
 * apply identity (Workload Identity Federation, google-github-actions/auth).
 */
import { stringify } from "yaml";
import { environmentOf, jobId, stackDir, type JobMode, type PipelinePlan, type StackJob } from "./types";

/** Most jobs one GitHub matrix may expand into. */
export const GITHUB_MATRIX_LIMIT = 256;

type Json = Record<string, unknown>;

const SYNTH_JOB = "synth";
const ARTIFACT = "cdktf-out";

function synthJob(plan: PipelinePlan): Json {
  const check = `npx sovereign-lz check cdktf.out --profile ${plan.profile} --operator-project ${plan.operatorProjectId} --format sarif > sovereignty.sarif`;
  return {
    name: "synth and sovereignty check",
    "runs-on": "ubuntu-latest",
    permissions: { contents: "read", "security-events": "write" },
    steps: [
      { uses: "actions/checkout@v4" },
      { uses: "actions/setup-node@v4", with: { "node-version": "20", cache: "npm" } },
      { run: "npm ci" },
      { name: "synth (gated by the sovereignty rule pack)", run: `npx sovereign-lz synth --config ${plan.configPath}` },
      ...(plan.adopt ? [{ name: "adopt what exists (import blocks)", run: `npx sovereign-lz adopt --config ${plan.configPath}` }] : []),
      { name: "sovereignty check (required)", run: check },
      {
        name: "findings to code scanning",
        if: "always() && hashFiles('sovereignty.sarif') != ''",
        uses: "github/codeql-action/upload-sarif@v3",
        with: { sarif_file: "sovereignty.sarif", category: "sovereignty" },
      },
      { uses: "actions/upload-artifact@v4", with: { name: ARTIFACT, path: "cdktf.out", "retention-days": 7 } },
    ],
  };
}

/** Whether a job runs: plans on pull requests into the branch, applies on pushes to it. */
const WHEN: Record<JobMode, string> = {
  plan: "github.event_name == 'pull_request'",
  apply: "github.event_name == 'push'",
};

/** The steps of a stack job; `stack` and `identity` may be matrix expressions. */
function stackSteps(plan: PipelinePlan, stack: string, identity: string, mode: JobMode): Json[] {
  const dir = stackDir(stack);
  return [
    { uses: "actions/download-artifact@v4", with: { name: ARTIFACT, path: "cdktf.out" } },
    {
      name: "identity (Workload Identity Federation)",
      uses: "google-github-actions/auth@v3",
      with: { workload_identity_provider: plan.workloadIdentityProvider, service_account: identity, universe: plan.universeDomain },
    },
    { uses: "hashicorp/setup-terraform@v3", with: { terraform_wrapper: false } },
    { run: `terraform -chdir=${dir} init -input=false` },
    mode === "plan"
      ? { run: `terraform -chdir=${dir} plan -input=false -lock-timeout=10m` }
      : { run: `terraform -chdir=${dir} apply -input=false -auto-approve -lock-timeout=10m` },
  ];
}

/** A job of one stack: its plan (read-only identity, `<stack>-plan` environment) or its apply (apply identity, `<stack>` environment). */
function stackJob(plan: PipelinePlan, job: StackJob, mode: JobMode): Json {
  return {
    name: mode === "plan" ? `plan ${job.stack}` : job.stack,
    if: WHEN[mode],
    needs: [SYNTH_JOB, ...job.needs.map((n) => jobId(n, mode))],
    "runs-on": "ubuntu-latest",
    environment: environmentOf(job.stack, mode),
    permissions: { contents: "read", "id-token": "write" },
    steps: stackSteps(plan, job.stack, mode === "plan" ? job.planIdentity : job.identity, mode),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Tenant jobs of one mode: matrices of at most `limit` stacks that together run at most `maxParallel` at once. */
function tenantJobs(plan: PipelinePlan, tenants: readonly StackJob[], limit: number, mode: JobMode): [string, Json][] {
  const groups = chunks(tenants, limit);
  const perGroup = Math.max(1, Math.floor(plan.maxParallel / groups.length));
  return groups.map((group, i) => [
    jobId(groups.length === 1 ? "tenants" : `tenants-${i + 1}`, mode),
    {
      name: mode === "plan" ? "plan ${{ matrix.stack }}" : "${{ matrix.stack }}",
      if: WHEN[mode],
      needs: [SYNTH_JOB, ...new Set(group.flatMap((t) => t.needs.map((n) => jobId(n, mode))))],
      "runs-on": "ubuntu-latest",
      environment: environmentOf("${{ matrix.stack }}", mode),
      permissions: { contents: "read", "id-token": "write" },
      strategy: {
        "fail-fast": false,
        "max-parallel": perGroup,
        matrix: { include: group.map((t) => ({ stack: t.stack, service_account: mode === "plan" ? t.planIdentity : t.identity })) },
      },
      steps: stackSteps(plan, "${{ matrix.stack }}", "${{ matrix.service_account }}", mode),
    },
  ]);
}

/** The workflow file (`.github/workflows/sovereign-lz.yml`). */
export function githubWorkflow(plan: PipelinePlan, options: { matrixLimit?: number } = {}): string {
  const tenants = plan.stacks.filter((s) => s.role === "tenant");
  const jobs: Json = { [SYNTH_JOB]: synthJob(plan) };
  for (const mode of ["plan", "apply"] as const) {
    for (const job of plan.stacks.filter((s) => s.role !== "tenant")) jobs[jobId(job.stack, mode)] = stackJob(plan, job, mode);
    for (const [id, job] of tenantJobs(plan, tenants, options.matrixLimit ?? GITHUB_MATRIX_LIMIT, mode)) jobs[id] = job;
  }
  const workflow = {
    name: "sovereign-lz",
    on: { pull_request: { branches: [plan.branch] }, push: { branches: [plan.branch] } },
    permissions: { contents: "read" },
    env: { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    jobs,
  };
  const header = `# Generated by \`sovereign-lz pipeline github\` from ${plan.configPath}: regenerate, don't edit.\n# State: gs://${plan.stateBucket}/${plan.statePrefix}/<stack>; a plan and an apply identity per role (docs/pipelines.md).\n`;
  return header + stringify(workflow, { lineWidth: 0 });
}
