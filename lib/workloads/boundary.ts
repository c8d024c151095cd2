/**
 * The sovereign boundary of a workload, checked in ONE place: the location
 * must be inside the profile, and an explicitly given key must be an
 * operator key in the region. A rule is waived only explicitly, by a waiver
 * of the matching rule of the rule pack (`SOV-LOC-001`, `SOV-KEY-002`) with
 * a written reason: the waiver is recorded on the construct, covers its
 * resource in the rule pack, and the audit report lists it.
 */
import { CRYPTO_KEY_ID_RULE } from "../patterns";
import type { Construct } from "constructs";
import type { Waiver } from "../checks/types";
import { assertWaiver, waive, type WaiverProps } from "../checks/waivers";
import { Token } from "../core";
import { assertPlainText, fieldProblem, PROJECT_ID } from "../field-rules";
import { assertLibraryProfile } from "../profiles/profile";
import { holdToBoundary } from "../stack";
import { apiProjectId, cryptoKeyIdInRing, keyRingId, parseCryptoKeyId } from "../naming";
import type { TenantContext } from "./context";
import { deepFreeze } from "../freeze";

/** The rule-pack rules the boundary checks at construction, by boundary rule. */
export const BOUNDARY_RULES = deepFreeze({ location: "SOV-LOC-001", key: "SOV-KEY-002" } as const);

/** Rules of the boundary a caller may waive. */
export type BoundaryRule = keyof typeof BOUNDARY_RULES;

/** A waiver a workload construct accepts: one of the boundary's rules. */
export interface BoundaryWaiver extends WaiverProps {
  readonly ruleId: (typeof BOUNDARY_RULES)[BoundaryRule];
}

/** Checks values against the boundary for one construct, and records the waivers it applies. */
export class Boundary {
  private readonly applied: Waiver[] = [];
  /** The operator project as key ids spell it (`s3ns:` prefix on S3NS). */
  private readonly operatorProject: string;

  constructor(
    private readonly scope: Construct,
    private readonly context: TenantContext,
    private readonly waivers: readonly BoundaryWaiver[] = [],
  ) {
    const allowed = Object.values(BOUNDARY_RULES);
    waivers.forEach((w, i) => {
      if (!allowed.includes(w.ruleId)) {
        throw this.error(`waivers[${i}].ruleId`, `${JSON.stringify(w.ruleId)} is not a rule this construct checks`, allowed.join(", "));
      }
      assertWaiver(`${scope.node.path}: waivers[${i}]`, w);
    });
    const { profile, keys } = context;
    // The boundary is the library's: a copy of a profile with other regions would move the resource there.
    assertLibraryProfile(scope.node.path, profile, "context.profile");
    const problem = fieldProblem(PROJECT_ID, "context.projectId", context.projectId);
    if (problem) throw new Error(`${scope.node.path}: ${problem}`);
    assertPlainText(scope.node.path, { "context.labels": context.labels });
    this.operatorProject = apiProjectId(profile, keys.operatorProjectId);
    holdToBoundary(scope, { profile, operatorProjectId: keys.operatorProjectId });
  }

  /** Waivers applied so far. */
  get appliedWaivers(): readonly Waiver[] {
    return this.applied;
  }

  /** Regions (and aliases that resolve into the region), without zones. */
  get regions(): readonly string[] {
    const { profile } = this.context;
    return profile.allowedLocations.filter((l) => !profile.zones.includes(l));
  }

  /**
   * `value`, lower-cased, if it is one of `allowed` (case-insensitive) inside the profile's boundary; throws
   * otherwise, unless the location rule is waived. A caller's `allowed` only narrows the boundary: a value it
   * lists outside the profile (`allowedLocations: ["us-east1"]`) still needs a waiver; a list with nothing inside
   * it allows the profile's regions.
   */
  location(field: string, value: string, allowed: readonly string[] = this.regions): string {
    if (Token.isUnresolved(value)) return value;
    const listed = allowed.map((l) => l.toLowerCase()).filter((l) => this.context.profile.allowedLocations.includes(l));
    const inside = listed.length ? listed : this.regions;
    if (inside.includes(value.toLowerCase())) return value.toLowerCase();
    return this.breach("location", field, value, `"${value}" is outside the sovereign boundary`, inside.join(", "));
  }

  /** `value` if it names a crypto key of the operator project in the region; throws otherwise, unless the key rule is waived. */
  key(field: string, value: string): string {
    if (Token.isUnresolved(value)) return value;
    const { region } = this.context.profile;
    const key = CRYPTO_KEY_ID_RULE.test(value) ? parseCryptoKeyId(value) : undefined;
    if (key && key.projectId === this.operatorProject && key.location === region) return value;
    const allowed = cryptoKeyIdInRing(keyRingId(this.operatorProject, region, "<key ring>"), "<key>");
    return this.breach("key", field, value, `"${value}" is not an operator key in the region`, allowed);
  }

  /** `value` if it matches `pattern` (a resource name rule, not waivable); throws otherwise. */
  name(field: string, value: string, pattern: RegExp, allowed: string): string {
    if (Token.isUnresolved(value) || pattern.test(value)) return value;
    throw this.error(field, `"${value}" is not a valid name`, allowed);
  }

  private breach(rule: BoundaryRule, field: string, value: string, problem: string, allowed: string): string {
    const ruleId = BOUNDARY_RULES[rule];
    const waiver = this.waivers.find((w) => w.ruleId === ruleId);
    if (!waiver) throw this.error(field, problem, `${allowed}; or a waiver of ${ruleId} with a reason`);
    if (!this.applied.some((w) => w.ruleId === ruleId)) this.applied.push(waive(this.scope, waiver));
    return value;
  }

  private error(field: string, problem: string, allowed: string): Error {
    return new Error(`${this.scope.node.path}: ${field}: ${problem} (allowed: ${allowed})`);
  }
}
