/** The sovereignty rule pack: every rule, in report order, one file per rule under rules/, named by its id. */
import { deployLoggingSettingsRule } from "./rules/deploy-logging-settings";
import { deployServiceAgentRule } from "./rules/deploy-service-agents";
import { deployBucketRetentionRule } from "./rules/deploy-bucket-retention";
import { deployDryRunRule } from "./rules/deploy-dry-run";
import { deployProjectIdsRule } from "./rules/deploy-project-ids";
import { deploySqlEditionRule } from "./rules/deploy-sql-edition";
import { deploySqlPrivateIpRule } from "./rules/deploy-sql-private-ip";
import { deployUniverseOffersRule } from "./rules/deploy-universe-offers";
import { backendRule } from "./rules/SOV-BKD-001";
import { unknownTypeRule } from "./rules/SOV-CAT-001";
import { foreignTypeRule } from "./rules/SOV-CAT-002";
import { dataLeavingRule } from "./rules/SOV-DATA-001";
import { locationGuardrailRule } from "./rules/SOV-GRD-001";
import { guardrailLooseningRule } from "./rules/SOV-GRD-002";
import { noPublicAccessRule } from "./rules/SOV-IAM-001";
import { noPrimitiveRolesRule } from "./rules/SOV-IAM-002";
import { identityBoundaryRule } from "./rules/SOV-IAM-003";
import { cmekPresentRule } from "./rules/SOV-KEY-001";
import { operatorKeyRule } from "./rules/SOV-KEY-002";
import { protectionLevelRule } from "./rules/SOV-KEY-003";
import { keyPreventDestroyRule } from "./rules/SOV-KEY-004";
import { keyUseOnlyRule } from "./rules/SOV-KEY-005";
import { resourceLocationRule } from "./rules/SOV-LOC-001";
import { providerRegionRule } from "./rules/SOV-LOC-002";
import { globalOnlyTypeRule } from "./rules/SOV-LOC-003";
import { moduleRule } from "./rules/SOV-MOD-001";
import { waiverValidityRule } from "./rules/SOV-WVR-001";
import type { Rule } from "./types";
import { deepFreeze } from "../freeze";

export const SOVEREIGNTY_RULES = deepFreeze([
  resourceLocationRule,
  providerRegionRule,
  globalOnlyTypeRule,
  unknownTypeRule,
  foreignTypeRule,
  cmekPresentRule,
  operatorKeyRule,
  protectionLevelRule,
  keyPreventDestroyRule,
  keyUseOnlyRule,
  noPublicAccessRule,
  noPrimitiveRolesRule,
  identityBoundaryRule,
  dataLeavingRule,
  moduleRule,
  backendRule,
  guardrailLooseningRule,
  locationGuardrailRule,
  deployServiceAgentRule,
  deployLoggingSettingsRule,
  deploySqlPrivateIpRule,
  deployDryRunRule,
  deployBucketRetentionRule,
  deployProjectIdsRule,
  deploySqlEditionRule,
  deployUniverseOffersRule,
  waiverValidityRule,
] as const satisfies readonly Rule[]);

/** The id of a rule of the sovereignty pack. */
export type SovereigntyRuleId = (typeof SOVEREIGNTY_RULES)[number]["id"];

/** A rule pack: a name and its rules (user-supplied packs are accepted by the engine, the aspect, the report and `check`). */
export interface RulePack {
  readonly name: string;
  readonly rules: readonly Rule[];
}

export const SOVEREIGNTY_PACK: RulePack = deepFreeze({ name: "sovereignty", rules: SOVEREIGNTY_RULES });
