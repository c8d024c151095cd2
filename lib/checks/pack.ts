/** The sovereignty rule pack: every rule, in report order. */
import { deployLoggingSettingsRule } from "./rules/deploy-logging-settings";
import { deployServiceAgentRule } from "./rules/deploy-service-agents";
import { locationGuardrailRule } from "./rules/guardrail";
import { noPrimitiveRolesRule, noPublicAccessRule } from "./rules/iam";
import { cmekPresentRule, keyPreventDestroyRule, keyUseOnlyRule, operatorKeyRule, protectionLevelRule } from "./rules/keys";
import { providerRegionRule, resourceLocationRule } from "./rules/locations";
import type { Rule } from "./types";

export const SOVEREIGNTY_RULES: readonly Rule[] = [
  resourceLocationRule,
  providerRegionRule,
  cmekPresentRule,
  operatorKeyRule,
  protectionLevelRule,
  keyPreventDestroyRule,
  keyUseOnlyRule,
  noPublicAccessRule,
  noPrimitiveRolesRule,
  locationGuardrailRule,
  deployServiceAgentRule,
  deployLoggingSettingsRule,
];
