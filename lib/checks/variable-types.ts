/**
 * A variable's value as Terraform converts it to the variable's type constraint: an object type keeps only its
 * declared attributes and gives an absent or null optional attribute its default, or null
 * (https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes:
 * "Terraform will substitute the default value both when a caller omits the attribute altogether and when a caller
 * explicitly sets it to null", nested defaults applied after the outer one);
 * a map or a list converts its elements. The result is exactly Terraform's value (values.ts, EXACT), so `try` may fall
 * back from what it lacks. A type or a value this does not understand is not converted (the variable stays inexact).
 */
import { UNRESOLVED, literalValue, markExact, parseExpression, type ExpressionNode } from "./values";

type VariableType =
  | { readonly k: "any" }
  | { readonly k: "string" | "number" | "bool" }
  | { readonly k: "list" | "set" | "map"; readonly of: VariableType }
  | { readonly k: "tuple"; readonly of: readonly VariableType[] }
  | {
      readonly k: "object";
      readonly attributes: Readonly<Record<string, { readonly type: VariableType; readonly optional: boolean; readonly default?: unknown }>>;
    };

const fail = (): never => {
  throw UNRESOLVED;
};

/** A type constraint's expression as a type. */
function typeOf(node: ExpressionNode): VariableType {
  if (node.k === "ref" && !node.steps.length) {
    const name = node.root;
    return name === "any" || name === "string" || name === "number" || name === "bool" ? { k: name } : fail();
  }
  if (node.k !== "call" || node.args.length !== 1) return fail();
  const [arg] = node.args;
  if (node.name === "list" || node.name === "set" || node.name === "map") return { k: node.name, of: typeOf(arg) };
  if (node.name === "tuple" && arg.k === "list") return { k: "tuple", of: arg.items.map(typeOf) };
  if (node.name !== "object" || arg.k !== "obj") return fail();
  const attributes: Record<string, { type: VariableType; optional: boolean; default?: unknown }> = Object.create(null);
  for (const [key, value] of arg.entries) {
    const name = key.k === "lit" && typeof key.v === "string" ? key.v : fail();
    if (value.k === "call" && value.name === "optional") {
      if (value.args.length < 1 || value.args.length > 2) return fail();
      const type = typeOf(value.args[0]);
      attributes[name] = value.args.length === 2 ? { type, optional: true, default: literalValue(value.args[1]) } : { type, optional: true };
    } else attributes[name] = { type: typeOf(value), optional: false };
  }
  return { k: "object", attributes };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** `value` converted to `type`; UNRESOLVED thrown where Terraform would refuse it or this does not know how. */
function convert(type: VariableType, value: unknown): unknown {
  if (value === null) return null;
  switch (type.k) {
    case "any":
      markExact(value);
      return value;
    case "string":
      return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : fail();
    case "number":
      return typeof value === "number" ? value : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : fail();
    case "bool":
      return typeof value === "boolean" ? value : value === "true" || value === "false" ? value === "true" : fail();
    case "list":
    case "set": {
      const items = Array.isArray(value) ? value.map((v) => convert(type.of, v)) : fail();
      // A set has no order: its elements cannot be indexed, so it is not exact.
      if (type.k === "list") markExact(items, { deep: false });
      return items;
    }
    case "tuple": {
      const items = Array.isArray(value) && value.length === type.of.length ? value.map((v, i) => convert(type.of[i], v)) : fail();
      markExact(items, { deep: false });
      return items;
    }
    case "map": {
      const entries = isObject(value) ? Object.entries(value).map(([k, v]) => [k, convert(type.of, v)] as const) : fail();
      const map = Object.fromEntries(entries);
      markExact(map, { deep: false });
      return map;
    }
    case "object": {
      if (!isObject(value)) return fail();
      const object: Record<string, unknown> = {};
      for (const [name, attribute] of Object.entries(type.attributes)) {
        const given = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
        if (given !== undefined && given !== null) object[name] = convert(attribute.type, given);
        else if (attribute.optional) object[name] = attribute.default === undefined ? null : convert(attribute.type, attribute.default);
        else if (given === null) object[name] = null;
        else return fail(); // a required attribute missing: Terraform refuses the value
      }
      markExact(object, { deep: false });
      return object;
    }
  }
}

/**
 * The value of a variable of type constraint `typeText` (as Terraform JSON writes it: `object({ a = optional(string) })`,
 * possibly inside `${...}`) given `value`, converted as Terraform converts it; undefined when the type or the value is not
 * understood (then the raw value stands, inexact).
 */
export function convertedVariable(typeText: string, value: unknown): { readonly value: unknown } | undefined {
  const text = typeText.trim().replace(/^\$\{([\s\S]*)\}$/, "$1");
  try {
    return { value: convert(typeOf(parseExpression(text)), value) };
  } catch (e) {
    if (e === UNRESOLVED) return undefined;
    throw e;
  }
}
