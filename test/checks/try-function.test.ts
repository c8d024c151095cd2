import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig, documentFromPlan } from "../../lib/checks/terraform-json";
import { UNRESOLVED, resolve } from "../../lib/checks/values";
import { PROFILES } from "../../lib/profiles/profile";

/**
 * Terraform's try(): the first argument that evaluates without failing; an argument that cannot be resolved (not a
 * failure) leaves the result unresolved, never the fallback. A failure is only what Terraform fails on for sure:
 * reading what an exact value (a literal, a local, an untyped variable's value, a plan's variable) does not have.
 */
const KEY = "projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/storage";

function valueOf(expression: string, config: Record<string, unknown> = {}): unknown {
  const doc = documentFromConfig(
    {
      locals: {
        empty: {},
        cfg: { region: "europe-west1", nested: { zone: "europe-west9-a" }, list: ["a", "b"], nothing: null, text: "plain" },
        list: ["x", "y"],
      },
      variable: {
        untyped: { default: {} },
        untyped_null: { default: null },
        typed: { type: "object({region=optional(string)})", default: {} },
        odd: { type: "object({region=optional(string, 1, 2)})", default: {} },
        no_default: { type: "string" },
      },
      resource: { google_storage_bucket: { b: { name: "b", location: "europe-west9", labels: { team: "a" } } } },
      ...config,
    },
    "s",
  );
  return resolve(doc, expression);
}

describe("try() in the values evaluator", () => {
  it.each([
    ['${try(local.empty.region, "europe-west9")}', "europe-west9"],
    ['${try(local.cfg.region, "europe-west9")}', "europe-west1"],
    ['${try(local.cfg.nested.zone, "z")}', "europe-west9-a"],
    ["${try(local.cfg.nested.missing, local.cfg.region)}", "europe-west1"],
    ['${try(local.cfg.nothing.region, "d")}', "d"],
    ['${try(local.cfg.text.region, "d")}', "d"],
    ['${try(local.list[2], "d")}', "d"],
    ['${try(local.list[1], "d")}', "y"],
    ['${try(local.cfg.list.name, "d")}', "d"],
    ['${try(var.untyped.region, "europe-west9")}', "europe-west9"],
    ['${try(var.untyped_null.region, "europe-west9")}', "europe-west9"],
    ['${try(local.cfg["missing"], "d")}', "d"],
    ['${try(local.cfg.list[2], "d")}', "d"],
    ['${try(local.empty.a, local.empty.b, "third")}', "third"],
    ["${can(local.empty.a)}", false],
    ["${can(local.cfg.region)}", true],
    ['${try(lower(local.empty.region), "x")}', "x"],
  ])("%s is %j", (expression, expected) => {
    expect(valueOf(expression)).toEqual(expected);
  });

  it.each([
    // What cannot be resolved is never a failure: the fallback is not taken.
    ['${try(var.no_default.region, "europe-west9")}', "a variable given only at plan"],
    ['${try(google_storage_bucket.b.self_link, "europe-west9")}', "an attribute the provider computes"],
    ['${try(google_storage_bucket.b.custom_placement_config.data_locations, "europe-west9")}', "a block of a resource"],
    ['${try(var.odd.region, "europe-west9")}', "a variable whose type is not understood"],
    ["${try(local.empty.a, local.empty.b)}", "every argument fails: try fails"],
    ['${try(unknownfunc(local.cfg.region), "europe-west9")}', "a function the evaluator does not know"],
    ["${can(var.no_default)}", "can of an unknown value"],
    ['${try(false && local.empty.a, "d")}', "an operand Terraform evaluates though the result does not need it, which fails"],
    ['${try(true ? "a" : { x = 1 }, "d")}', "a conditional whose results' types may not unify"],
    ['${try(true ? local.cfg.nothing : "x", "d")}', "a conditional with a null whose type is not known here"],
    ['${try(local.list.*, "d")}', "a splat"],
  ])("%s stays unresolved (%s)", (expression) => {
    expect(valueOf(expression)).toBe(UNRESOLVED);
  });

  it("takes lookup()'s default only for a key an exact map lacks, never for a resource's map the provider may fill", () => {
    expect(valueOf('${lookup(local.cfg, "zone", "europe-west9-a")}')).toBe("europe-west9-a");
    expect(valueOf('${lookup(local.cfg, "nothing", "d")}')).toBeNull();
    expect(valueOf('${lookup(google_storage_bucket.b.labels, "zone", "europe-west9-a")}')).toBe(UNRESOLVED);
  });

  it("reads a typed object variable as Terraform converts it: an optional attribute is there, null", () => {
    expect(valueOf('${try(var.typed.region, "europe-west9")}')).toBeNull();
  });

  it("reads a conditional inside try when both results are primitives, and whatever the other result's failure", () => {
    expect(valueOf('${try(true ? local.cfg.region : "x", "d")}')).toBe("europe-west1");
    expect(valueOf('${try(true ? local.cfg.region : local.empty.a, "d")}')).toBe("europe-west1");
    expect(valueOf('${try(true ? null : "x", "d")}')).toBeNull();
    expect(valueOf('${try(false ? { a = 1 } : null, "d")}')).toBeNull();
  });

  it("reads a plan's variables as exact (after Terraform's type conversion)", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [] } },
      variables: { cfg: { value: { name: "n" } }, typed: { value: { region: null } } },
    };
    const doc = documentFromPlan(plan, "plan.json");
    expect(resolve(doc, '${try(var.cfg.region, "europe-west9")}')).toBe("europe-west9");
    // An optional attribute is there, null: no failure, try returns null.
    expect(resolve(doc, '${try(var.typed.region, "europe-west9")}')).toBeNull();
  });
});

