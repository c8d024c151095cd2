/**
 * Protection of state-bearing resources, in one place: keys, key rings, log
 * buckets, folders, projects, buckets, datasets, disks and databases get
 * `prevent_destroy` (and their own deletion-protection attribute), or lose
 * it when a sandbox turns `landingZone.protectResources` off to be torn down.
 */
import type { IConstruct } from "constructs";
import { KEY_MATERIAL_TYPES } from "../catalog/key-material";
import { TerraformResource, TerraformStack, type IAspect } from "../core";

/** Resource types protected, each with the attribute overrides that protect it (or let it go). */
export const PROTECTED_TYPES: Readonly<Record<string, (protect: boolean) => Record<string, unknown>>> = {
  google_kms_crypto_key: () => ({}),
  google_kms_crypto_key_version: () => ({}),
  google_kms_key_ring: () => ({}),
  google_kms_ekm_connection: () => ({}),
  google_logging_project_bucket_config: () => ({}),
  google_folder: (protect) => ({ deletion_protection: protect }),
  google_project: (protect) => ({ deletion_policy: protect ? "PREVENT" : "DELETE" }),
  google_storage_bucket: () => ({}),
  google_bigquery_dataset: () => ({}),
  google_compute_disk: () => ({}),
  google_sql_database_instance: (protect) => ({ deletion_protection: protect, "settings.deletion_protection_enabled": protect }),
};

/** Added to every gated stack by `enforceSovereignty` (so `SovereignStack` has it). */
export class ResourceProtection implements IAspect {
  constructor(readonly protect: boolean) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    for (const c of node.node.findAll()) {
      if (!TerraformResource.isTerraformResource(c)) continue;
      const type = (c as TerraformResource).terraformResourceType;
      const overrides = PROTECTED_TYPES[type];
      if (!overrides) continue;
      // Key material stays protected even in a sandbox: Cloud KMS never deletes key rings or keys.
      const protect = this.protect || KEY_MATERIAL_TYPES.has(type);
      const resource = c as TerraformResource;
      resource.addOverride("lifecycle.prevent_destroy", protect);
      for (const [key, value] of Object.entries(overrides(protect))) resource.addOverride(key, value);
    }
  }
}
