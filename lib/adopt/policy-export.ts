/**
 * Organization policies that exist already, read from an export the user
 * makes (docs/brownfield.md): the Organization Policy API v2 `Policy` as
 * `gcloud org-policies describe --format=json` prints it, a JSON array of
 * them or the API's `list` response (`{ "policies": [...] }`), and Cloud Asset
 * Inventory assets of content type `org-policy` (the v1 policy form, as a JSON
 * array or newline-delimited JSON as `gcloud asset export` writes it). Field
 * names may be camelCase (JSON API) or snake_case (proto names). Anything else
 * is refused with one readable message naming the file and the place in it.
 */

/** One rule of an existing policy, in the v2 API's terms. */
export interface ExistingRule {
  readonly allowAll?: boolean;
  readonly denyAll?: boolean;
  readonly enforce?: boolean;
  readonly allowedValues?: readonly string[];
  readonly deniedValues?: readonly string[];
  /** Parameters of a managed constraint. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The rule's condition (tags), if it has one. */
  readonly condition?: string;
}

/** An organization policy that exists on a resource. */
export interface ExistingPolicy {
  /** `<parent>/policies/<constraint>`. */
  readonly name: string;
  /** `organizations/<id>`, `folders/<id>` or `projects/<id or number>`. */
  readonly parent: string;
  /** Without the `constraints/` prefix. */
  readonly constraint: string;
  /** The live rules; absent when the policy only has a dry-run spec. */
  readonly rules?: readonly ExistingRule[];
  /** The live spec merges with the parent's policy (list constraints). */
  readonly inheritFromParent: boolean;
  /** The live spec restores the constraint's default. */
  readonly reset: boolean;
  /** The policy has a dry-run spec. */
  readonly dryRun: boolean;
  /** Cloud Asset Inventory: the resource's ancestry, from itself to the organization. */
  readonly ancestors?: readonly string[];
  /** Where in the export it was read: `<file>[3]` or `<file>:12`. */
  readonly at: string;
}

/** An export that cannot be read as organization policies; the message names the file and the place. */
export class PolicyExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyExportError";
  }
}

/** Largest export read (a whole organization's Cloud Asset Inventory org-policy export is far smaller). */
export const MAX_EXPORT_BYTES = 32 * 1024 * 1024;
const MAX_VALUES = 10_000;
const MAX_TEXT = 2_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** A field by its JSON (camelCase) name, or its proto (snake_case) name; own properties only. */
const field = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : Object.hasOwn(o, snake(key)) ? o[snake(key)] : undefined);

const POLICY_NAME = /^((?:organizations|folders)\/[0-9]{1,25}|projects\/[a-z0-9:.-]{1,64})\/policies\/([A-Za-z][A-Za-z0-9_.]{0,199})$/;
const CAI_RESOURCE = /^\/\/cloudresourcemanager\.[a-z0-9.]+\/((?:organizations|folders)\/[0-9]{1,25}|projects\/[a-z0-9:.-]{1,64})$/;
const ANCESTOR = /^((?:organizations|folders)\/[0-9]{1,25}|projects\/[a-z0-9:.-]{1,64})$/;

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Reads one export; `file` names it in messages. */
export function parseExistingPolicies(text: string, file: string): ExistingPolicy[] {
  const fail = (where: string, problem: string): never => {
    throw new PolicyExportError(`${file}${where}: ${problem} (see docs/brownfield.md, "Existing organization policies")`);
  };
  if (text.length > MAX_EXPORT_BYTES) fail("", `larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB`);
  const body = text.replace(/^\uFEFF/, "").trim();
  if (!body) fail("", "empty: no organization policy in it");

  // One JSON document, else newline-delimited JSON (one asset or policy a line).
  let items: { value: unknown; at: string }[];
  let whole: unknown;
  let wholeError: string | undefined;
  try {
    whole = JSON.parse(body);
  } catch (e) {
    wholeError = (e as Error).message;
  }
  if (wholeError === undefined) {
    const key = Array.isArray(whole) ? "" : isObj(whole) ? ["policies", "assets"].find((k) => Array.isArray(field(whole as Obj, k))) : undefined;
    const list = key === undefined ? undefined : key ? (field(whole as Obj, key) as unknown[]) : (whole as unknown[]);
    items = list ? list.map((value, i) => ({ value, at: `${key ? `.${key}` : ""}[${i}]` })) : [{ value: whole, at: "" }];
  } else {
    const lines = body.split(/\r?\n/);
    if (lines.length < 2) fail("", `not JSON (${wholeError})`);
    items = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        items.push({ value: JSON.parse(line), at: `:${i + 1}` });
      } catch (e) {
        fail(`:${i + 1}`, `not JSON (${(e as Error).message})`);
      }
    });
  }
  if (!items.length) fail("", "no organization policy in it");

  const out: ExistingPolicy[] = [];
  for (const { value, at } of items) out.push(...readItem(value, `${file}${at}`, (problem, sub = "") => fail(`${at}${sub}`, problem)));
  const seen = new Map<string, ExistingPolicy>();
  for (const p of out) {
    const before = seen.get(p.name);
    if (before && JSON.stringify({ ...before, at: "", ancestors: undefined }) !== JSON.stringify({ ...p, at: "", ancestors: undefined })) {
      throw new PolicyExportError(`${p.at}: ${p.name} differs from the same policy at ${before.at} (allowed: one version of each policy)`);
    }
    seen.set(p.name, before ?? p);
  }
  return [...seen.values()];
}

