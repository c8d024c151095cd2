/**
 * Public API of the sovereign landing-zone library.
 */
export * from "./profiles/profile";
export * from "./config/schema";
export { ConfigError, formatPath } from "./config/errors";
export { loadConfigFile, parseConfigText, validateConfig } from "./config/load";
export * from "./naming";
export * from "./stack";
export * from "./foundation/landing-zone-root";
export * from "./key-custody/config";
export * from "./key-custody/key-refs";
export * from "./key-custody/service-agents";
export * from "./key-custody/key-custody";
export * from "./guardrails/config";
export * from "./tenant/config";
export * from "./tenant/tenant-landing-zone";
export * from "./workloads/config";
export * from "./tenant/context";
export { withoutTokenStackTraces } from "./core";
