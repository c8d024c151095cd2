/**
 * Deletion protection of state-bearing resources, one mechanism: each
 * construct that creates such a resource has a `protect` prop and calls
 * `applyProtection` on it; its default is the enclosing stack's setting
 * (`SovereignStack`'s `protectResources`, itself true by default). Nothing
 * rewrites resources afterwards: a resource created with a raw provider class
 * keeps what its author wrote (rule SOV-KEY-004 still requires
 * `prevent_destroy` on key material).
 */
import type { IConstruct } from "constructs";
import { KEY_MATERIAL_TYPES } from "./catalog/key-material";
import type { TerraformResource } from "./core";
import { deepFreeze } from "./freeze";

/**
 * Construct-tree context key holding the default of every `protect` prop
 * below it (a boolean). `SovereignStack` sets it from `protectResources`; a
 * plain app may set it on the `App` (`context`) or on a stack before adding
 * children (`stack.node.setContext(PROTECT_CONTEXT_KEY, false)`).
 */
export const PROTECT_CONTEXT_KEY = "sovereign-lz:protectResources";

/** The `protect` prop of constructs that hold state. */
export interface ProtectProps {
  /**
   * Protect the construct's state-bearing resources from destroy:
   * `lifecycle.prevent_destroy`, and the resource's own deletion attribute
   * where it has one (see `DELETION_ATTRIBUTES`). `false` lets a sandbox be
   * torn down. Key rings, keys, key versions and EKM connections stay
   * protected regardless: Cloud KMS never deletes them, and destroying a key
   * version destroys the data it encrypts.
   * @default - the enclosing stack's setting (`SovereignStack`'s `protectResources`, true by default)
   */
  readonly protect?: boolean;
}

/**
 * State-bearing resource types, each with the attributes besides
 * `prevent_destroy` that protect it (or let it go). The provider's deletion
 * attributes: `google_folder.deletion_protection`, `google_project.deletion_policy`,
 * `google_sql_database_instance.deletion_protection` (Terraform side) and
 * `settings.deletion_protection_enabled` (API side),
 * `google_secret_manager_regional_secret.deletion_protection`.
 */
export const DELETION_ATTRIBUTES: Readonly<Record<string, (protect: boolean) => Record<string, unknown>>> = deepFreeze({
  google_kms_crypto_key: () => ({}),
  google_kms_crypto_key_version: () => ({}),
  google_kms_key_ring: () => ({}),
  google_kms_ekm_connection: () => ({}),
  google_logging_project_bucket_config: () => ({}),
  google_folder: (protect) => ({ deletion_protection: protect }),
  google_project: (protect) => ({ deletion_policy: protect ? "PREVENT" : "DELETE" }),
  google_assured_workloads_workload: () => ({}),
  google_storage_bucket: () => ({}),
  google_bigquery_dataset: () => ({}),
  google_compute_disk: () => ({}),
  google_sql_database_instance: (protect) => ({ deletion_protection: protect, "settings.deletion_protection_enabled": protect }),
  google_secret_manager_regional_secret: (protect) => ({ deletion_protection: protect }),
  google_artifact_registry_repository: () => ({}),
});

/** The `protect` default at `scope`: the nearest `PROTECT_CONTEXT_KEY` in the construct tree, or true. */
export function protectByDefault(scope: IConstruct): boolean {
  const value: unknown = scope.node.tryGetContext(PROTECT_CONTEXT_KEY);
  if (value === undefined) return true;
  if (typeof value !== "boolean") {
    throw new Error(`${scope.node.path}: context ${PROTECT_CONTEXT_KEY}: ${JSON.stringify(value)} is not allowed (allowed: true or false)`);
  }
  return value;
}

/**
 * Protect `resource` from destroy, or let it go: `lifecycle.prevent_destroy`
 * and its type's deletion attributes. `protect` defaults to the stack's
 * setting (`protectByDefault`). Key material stays protected whatever
 * `protect` says (`KEY_MATERIAL_TYPES`). A type not in `DELETION_ATTRIBUTES`
 * is refused: it is not known to hold state.
 */
export function applyProtection(resource: TerraformResource, protect?: boolean): void {
  const type = resource.terraformResourceType;
  const attributes = DELETION_ATTRIBUTES[type];
  if (!attributes) {
    throw new Error(
      `${resource.node.path}: ${type} is not a state-bearing type deletion protection knows (allowed: ${Object.keys(DELETION_ATTRIBUTES).join(", ")})`,
    );
  }
  // Key material stays protected even in a sandbox: Cloud KMS never deletes key rings or keys.
  const effective = (protect ?? protectByDefault(resource)) || KEY_MATERIAL_TYPES.has(type);
  // Overrides, as the stacks have always carried them (their metadata lists overridden keys): same JSON, byte for byte.
  resource.addOverride("lifecycle.prevent_destroy", effective);
  for (const [path, value] of Object.entries(attributes(effective))) resource.addOverride(path, value);
}
