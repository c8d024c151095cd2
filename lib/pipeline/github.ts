/**
 * The pipeline as a GitHub Actions workflow: a credential-less synth job (the
 * sovereignty gate, findings uploaded as SARIF), then per stack, in
 * dependency order, three jobs: a plan job (pull requests into the branch and
 * pushes to it) that saves its plan and the plan's JSON as an artifact; a
 * check job (no identity) that runs the rule pack on that JSON and, only when
 * it passes, hands the plan on as the `checked-<stack>` artifact; and an apply
 * job (pushes only) that applies that checked plan, nothing else. Tenants run
 * as matrix jobs capped at `maxParallel`. A plan job runs in the GitHub
 * environment `<stack>-plan` as its role's read-only identity; an apply job in
 * the environment `<stack>` as its role's apply identity (Workload Identity
 * Federation, google-github-actions/auth).
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
  type PipelineRole,
  type StackJob,
} from "./types";

/** Most jobs one GitHub matrix may expand into. */
export const GITHUB_MATRIX_LIMIT = 256;

type Json = Record<string, unknown>;

const SYNTH_JOB = "synth";
const ARTIFACT = "cdktf-out";

/** The artifact of a stack's plan job, and the same files once its check passed (the only ones an apply job takes). */
export const planArtifactOf = (stack: string) => `plan-${stack}`;
export const checkedArtifactOf = (stack: string) => `checked-${stack}`;

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

/**
 * One stack's jobs, or one matrix of tenants: `stack` and the identities are
 * then matrix expressions, and `matrix` lists the tenants.
 */
interface Unit {
  /** The apply job's id; the plan job's is `plan-<id>`, the check job's `check-<id>`. */
  readonly id: string;
  readonly stack: string;
  readonly role: PipelineRole;
  /** Stacks deployed first. */
  readonly needs: readonly string[];
  readonly planIdentity: string;
  readonly identity: string;
  readonly matrix?: { readonly stacks: readonly StackJob[]; readonly maxParallel: number };
}

const ok = (job: string) => `needs['${job}'].result == 'success'`;
/** A matrix job ran (some of its tenants may have failed: each tenant's own artifact decides for it). */
const ran = (job: string) => `(needs['${job}'].result == 'success' || needs['${job}'].result == 'failure')`;

const download = (name: string) => ({ uses: "actions/download-artifact@v4", with: { name, path: "cdktf.out" } });
const upload = (name: string, stack: string) => ({
  uses: "actions/upload-artifact@v4",
  with: {
    name,
    path: planFilesOf(stack).join("\n"),
    "include-hidden-files": true,
    "if-no-files-found": "error",
    overwrite: true,
    "retention-days": 7,
  },
});

function strategy(unit: Unit, mode: JobMode | "check"): Json | undefined {
  if (!unit.matrix) return undefined;
  const entry = (t: StackJob) =>
    mode === "check" ? { stack: t.stack } : { stack: t.stack, service_account: mode === "plan" ? t.planIdentity : t.identity };
  return { "fail-fast": false, "max-parallel": unit.matrix.maxParallel, matrix: { include: unit.matrix.stacks.map(entry) } };
}

function identitySteps(plan: PipelinePlan, identity: string): Json[] {
  return [
    {
      name: "identity (Workload Identity Federation)",
      uses: "google-github-actions/auth@v3",
      with: { workload_identity_provider: plan.workloadIdentityProvider, service_account: identity, universe: plan.universeDomain },
    },
    { uses: "hashicorp/setup-terraform@v3", with: { terraform_wrapper: false } },
  ];
}

/**
 * The plan job: on pull requests after its dependencies' plans, on pushes
 * after their applies (a plan reads the state and outputs they leave). It
 * saves the plan and its JSON as `plan-<stack>`.
 */
function planJob(plan: PipelinePlan, unit: Unit): Json {
  const deps = unit.needs;
  return {
    name: `plan ${unit.stack}`,
    ...(deps.length
      ? {
          if: `!cancelled() && ${[SYNTH_JOB, ...deps.map((d) => jobId(d, "plan"))].map(ok).join(" && ")} && (github.event_name == 'pull_request' || (${deps.map(ok).join(" && ")}))`,
        }
      : {}),
    needs: [SYNTH_JOB, ...deps.map((d) => jobId(d, "plan")), ...deps],
    "runs-on": "ubuntu-latest",
    environment: environmentOf(unit.stack, "plan"),
    permissions: { contents: "read", "id-token": "write" },
    ...(unit.matrix ? { strategy: strategy(unit, "plan") } : {}),
    steps: [
      download(ARTIFACT),
      ...identitySteps(plan, unit.planIdentity),
      ...planCommands(unit.stack).map((run) => ({ run })),
      { name: "the saved plan, for its check and its apply", ...upload(planArtifactOf(unit.stack), unit.stack) },
    ],
  };
}

