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
export * from "./guardrails/policies";
export * from "./guardrails/waiver";
export * from "./guardrails/sovereign-guardrails";
export * from "./guardrails/tenant-guardrails";
export * from "./tenant/roles";
export * from "./tenant/network";
export * from "./tenant/logging";
export * from "./tenant/access";
export * from "./tenant/assured-workload";
export * from "./checks/types";
export * from "./checks/cmek-attributes";
export * from "./checks/pack";
export * from "./checks/engine";
export * from "./checks/report";
export * from "./checks/suppressions";
export * from "./checks/terraform-json";
export * from "./checks/aspect";
export * from "./config/state";
export * from "./robustness/resource-protection";
