import { join } from "node:path";

/** The embedded default config (placeholder ids, two example tenants), used when `LANDING_ZONE_CONFIG` is not set. */
export const DEFAULT_CONFIG_PATH = join(__dirname, "default-config.yaml");

/** The organization id of the embedded default config: a placeholder, so stacks synthesized with it refuse to deploy. */
export const PLACEHOLDER_ORGANIZATION_ID = "123456789012";