describe("comparisons with null (Fabric's `var.x == null ? [] : [...]`)", () => {
  it.each([
    ["${null == null}", true],
    ["${local.cfg.nothing == null}", true],
    ["${local.cfg == null}", false],
    ["${local.cfg != null}", true],
    ["${var.untyped_null == null}", true],
  ])("%s is %j", (expression, expected) => {
    expect(valueOf(expression)).toBe(expected);
  });

  it("does not take a resource's null attribute in a configuration for null: the provider may fill it in", () => {
    const doc = documentFromConfig({ resource: { google_storage_bucket: { b: { name: "b", location: "europe-west9", rpo: null } } } }, "s");
    expect(resolve(doc, '${google_storage_bucket.b.rpo == null ? "europe-west9" : "EU"}')).toBe(UNRESOLVED);
    expect(resolve(doc, '${google_storage_bucket.b.location == null ? "EU" : "europe-west9"}')).toBe("europe-west9");
  });

  it("still leaves objects and lists compared with each other unresolved", () => {
    expect(valueOf("${local.cfg == local.cfg}")).toBe(UNRESOLVED);
    expect(valueOf("${local.list != []}")).toBe(UNRESOLVED);
  });

  it("judges a Fabric-style bucket (typed variables, try, == null, a dynamic logging block) by the values Terraform takes", () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "values", "fabric-gcs.tf.json"), "utf8"));
    const context = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
    const ruleIds = (change: (config: any) => void = () => {}) => {
      const config = structuredClone(fixture);
      change(config);
      return evaluate([documentFromConfig(config, "s")], context).findings.map((f) => f.ruleId);
    };
    expect(ruleIds()).toEqual([]);
    expect(ruleIds((c) => (c.variable.buckets.default.b.location = "EU"))).toEqual(["SOV-LOC-001"]);
    expect(ruleIds((c) => (c.variable.location.default = "us-central1"))).toEqual(["SOV-LOC-001"]);
    expect(ruleIds((c) => (c.variable.logging_config.default = { log_bucket: "foreign-logs" }))).toEqual(["SOV-DATA-001"]);
  });
});

describe("try() judged by the rules (Cloud Foundation Fabric's idiom over for_each)", () => {
  const context = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
  const ruleIds = (buckets: Record<string, unknown>, variable?: Record<string, unknown>) => {
    const doc = documentFromConfig(
      {
        provider: { google: [{ region: "europe-west9" }] },
        locals: { buckets },
        ...(variable ? { variable } : {}),
        resource: {
          google_storage_bucket: {
            b: {
              for_each: variable ? "${var.buckets}" : "${local.buckets}",
              name: "${each.key}",
              location: '${try(each.value.location, "europe-west9")}',
              encryption: { default_kms_key_name: KEY },
            },
          },
        },
      },
      "s",
    );
    return evaluate([doc], context).findings.map((f) => `${f.ruleId} ${f.message}`);
  };

  it("takes the fallback where the element lacks the attribute, and judges the attribute where it has one", () => {
    expect(ruleIds({ a: {}, b: { location: "europe-west9" } })).toEqual([]);
    expect(ruleIds({ a: {}, b: { location: "EU" } })).toEqual([expect.stringMatching(/^SOV-LOC-001 location "EU"/)]);
  });

  it("judges the fallback itself when it is outside the boundary", () => {
    const doc = documentFromConfig(
      {
        provider: { google: [{ region: "europe-west9" }] },
        locals: { cfg: {} },
        resource: {
          google_storage_bucket: { b: { name: "b", location: '${try(local.cfg.location, "US")}', encryption: { default_kms_key_name: KEY } } },
        },
      },
      "s",
    );
    expect(evaluate([doc], context).findings.map((f) => f.ruleId)).toEqual(["SOV-LOC-001"]);
  });

  it("reads a typed map(object) variable as Terraform converts it: optional defaults filled, undeclared attributes dropped", () => {
    const typed = (type: string, value: unknown) => ({ buckets: { type, default: value } });
    expect(ruleIds({}, typed('map(object({location=optional(string, "europe-west9")}))', { a: {} }))).toEqual([]);
    expect(ruleIds({}, typed('map(object({location=optional(string, "europe-west9")}))', { a: { location: "EU" } }))).toEqual([
      expect.stringMatching(/^SOV-LOC-001 location "EU"/),
    ]);
    // location is not declared: Terraform drops it, and try() takes the fallback.
    expect(ruleIds({}, typed("map(object({name=string}))", { a: { name: "n", location: "EU" } }))).toEqual([]);
    expect(ruleIds({}, { buckets: { default: { a: {} } } })).toEqual([]);
  });

  it("keeps the elements of a variable whose value does not convert unresolved (fail closed)", () => {
    // A required attribute missing: Terraform refuses the value; the rules cannot know what is deployed.
    expect(ruleIds({}, { buckets: { type: "map(object({name=string}))", default: { a: {} } } })).toEqual([
      expect.stringMatching(/^SOV-LOC-001 location cannot be resolved/),
    ]);
  });
});
