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
const deployerOf = (tenant: string) => `deploy-${tenant}@slz-ci.iam.gserviceaccount.com`;

/** The default config with `tenants` tenants, shared state, a pipeline section and a deployer per tenant. */
function pipelineConfigInput(tenants: number, maxParallel = 20): any {
  const raw = tenants === 2 ? defaultConfigInput() : generateConfig(defaultConfigInput(), tenants);
  raw.state = { backend: "gcs", bucket: "slz-tfstate-paris" };
  raw.pipeline = { workloadIdentityProvider: PROVIDER, operatorServiceAccount: OPERATOR, platformServiceAccount: PLATFORM, maxParallel };
  for (const t of raw.tenants) t.deployer = deployerOf(t.id);
  return raw;
}
const planFor = (tenants: number, maxParallel = 20) => pipelinePlanOf(validateConfig(pipelineConfigInput(tenants, maxParallel)), "landing-zone.yaml");

/** The identity each stack must deploy with. */
function expectedIdentity(stack: string): string {
  if (stack === "key-custody") return OPERATOR;
  if (stack === "foundation") return PLATFORM;
  return deployerOf(stack.replace(/^tenant-/, ""));
}

/** Every GitHub job after matrix expansion: its id, stack, needs, identity and the YAML text of its definition. */
function githubJobs(workflow: any) {
  return Object.entries<any>(workflow.jobs).flatMap(([id, job]) => {
    const auth = job.steps.find((s: any) => String(s.uses).startsWith("google-github-actions/auth"));
    const entries: any[] = job.strategy?.matrix?.include ?? [{}];
    return entries.map((entry) => {
      const subst = (v: string | undefined) =>
        v?.replace("${{ matrix.stack }}", entry.stack).replace("${{ matrix.service_account }}", entry.service_account);
      return {
        id,
        stack: subst(job.environment),
        needs: job.needs ?? [],
        identity: subst(auth?.with.service_account),
        maxParallel: job.strategy?.["max-parallel"],
        text: stringify({ ...job, strategy: undefined }) + stringify(entry),
        job,
      };
    });
  });
}

describe("sovereign-lz pipeline github", () => {
  for (const tenants of [1, 2, 200]) {
    describe(`${tenants} tenant(s)`, () => {
      const plan = planFor(tenants);
      const workflow = parse(githubWorkflow(plan));
      const jobs = githubJobs(workflow);
      const stackJobs = jobs.flatMap((j) => (j.stack ? [{ ...j, stack: j.stack }] : []));

      it("has one job per stack, in dependency order: key-custody, foundation, then the tenants", () => {
        expect(stackJobs.map((j) => j.stack).sort()).toEqual(plan.stacks.map((s) => s.stack).sort());
        expect(stackJobs).toHaveLength(tenants + 2);
        const needsOf = (stack: string) => stackJobs.find((j) => j.stack === stack)!.needs;
        expect(needsOf("key-custody")).toEqual(["synth"]);
        expect(needsOf("foundation")).toEqual(["synth", "key-custody"]);
        for (const j of stackJobs.filter((x) => x.stack.startsWith("tenant-"))) {
          expect(j.needs).toEqual(["synth", "key-custody", "foundation"]);
          expect(j.maxParallel).toBe(Math.min(20, plan.maxParallel));
        }
      });

      it("gates everything on the credential-less synth and sovereignty check", () => {
        const synth = workflow.jobs.synth;
        expect(synth.permissions).not.toHaveProperty("id-token");
        expect(synth.steps.map((s: any) => s.run ?? s.uses).join("\n")).toMatch(/sovereign-lz check cdktf\.out .*--format sarif/);
        expect(stackJobs.every((j) => j.needs[0] === "synth")).toBe(true);
      });

      it("gives every job its own role's identity, and no job another role's", () => {
        const identities = [OPERATOR, PLATFORM, ...plan.stacks.filter((s) => s.role === "tenant").map((s) => s.identity)];
        for (const j of stackJobs) {
          expect(j.identity).toBe(expectedIdentity(j.stack));
          expect(j.job.environment).toMatch(/^(key-custody|foundation|\$\{\{ matrix\.stack \}\})$/);
          // One expect per job (not per identity): 200 tenants make 40,000 otherwise.
          expect(identities.filter((other) => other !== j.identity && j.text.includes(other))).toEqual([]);
        }
        expect(workflow.jobs.synth.steps.some((s: any) => s.uses?.startsWith("google-github-actions/auth"))).toBe(false);
      });

      it("plans on pull requests into the branch and applies on pushes to it, with state per stack", () => {
        expect(workflow.on).toEqual({ pull_request: { branches: ["main"] }, push: { branches: ["main"] } });
        const steps = workflow.jobs["key-custody"].steps;
        expect(steps).toContainEqual({
          if: "github.event_name == 'pull_request'",
          run: expect.stringMatching(/-chdir=cdktf\.out\/stacks\/key-custody plan/),
        });
        expect(steps).toContainEqual({
          if: "github.event_name == 'push'",
          run: expect.stringMatching(/-chdir=cdktf\.out\/stacks\/key-custody apply .*-auto-approve/),
        });
      });
    });
  }

  it("splits more tenants than one matrix takes into matrices that together keep the cap", () => {
    const workflow = parse(githubWorkflow(planFor(5, 4), { matrixLimit: 2 }));
    const tenantJobs = Object.keys(workflow.jobs).filter((id) => id.startsWith("tenants"));
    expect(tenantJobs).toEqual(["tenants-1", "tenants-2", "tenants-3"]);
    const caps = tenantJobs.map((id) => workflow.jobs[id].strategy["max-parallel"]);
    expect(caps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    expect(tenantJobs.flatMap((id) => workflow.jobs[id].strategy.matrix.include.map((e: any) => e.stack))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `tenant-${benchTenantId(i)}`),
    );
  });
});

