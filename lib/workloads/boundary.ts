/**
 * The sovereign boundary of a workload, checked in ONE place: the location
 * must be inside the profile, and an explicitly given key must be an
 * operator key in the region. A rule is waived only explicitly, with a
 * written reason: the matching rule of the rule pack is suppressed with it,
 * so the audit report lists it.
 */
import type { Construct } from "constructs";
import { suppressRule } from "../checks/suppressions";
import { Token } from "../core";
import { MIN_REASON_LENGTH } from "../guardrails/waiver";
import { apiProjectId } from "../naming";
import type { TenantContext } from "./context";

/** Rules of the boundary a caller may waive. */
export type BoundaryRule = "location" | "key";

/** Written reasons for waiving rules, by rule. A reason of at least 10 characters is required. */
export type BoundaryWaivers = Partial<Record<BoundaryRule, string>>;

/** A waived rule, as the audit report lists it (shaped like every other waiver: `what` and `reason`). */
export interface BoundaryWaiver {
  /** What is waived: `<rule>:<field>`, such as `location:zone`. */
  readonly what: string;
  /** Path of the construct that waived the rule. */
  readonly construct: string;
  readonly rule: BoundaryRule;
  /** The field whose value is outside the boundary. */
  readonly field: string;
  /** The value that was let through. */
  readonly value: string;
  readonly reason: string;
}

/** The rule-pack rule each boundary rule stands for: a waiver suppresses it, with its reason, for the report. */
const RULE_IDS: Record<BoundaryRule, string> = { location: "SOV-LOC-001", key: "SOV-KEY-002" };

/** Checks values against the boundary for one construct, and records the waivers it applies. */
export class Boundary {
  private readonly applied: BoundaryWaiver[] = [];
  private readonly keyPrefix: string;
  private readonly keyPattern: RegExp;

  constructor(
    private readonly scope: Construct,
    private readonly context: TenantContext,
    private readonly waive: BoundaryWaivers = {},
  ) {
    for (const [rule, reason] of Object.entries(waive)) {
      if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
        throw this.error(
          `waive.${rule}`,
          `a written reason of at least ${MIN_REASON_LENGTH} characters is required to waive the ${rule} rule`,
          `a reason such as "migration from legacy bucket until 2027-01"`,
        );
      }
    }
    const { profile, keys } = context;
    this.keyPrefix = `projects/${apiProjectId(profile, keys.operatorProjectId)}/locations/${profile.region}/keyRings/`;
    this.keyPattern = new RegExp(`^${this.keyPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[A-Za-z0-9_-]+/cryptoKeys/[A-Za-z0-9_-]+$`);
  }

  /** Waivers applied so far. */
  get waivers(): readonly BoundaryWaiver[] {
    return this.applied;
  }

  /** Regions (and aliases that resolve into the region), without zones. */
  get regions(): readonly string[] {
    const { profile } = this.context;
    return profile.allowedLocations.filter((l) => !profile.zones.includes(l));
  }

  /** `value`, lower-cased, if it is one of `allowed` (case-insensitive); throws otherwise, unless the location rule is waived. */
  location(field: string, value: string, allowed: readonly string[] = this.regions): string {
    if (Token.isUnresolved(value)) return value;
    if (allowed.includes(value.toLowerCase())) return value.toLowerCase();
    return this.breach("location", field, value, `"${value}" is outside the sovereign boundary`, allowed.join(", "));
  }

  /** `value` if it names a crypto key of the operator project in the region; throws otherwise, unless the key rule is waived. */
  key(field: string, value: string): string {
    if (Token.isUnresolved(value) || this.keyPattern.test(value)) return value;
    return this.breach("key", field, value, `"${value}" is not an operator key in the region`, `${this.keyPrefix}<key ring>/cryptoKeys/<key>`);
  }

  /** `value` if it matches `pattern` (a resource name rule, not waivable); throws otherwise. */
  name(field: string, value: string, pattern: RegExp, allowed: string): string {
    if (Token.isUnresolved(value) || pattern.test(value)) return value;
    throw this.error(field, `"${value}" is not a valid name`, allowed);
  }

  private breach(rule: BoundaryRule, field: string, value: string, problem: string, allowed: string): string {
    const reason = this.waive[rule];
    if (reason === undefined) throw this.error(field, problem, `${allowed}; or waive.${rule} with a reason`);
    const waiver: BoundaryWaiver = { what: `${rule}:${field}`, construct: this.scope.node.path, rule, field, value, reason: reason.trim() };
    this.applied.push(waiver);
    suppressRule(this.scope, RULE_IDS[rule], waiver.reason);
    return value;
  }

  private error(field: string, problem: string, allowed: string): Error {
    return new Error(`${this.scope.node.path}: ${field}: ${problem} (allowed: ${allowed})`);
  }
}
