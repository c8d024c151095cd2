/**
 * The check the pipelines run before an apply: `sovereign-lz check` on the plans of the landing zone, read with the
 * configuration they were made from (`--configuration cdktf.out`). The plans are built from the synthesized default
 * landing zone as Terraform shows them (test/support/plan-of.ts): on a first deployment, every value that references
 * another resource is known only after apply; on a landing zone that exists, the folders have their ids.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fastSynthesis } from "../../lib/core";
import { buildApp } from "../../stacks/app";
import { configWith, runCli } from "../helpers";
import { planOf } from "../support/plan-of";

// The synthesized output as `sovereign-lz synth` writes it (cross-stack references through remote state).
const dir = mkdtempSync(join(tmpdir(), "lz-plan-check-"));
const out = join(dir, "cdktf.out");
fastSynthesis(() => buildApp(configWith(), out).app.synth());
const stacks: Record<string, any> = Object.fromEntries(
  readdirSync(join(out, "stacks")).map((name) => [name, JSON.parse(readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8"))]),
);

const TENANT = "tenant-ministere-a";
const [rootAddress] = Object.entries<any>(stacks.foundation.resource.google_folder).find(([, f]) => String(f.parent).startsWith("organizations/"))!;
const ROOT = `google_folder.${rootAddress}`;
/** The tenant folder's parent: the foundation's root folder, read from the foundation's state (known at plan). */
const fromFoundation = String(Object.values<any>(stacks[TENANT].resource.google_folder)[0].parent);
const locationPolicy = Object.keys(stacks.foundation.resource.google_org_policy_policy).find((n) => n.includes("resourceLocations"))!;

/** Plans of a first deployment: the foundation applied before the tenant's plan, nothing else exists. */
const firstDeployment = (stack: string) => planOf(stacks[stack], { [fromFoundation]: "folders/111" });
/** Plans of a landing zone that exists: the root folder is folders/111, the tenant's folder folders/222. */
function existing(stack: string): any {
  const tenantFolder = Object.keys(stacks[TENANT].resource.google_folder)[0];
  return planOf(
    stacks[stack],
    { [fromFoundation]: "folders/111", [`\${${ROOT}.name}`]: "folders/111" },
    { [ROOT]: { name: "folders/111", folder_id: "111" }, [`google_folder.${tenantFolder}`]: { name: "folders/222", folder_id: "222" } },
  );
}

let runs = 0;
/** `sovereign-lz check` on a directory of plans (one `<stack>.json` each), as the pipeline's check job runs it. */
function check(plans: Record<string, any>, ...flags: string[]) {
  const plansDir = join(dir, `plans-${runs++}`);
  mkdirSync(plansDir);
  for (const [stack, plan] of Object.entries(plans)) writeFileSync(join(plansDir, `${stack}.json`), JSON.stringify(plan));
  return runCli("check", plansDir, "--operator-project", "op-key-custody", ...flags);
}
const withConfiguration = ["--configuration", out];