describe("sovereign-lz pipeline gitlab", () => {
  for (const tenants of [1, 2, 200]) {
    it(`${tenants} tenant(s): one job per stack in order, capped tenant lanes, each with its own identity`, () => {
      const plan: PipelinePlan = planFor(tenants);
      const doc = parse(renderPipeline("gitlab", plan));
      const jobs = Object.entries<any>(doc).filter(([, j]) => j?.extends === ".stack");
      expect(jobs.map(([id]) => id)).toEqual(plan.stacks.map((s) => s.stack));
      const identities = plan.stacks.map((s) => s.identity);
      const lanes = new Set<string>();
      for (const [id, job] of jobs) {
        expect(job.variables).toEqual({ STACK: id, SERVICE_ACCOUNT: expectedIdentity(id) });
        expect(job.environment).toEqual({ name: id });
        const needs = job.needs.map((n: any) => n.job);
        if (id === "key-custody") expect(needs).toEqual(["synth"]);
        else if (id === "foundation") expect(needs).toEqual(["synth", "key-custody"]);
        else {
          expect(needs).toEqual(["synth", "key-custody", "foundation"]);
          lanes.add(job.resource_group);
        }
        const text = stringify(job);
        expect(identities.filter((other) => other !== expectedIdentity(id) && text.includes(other))).toEqual([]);
      }
      expect(lanes.size).toBe(Math.min(tenants, 20));
      expect(stringify(doc[".stack"])).not.toMatch(/@.*iam\.gserviceaccount\.com/);
      expect(doc.synth.script.join("\n")).toMatch(/sovereign-lz check cdktf\.out .*--format sarif/);
      expect(doc.synth).not.toHaveProperty("id_tokens");
      expect(doc[".stack"].script.join("\n")).toMatch(/merge_request_event.*plan.*else.*apply -input=false -auto-approve/);
    });
  }
});

describe("a config not ready for a pipeline", () => {
  it("lists every missing piece at once: shared state, the pipeline section, each tenant's deployer", () => {
    const raw = defaultConfigInput();
    expect(() => pipelinePlanOf(validateConfig(raw), "lz.yaml")).toThrow(
      /state\.backend: "local" cannot be shared by CI jobs[\s\S]*pipeline: missing[\s\S]*tenants\[0\]\.deployer: missing/,
    );
  });

  it("refuses one identity for two roles, and a malformed provider", () => {
    expect(
      problemsOf((c) => {
        Object.assign(c, pipelineConfigInput(2));
        c.pipeline.platformServiceAccount = OPERATOR;
        c.tenants[1].deployer = OPERATOR;
      }),
    ).toEqual([
      `pipeline.platformServiceAccount: "${OPERATOR}" is already the identity of the operator (allowed: one identity per role)`,
      `tenants[1].deployer: "${OPERATOR}" is already the identity of the operator (allowed: one identity per role)`,
    ]);
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
