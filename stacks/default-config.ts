import { join } from "node:path";

/** The embedded default config (placeholder ids, two example tenants), used when `LANDING_ZONE_CONFIG` is not set. */
export const DEFAULT_CONFIG_PATH = join(__dirname, "default-config.yaml");