describe("the plan check of a pipeline (check <plans> --configuration cdktf.out)", () => {
  for (const [scenario, planFor] of [
    ["a first deployment", firstDeployment],
    ["a landing zone that exists", existing],
  ] as const) {
    it(`passes the plans of the default landing zone on ${scenario}: key-custody, foundation, a tenant with the foundation`, () => {
      for (const plans of [
        { "key-custody": planFor("key-custody") },
        { foundation: planFor("foundation") },
        { foundation: planFor("foundation"), [TENANT]: planFor(TENANT) },
      ]) {
        const result = check(plans, ...withConfiguration);
        expect(result.out).toMatch(/^pass: /m);
        expect(result.code).toBe(0);
      }
    });
  }

  it("fails closed on what a plan alone does not show: lifecycle, depends_on, expressions known only after apply", () => {
    const keys = check({ "key-custody": firstDeployment("key-custody") });
    expect(keys.code).toBe(1);
    expect(keys.out).toMatch(/SOV-KEY-004: prevent_destroy cannot be verified from a plan/);
    const foundation = check({ foundation: firstDeployment("foundation") });
    expect(foundation.code).toBe(1);
    // The location policy's name is `${root.name}/policies/gcp.resourceLocations`; the plan keeps only the reference.
    expect(foundation.out).toMatch(/\(landing zone\): SOV-GRD-001/);
  });

  it("judges a tenant's plan with the foundation's: alone, its folder is a landing zone without the location guardrail", () => {
    const alone = check({ [TENANT]: existing(TENANT) }, ...withConfiguration);
    expect(alone.code).toBe(1);
    expect(alone.out).toMatch(/\(landing zone\): SOV-GRD-001/);
  });

  it("finds a value changed at plan time (a TF_VAR_* or -var the synthesized files do not show)", () => {
    const plan = existing(TENANT);
    const bucket = plan.planned_values.root_module.resources.find((r: any) => r.type === "google_storage_bucket");
    bucket.values.location = "EU";
    plan.variables = { location: { value: "EU" } };
    const result = check({ foundation: existing("foundation"), [TENANT]: plan }, ...withConfiguration);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${TENANT}: ${bucket.address}: SOV-LOC-001`);
  });

  it("finds a location known only after apply that points at nothing the plan shows (fail closed)", () => {
    const plan = existing(TENANT);
    const dataset = plan.planned_values.root_module.resources.find((r: any) => r.type === "google_bigquery_dataset");
    delete dataset.values.location;
    plan.resource_changes.find((c: any) => c.address === dataset.address).change.after_unknown.location = true;
    plan.configuration.root_module.resources.find((r: any) => r.address === dataset.address).expressions.location = {
      references: ["data.terraform_remote_state.elsewhere.outputs.location", "data.terraform_remote_state.elsewhere"],
    };
    const result = check({ foundation: existing("foundation"), [TENANT]: plan }, ...withConfiguration);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${TENANT}: ${dataset.address}: SOV-LOC-001`);
  });

  it("knows the root of a landing zone that exists by its folder id: a location policy moved below it, or only simulated on it, is found", () => {
    const moved = existing("foundation");
    const policy = moved.planned_values.root_module.resources.find((r: any) => r.address === `google_org_policy_policy.${locationPolicy}`);
    policy.values.parent = "folders/222";
    policy.values.name = "folders/222/policies/gcp.resourceLocations";
    const tenantFolder = existing(TENANT);
    const result = check({ foundation: moved, [TENANT]: tenantFolder }, ...withConfiguration);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/\(landing zone\): SOV-GRD-001/);

    const simulated = existing("foundation");
    const onRoot = simulated.planned_values.root_module.resources.find((r: any) => r.address === `google_org_policy_policy.${locationPolicy}`);
    onRoot.values.dry_run_spec = onRoot.values.spec;
    delete onRoot.values.spec;
    simulated.resource_changes.find((c: any) => c.address === onRoot.address).change.after_unknown = {};
    const dryRun = check({ foundation: simulated }, ...withConfiguration);
    expect(dryRun.code).toBe(1);
    expect(dryRun.out).toMatch(/SOV-GRD-002: gcp\.resourceLocations on the root: only simulates the constraint/);
  });

  it("honours the waivers written in the configuration, which a plan does not carry", () => {
    const waived = structuredClone(stacks[TENANT]);
    const bucketName = Object.keys(waived.resource.google_storage_bucket)[0];
    const bucket = waived.resource.google_storage_bucket[bucketName];
    bucket["//"] = {
      ...bucket["//"],
      sovereignty: { waivers: [{ ruleId: "SOV-LOC-001", reason: "archive replica approved by the RSSI (ticket SEC-12)" }] },
    };
    const configuration = join(dir, "waived");
    mkdirSync(join(configuration, "stacks", TENANT), { recursive: true });
    mkdirSync(join(configuration, "stacks", "foundation"), { recursive: true });
    writeFileSync(join(configuration, "stacks", TENANT, "cdk.tf.json"), JSON.stringify(waived));
    writeFileSync(join(configuration, "stacks", "foundation", "cdk.tf.json"), JSON.stringify(stacks.foundation));
    const plan = existing(TENANT);
    plan.planned_values.root_module.resources.find((r: any) => r.address === `google_storage_bucket.${bucketName}`).values.location = "EU";
    const plans = { foundation: existing("foundation"), [TENANT]: plan };
    expect(check(plans, "--configuration", configuration)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/waived: .*SOV-LOC-001: archive replica/),
    });
    expect(check(plans, ...withConfiguration).code).toBe(1);
  });

  it("pairs a plan with its stack by name when tenants of the same shape declare the same resources, and refuses to guess", () => {
    const twin = join(dir, "twin");
    for (const name of ["foundation", TENANT, "tenant-twin"]) {
      const json = structuredClone(stacks[name === "tenant-twin" ? TENANT : name]);
      if (name === "tenant-twin") json["//"].metadata.stackName = "tenant-twin";
      mkdirSync(join(twin, "stacks", name), { recursive: true });
      writeFileSync(join(twin, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
    }
    const plans = { foundation: existing("foundation"), [TENANT]: existing(TENANT) };
    expect(check(plans, "--configuration", twin)).toMatchObject({ code: 0, out: expect.stringMatching(/^pass: 2 stacks/m) });
    const unnamed = check({ foundation: existing("foundation"), "some-plan": existing(TENANT) }, "--configuration", twin);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toMatch(/some-plan\.json: several configurations declare the resources of this plan \(tenant-ministere-a, tenant-twin\)/);
    const misnamed = check({ foundation: existing("key-custody") }, "--configuration", twin);
    expect(misnamed.code).toBe(2);
    expect(misnamed.err).toMatch(/foundation\.json: the configuration of foundation does not declare the resources this plan was made from/);
  });

  it("refuses a plan it cannot pair with the configuration it was made from, and a --configuration without plans", () => {
    const other = check({ "the-foundation": existing("foundation") }, "--configuration", join(out, "stacks", "key-custody"));
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/the-foundation\.json: no configuration given with --configuration declares the resources this plan was made from/);
    const noPlan = runCli("check", join(out, "stacks"), "--configuration", out);
    expect(noPlan.code).toBe(2);
    expect(noPlan.err).toMatch(/--configuration: .* holds no plan to read with it/);
  });
});