/**
 * The check job: no identity, the rule pack on the plan's JSON (a tenant's
 * with the foundation's), read with the synthesized stacks; only when it
 * passes does the plan go on, as `checked-<stack>`.
 */
function checkJob(plan: PipelinePlan, unit: Unit): Json {
  const planJob = jobId(unit.id, "plan");
  const others = unit.role === "tenant" ? [jobId("foundation", "plan")] : [];
  return {
    name: `check the plan of ${unit.stack}`,
    ...(unit.matrix ? { if: `!cancelled() && ${[...others.map(ok), ran(planJob)].join(" && ")}` } : {}),
    needs: [...others, planJob],
    "runs-on": "ubuntu-latest",
    permissions: { contents: "read" },
    ...(unit.matrix ? { strategy: strategy(unit, "check") } : {}),
    steps: [
      { uses: "actions/checkout@v4" },
      { uses: "actions/setup-node@v4", with: { "node-version": "20", cache: "npm" } },
      { run: "npm ci" },
      download(ARTIFACT),
      ...checkedWith(unit.role, unit.stack).map((s) => download(planArtifactOf(s))),
      { name: "sovereignty check of the plan (required)", run: planCheckCommand(plan) },
      { name: "the checked plan, for its apply", ...upload(checkedArtifactOf(unit.stack), unit.stack) },
    ],
  };
}

/** The apply job: pushes only, after the check; it applies the checked plan of this run, never a new one. */
function applyJob(plan: PipelinePlan, unit: Unit): Json {
  const planJob = jobId(unit.id, "plan");
  const check = checkJobId(unit.id);
  return {
    name: unit.stack,
    if: unit.matrix
      ? `github.event_name == 'push' && !cancelled() && ${[SYNTH_JOB, ...unit.needs].map(ok).join(" && ")} && ${ran(planJob)} && ${ran(check)}`
      : "github.event_name == 'push'",
    needs: [SYNTH_JOB, planJob, check, ...unit.needs],
    "runs-on": "ubuntu-latest",
    environment: environmentOf(unit.stack, "apply"),
    permissions: { contents: "read", "id-token": "write" },
    ...(unit.matrix ? { strategy: strategy(unit, "apply") } : {}),
    steps: [
      download(ARTIFACT),
      { name: "the checked plan of this run", ...download(checkedArtifactOf(unit.stack)) },
      ...identitySteps(plan, unit.identity),
      ...applyCommands(unit.stack).map((run) => ({ run })),
    ],
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The units of a plan: one per operator or platform stack, then matrices of at most `limit` tenants that together run at most `maxParallel` at once. */
function unitsOf(plan: PipelinePlan, limit: number): Unit[] {
  const tenants = plan.stacks.filter((s) => s.role === "tenant");
  const groups = chunks(tenants, limit);
  const perGroup = Math.max(1, Math.floor(plan.maxParallel / groups.length));
  return [
    ...plan.stacks.filter((s) => s.role !== "tenant").map((s) => ({ id: s.stack, ...s })),
    ...groups.map((group, i) => ({
      id: groups.length === 1 ? "tenants" : `tenants-${i + 1}`,
      stack: "${{ matrix.stack }}",
      role: "tenant" as const,
      needs: [...new Set(group.flatMap((t) => t.needs))],
      planIdentity: "${{ matrix.service_account }}",
      identity: "${{ matrix.service_account }}",
      matrix: { stacks: group, maxParallel: perGroup },
    })),
  ];
}

/** The workflow file (`.github/workflows/sovereign-lz.yml`). */
export function githubWorkflow(plan: PipelinePlan, options: { matrixLimit?: number } = {}): string {
  const jobs: Json = { [SYNTH_JOB]: synthJob(plan) };
  const units = unitsOf(plan, options.matrixLimit ?? GITHUB_MATRIX_LIMIT);
  for (const unit of units) jobs[jobId(unit.id, "plan")] = planJob(plan, unit);
  for (const unit of units) jobs[checkJobId(unit.id)] = checkJob(plan, unit);
  for (const unit of units) jobs[jobId(unit.id, "apply")] = applyJob(plan, unit);
  const workflow = {
    name: "sovereign-lz",
    on: { pull_request: { branches: [plan.branch] }, push: { branches: [plan.branch] } },
    // One run of a branch at a time, never cancelled midway: a run that applied leaves the next run's plans fresh.
    concurrency: { group: "sovereign-lz-${{ github.ref }}", "cancel-in-progress": false },
    permissions: { contents: "read" },
    env: { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    jobs,
  };
  const header = `# Generated by \`sovereign-lz pipeline github\` from ${plan.configPath}: regenerate, don't edit.\n# State: gs://${plan.stateBucket}/${plan.statePrefix}/<stack>; a plan and an apply identity per role; apply applies the checked plan of its run (docs/pipelines.md).\n`;
  return header + stringify(workflow, { lineWidth: 0 });
}
