import { documentFromConfig, withVariableValues } from "../../lib/checks/terraform-json";
import { UNRESOLVED, resolve } from "../../lib/checks/values";
import { convertedVariable } from "../../lib/checks/variable-types";

describe("variable values converted to their type constraint, as Terraform does", () => {
  it.each<[string, unknown, unknown]>([
    ["object({a=optional(string)})", {}, { a: null }],
    ['object({a=optional(string, "x"), b=number})', { b: "5", c: "dropped" }, { a: "x", b: 5 }],
    ['object({a=optional(string, "x")})', { a: null }, { a: "x" }],
    ['object({o=optional(object({z=optional(string, "europe-west9")}), {})})', {}, { o: { z: "europe-west9" } }],
    ["map(object({location=optional(string)}))", { k: { other: 1 } }, { k: { location: null } }],
    ["list(string)", [1, true, "s"], ["1", "true", "s"]],
    ["tuple([string, number])", ["a", "2"], ["a", 2]],
    ["${object({ a = bool })}", { a: "true" }, { a: true }],
    ["any", { free: ["form"] }, { free: ["form"] }],
    ["object({a=string})", null, null],
  ])("%s: %j is %j", (type, value, expected) => {
    expect(convertedVariable(type, value)).toEqual({ value: expected });
  });

  it.each<[string, unknown, string]>([
    ["object({a=string})", {}, "a required attribute missing"],
    ["number", "five", "a string that is no number"],
    ["map(string)", ["a"], "a list for a map"],
    ["tuple([string])", ["a", "b"], "a tuple of another length"],
    ["object({a=optional(string, var.x)})", {}, "a default that is not a literal"],
    ["list(string) # comment", [], "a text that is not a type expression"],
    ["optional(string)", "a", "optional outside an object"],
  ])("%s of %j is not converted (%s)", (type, value) => {
    expect(convertedVariable(type, value)).toBeUndefined();
  });

  const docOf = (variable: Record<string, unknown>) => documentFromConfig({ variable }, "s");

  it("makes converted values exact for try(), a set excepted (it cannot be indexed)", () => {
    const doc = docOf({
      o: { type: "object({a=optional(string)})", default: {} },
      s: { type: "set(string)", default: ["a"] },
      l: { type: "list(string)", default: ["a"] },
    });
    expect(resolve(doc, '${try(var.o.b, "d")}')).toBe("d");
    expect(resolve(doc, '${try(var.l[1], "d")}')).toBe("d");
    expect(resolve(doc, '${try(var.s[1], "d")}')).toBe(UNRESOLVED);
  });

  it("converts the values of variable files too (withVariableValues), and keeps a value it cannot convert inexact", () => {
    const doc = docOf({
      o: { type: 'object({region=optional(string, "europe-west9")})', default: { region: "EU" } },
      r: { type: "object({a=string})" },
    });
    expect(resolve(doc, "${var.o.region}")).toBe("EU");
    const given = withVariableValues(doc, { o: {}, r: {} });
    expect(resolve(given, "${var.o.region}")).toBe("europe-west9");
    expect(resolve(given, '${try(var.r.b, "d")}')).toBe(UNRESOLVED);
    expect(given.exactVariables).toEqual(["o"]);
  });
});
