/**
 * The plan Terraform would show (`terraform show -json plan.out`) for a
 * synthesized stack, without Terraform or the Google provider: every value
 * written literally is planned as it is; a value that references something
 * (`${google_folder.f.name}`) is known after apply (`after_unknown`, with the
 * references in the configuration's expressions, as Terraform writes them),
 * unless `known` gives it (a remote state output, or the id of a resource
 * that already exists); `computed` adds the values Terraform knows of a
 * resource that exists (a folder's `name`), by address.
 */
type Json = Record<string, any>;

/** Meta-arguments: no values of a plan. */
const META = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);
const REFERENCE = /\$\{([^}]*)\}/g;

interface Planned {
  readonly value: unknown;
  readonly unknown: unknown;
  readonly expression: unknown;
}

/** The references of a written expression, as Terraform lists them: `google_folder.f.name`, then `google_folder.f`. */
function referencesOf(text: string): string[] {
  return [...text.matchAll(REFERENCE)].flatMap((m) => {
    const parts = m[1].trim().split(".");
    const resource = parts[0] === "data" ? parts.slice(0, 3) : parts.slice(0, 2);
    return [m[1].trim(), resource.join(".")];
  });
}

function planned(value: unknown, known: Readonly<Record<string, unknown>>): Planned {
  if (typeof value === "string") {
    if (known[value] !== undefined) return { value: known[value], unknown: false, expression: { constant_value: known[value] } };
    const substituted = value.replace(REFERENCE, (m) => (typeof known[m] === "string" ? (known[m] as string) : m));
    return substituted.includes("${")
      ? { value: null, unknown: true, expression: { references: referencesOf(value) } }
      : { value: substituted, unknown: false, expression: { constant_value: substituted } };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => planned(v, known));
    return { value: items.map((i) => i.value), unknown: items.map((i) => i.unknown), expression: items.map((i) => i.expression) };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([k]) => !META.has(k));
    const items = entries.map(([k, v]) => [k, planned(v, known)] as const);
    return {
      value: Object.fromEntries(items.map(([k, i]) => [k, i.value])),
      unknown: Object.fromEntries(items.filter(([, i]) => i.unknown !== false).map(([k, i]) => [k, i.unknown])),
      expression: Object.fromEntries(items.map(([k, i]) => [k, i.expression])),
    };
  }
  return { value, unknown: false, expression: { constant_value: value } };
}

const blocks = (section: Json | undefined) =>
  Object.entries(section ?? {}).flatMap(([type, byName]) => Object.entries<Json>(byName as Json).map(([name, body]) => ({ type, name, body })));

/** The provider a block is planned with: Terraform's built-in provider for `terraform_*` types, else the block's (`google-beta`) or `google`. */
const providerName = (type: string, body: Json) =>
  type.startsWith("terraform_")
    ? "terraform.io/builtin/terraform"
    : `registry.terraform.io/hashicorp/${String(body.provider ?? "google").split(".")[0]}`;

/** The plan JSON of a synthesized stack; `known` maps written expressions (`${...}`) to the values the plan knows. */
export function planOf(stack: Json, known: Readonly<Record<string, unknown>> = {}, computed: Readonly<Record<string, Json>> = {}): Json {
  const managed = blocks(stack.resource).map((b) => ({ ...b, address: `${b.type}.${b.name}`, planned: planned(b.body, known) }));
  const data = blocks(stack.data).map((b) => ({ ...b, address: `data.${b.type}.${b.name}`, planned: planned(b.body, known) }));
  const providerConfig: Json = {};
  for (const [name, list] of Object.entries<Json[]>(stack.provider ?? {})) {
    for (const body of list) {
      const key = body.alias ? `${name}.${body.alias}` : name;
      providerConfig[key] = {
        name,
        full_name: `registry.terraform.io/hashicorp/${name}`,
        ...(body.alias ? { alias: body.alias } : {}),
        expressions: planned(body, known).expression,
      };
    }
  }
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    variables: {},
    planned_values: {
      root_module: {
        resources: managed.map((r) => ({
          address: r.address,
          mode: "managed",
          type: r.type,
          name: r.name,
          provider_name: providerName(r.type, r.body),
          values: { ...(r.planned.value as Json), ...computed[r.address] },
        })),
      },
    },
    resource_changes: managed.map((r) => ({
      address: r.address,
      mode: "managed",
      type: r.type,
      name: r.name,
      change: { actions: ["create"], after_unknown: r.planned.unknown },
    })),
    prior_state: {
      values: {
        root_module: {
          resources: data.map((r) => ({
            address: r.address,
            mode: "data",
            type: r.type,
            name: r.name,
            provider_name: providerName(r.type, r.body),
            values: r.planned.value,
          })),
        },
      },
    },
    configuration: {
      provider_config: providerConfig,
      root_module: {
        resources: [...managed.map((r) => ({ ...r, mode: "managed" })), ...data.map((r) => ({ ...r, mode: "data" }))].map((r) => ({
          address: r.address,
          mode: r.mode,
          type: r.type,
          name: r.name,
          provider_config_key: String(r.body.provider ?? "google"),
          expressions: r.planned.expression,
        })),
      },
    },
  };
}