type Fail = (problem: string, sub?: string) => never;

function readItem(value: unknown, at: string, fail: Fail): ExistingPolicy[] {
  if (!isObj(value)) return fail(`expected an object, got ${show(value)}`);
  const orgPolicy = field(value, "orgPolicy");
  if (orgPolicy !== undefined) return readAsset(value, orgPolicy, at, fail);
  const constraint = field(value, "constraint");
  if (typeof constraint === "string") {
    const summary = ["listPolicy", "booleanPolicy"].some((k) => typeof field(value, k) === "string");
    return fail(
      summary
        ? "is a row of `gcloud org-policies list`, which names constraints only (no values, no resource); " +
            "export each policy with `gcloud org-policies describe <constraint> --organization=<id> --format=json`"
        : "is a v1 policy without the resource it is set on (allowed: a v2 policy with its name, or a Cloud Asset Inventory asset)",
    );
  }
  if (field(value, "name") === undefined) {
    return fail(
      "is not an organization policy (allowed: a v2 Policy { name, spec, dryRunSpec }, a list { policies }, Cloud Asset Inventory assets { name, orgPolicy })",
    );
  }
  return [readV2(value, at, fail)];
}

function strings(v: unknown, fail: Fail, sub: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > MAX_VALUES || v.some((s) => typeof s !== "string" || s.length > MAX_TEXT)) {
    return fail(`expected a list of strings, got ${show(v)}`, sub);
  }
  return v as string[];
}

function bool(v: unknown, fail: Fail, sub: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") return fail(`expected true or false, got ${show(v)}`, sub);
  return v;
}

/** A v2 `PolicySpec`: its rules, inheritance and reset. */
function readSpec(spec: unknown, fail: Fail, sub: string): { rules: ExistingRule[]; inheritFromParent: boolean; reset: boolean } {
  if (!isObj(spec)) return fail(`expected an object, got ${show(spec)}`, sub);
  const rawRules = field(spec, "rules") ?? [];
  if (!Array.isArray(rawRules) || rawRules.length > 100) return fail(`expected a list of rules, got ${show(rawRules)}`, `${sub}.rules`);
  const rules = rawRules.map((rule, i): ExistingRule => {
    const at = `${sub}.rules[${i}]`;
    if (!isObj(rule)) return fail(`expected an object, got ${show(rule)}`, at);
    const values = field(rule, "values");
    if (values !== undefined && !isObj(values)) return fail(`expected { allowedValues, deniedValues }, got ${show(values)}`, `${at}.values`);
    const parameters = field(rule, "parameters");
    if (parameters !== undefined && !isObj(parameters)) return fail(`expected an object, got ${show(parameters)}`, `${at}.parameters`);
    const condition = field(rule, "condition");
    const expression = isObj(condition) ? field(condition, "expression") : undefined;
    if (condition !== undefined && (typeof expression !== "string" || expression.length > MAX_TEXT)) {
      return fail(`expected { expression }, got ${show(condition)}`, `${at}.condition`);
    }
    return {
      allowAll: bool(field(rule, "allowAll"), fail, `${at}.allowAll`),
      denyAll: bool(field(rule, "denyAll"), fail, `${at}.denyAll`),
      enforce: bool(field(rule, "enforce"), fail, `${at}.enforce`),
      allowedValues: values && strings(field(values, "allowedValues"), fail, `${at}.values.allowedValues`),
      deniedValues: values && strings(field(values, "deniedValues"), fail, `${at}.values.deniedValues`),
      parameters: parameters as Obj | undefined,
      condition: expression as string | undefined,
    };
  });
  return {
    rules,
    inheritFromParent: bool(field(spec, "inheritFromParent"), fail, `${sub}.inheritFromParent`) ?? false,
    reset: bool(field(spec, "reset"), fail, `${sub}.reset`) ?? false,
  };
}

function readV2(value: Obj, at: string, fail: Fail): ExistingPolicy {
  const name = field(value, "name");
  const m = typeof name === "string" ? POLICY_NAME.exec(name) : null;
  if (!m)
    return fail(
      `${show(name)} is not a policy name (allowed: organizations/<id>/policies/<constraint>, folders/<id>/..., projects/<id>/...)`,
      ".name",
    );
  const spec = field(value, "spec");
  const dryRunSpec = field(value, "dryRunSpec");
  if (dryRunSpec !== undefined && dryRunSpec !== null) readSpec(dryRunSpec, fail, ".dryRunSpec");
  const live = spec === undefined || spec === null ? undefined : readSpec(spec, fail, ".spec");
  return {
    name: name as string,
    parent: m[1],
    constraint: m[2],
    rules: live?.rules,
    inheritFromParent: live?.inheritFromParent ?? false,
    reset: live?.reset ?? false,
    dryRun: dryRunSpec !== undefined && dryRunSpec !== null,
    at,
  };
}

/** A Cloud Asset Inventory asset: v1 policies (`constraint`, `listPolicy`, `booleanPolicy`, `restoreDefault`) on one resource. */
function readAsset(asset: Obj, orgPolicy: unknown, at: string, fail: Fail): ExistingPolicy[] {
  const name = field(asset, "name");
  const m = typeof name === "string" ? CAI_RESOURCE.exec(name) : null;
  if (!m)
    return fail(
      `${show(name)} is not an organization, folder or project (allowed: //cloudresourcemanager.googleapis.com/folders/<id>, ...)`,
      ".name",
    );
  const ancestors = strings(field(asset, "ancestors"), fail, ".ancestors");
  if (ancestors?.some((a) => !ANCESTOR.test(a)))
    return fail(`expected organizations/<id>, folders/<id> or projects/<id>, got ${show(ancestors)}`, ".ancestors");
  if (!Array.isArray(orgPolicy) || orgPolicy.length > 1000) return fail(`expected a list of policies, got ${show(orgPolicy)}`, ".orgPolicy");
  return orgPolicy.map((policy, i): ExistingPolicy => {
    const sub = `.orgPolicy[${i}]`;
    if (!isObj(policy)) return fail(`expected an object, got ${show(policy)}`, sub);
    const raw = field(policy, "constraint");
    const c = typeof raw === "string" ? /^(?:constraints\/)?([A-Za-z][A-Za-z0-9_.]{0,199})$/.exec(raw) : null;
    if (!c) return fail(`${show(raw)} is not a constraint (allowed: constraints/<name>)`, `${sub}.constraint`);
    const list = field(policy, "listPolicy");
    const boolean = field(policy, "booleanPolicy");
    const restore = field(policy, "restoreDefault");
    let rules: ExistingRule[] = [];
    let inheritFromParent = false;
    if (isObj(list)) {
      const all = field(list, "allValues");
      if (all !== undefined && all !== "ALLOW" && all !== "DENY" && all !== "ALL_VALUES_UNSPECIFIED") {
        return fail(`${show(all)} is not allowed (allowed: ALLOW, DENY)`, `${sub}.listPolicy.allValues`);
      }
      inheritFromParent = bool(field(list, "inheritFromParent"), fail, `${sub}.listPolicy.inheritFromParent`) ?? false;
      const allowedValues = strings(field(list, "allowedValues"), fail, `${sub}.listPolicy.allowedValues`);
      const deniedValues = strings(field(list, "deniedValues"), fail, `${sub}.listPolicy.deniedValues`);
      const values = allowedValues?.length || deniedValues?.length ? [{ allowedValues, deniedValues }] : [];
      // A list policy with no value of its own only inherits: no rule.
      rules = all === "ALLOW" ? [{ allowAll: true }] : all === "DENY" ? [{ denyAll: true }] : values;
    } else if (isObj(boolean)) {
      rules = [{ enforce: bool(field(boolean, "enforced"), fail, `${sub}.booleanPolicy.enforced`) ?? false }];
    } else if (!isObj(restore)) {
      return fail("has none of listPolicy, booleanPolicy, restoreDefault", sub);
    }
    return {
      name: `${m[1]}/policies/${c[1]}`,
      parent: m[1],
      constraint: c[1],
      rules,
      inheritFromParent,
      reset: isObj(restore),
      dryRun: false,
      ancestors,
      at: `${at}${sub}`,
    };
  });
}
