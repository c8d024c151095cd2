/**
 * One rule, two layers (issue 14, item 9): the preventive guardrails
 * (organization policies) and the detective rules read the same catalog, and
 * agree in both directions.
 */
import { catalogTypes, scopeOf } from "../../lib/catalog/google-types";
import { CMEK_DETECTIVE_ONLY, CMEK_ORG_POLICY_ONLY, CMEK_ORG_POLICY_SERVICES } from "../../lib/catalog/cmek-org-policy";
import { evaluate } from "../../lib/checks/engine";
import { cmekPresentRule } from "../../lib/checks/rules/SOV-KEY-001";
import { resourceLocationRule } from "../../lib/checks/rules/SOV-LOC-001";
import { pathSteps } from "../../lib/checks/paths";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { guardrailPolicies } from "../../lib/catalog/guardrail-policies";
import { PROFILES } from "../../lib/profiles/profile";

const facts = { profile: PROFILES.paris, operatorProjectId: "op", domain: "example.fr", organizationId: "1" };
const denied = guardrailPolicies(facts).find((p) => p.constraint === "gcp.restrictNonCmekServices")!.rule.deniedValues!;
const cmekTypes = catalogTypes().filter(([, f]) => f.cmek?.length);

/** A body with `value` at a dot path (blocks as single objects). */
function bodyWith(path: string, value: string): Record<string, any> {
  const steps = pathSteps(path);
  const body: Record<string, any> = {};
  let at = body;
  steps.forEach((s, i) => {
    at[s] = i === steps.length - 1 ? value : {};
    at = at[s];
  });
  return body;
}

describe("preventive and detective layers agree on keys", () => {
  it("denies every service the CMEK organization policy supports", () => {
    expect([...denied].sort()).toEqual([...CMEK_ORG_POLICY_SERVICES].sort());
  });

  it("checks a CMEK-capable type for every denied service (or says why the provider has none)", () => {
    const detected = new Set(cmekTypes.map(([, f]) => f.service));
    for (const service of denied) expect(`${service}: ${detected.has(service) || service in CMEK_ORG_POLICY_ONLY}`).toBe(`${service}: true`);
  });

  it("denies the service of every CMEK-capable type (or lists it as detective-only with a reason)", () => {
    for (const [type, f] of cmekTypes) expect(`${type}: ${denied.includes(f.service) || f.service in CMEK_DETECTIVE_ONLY}`).toBe(`${type}: true`);
  });

  it("flags every CMEK-capable type of a denied service that is created without a key", () => {
    const unchecked = cmekTypes
      .filter(([, f]) => denied.includes(f.service) && !f.keyOptional && scopeOf(f, {}) !== "meta")
      .filter(([type]) => {
        const doc = documentFromConfig({ resource: { [type]: { x: {} } } }, "s");
        return evaluate([doc], { profile: PROFILES.paris }, { rules: [cmekPresentRule] }).findings.length === 0;
      })
      .map(([type]) => type);
    expect(unchecked).toEqual([]);
  });
});

describe("preventive and detective layers agree on locations", () => {
  it("restricts locations to the same boundary the rules check", () => {
    for (const profile of Object.values(PROFILES)) {
      const policy = guardrailPolicies({ ...facts, profile }).find((p) => p.constraint === "gcp.resourceLocations")!;
      expect(policy.rule.allowedValues).toEqual([profile.locationPolicyValue]);
      expect(profile.locationPolicyValue).toBe(`in:${profile.region}-locations`);
    }
  });

  it("flags an out-of-boundary value at every location attribute of every located type, and none inside", () => {
    const missed: string[] = [];
    for (const [type, f] of catalogTypes()) {
      for (const path of f.location ?? []) {
        const judge = (value: string) =>
          evaluate(
            [documentFromConfig({ resource: { [type]: { x: bodyWith(path, value) } } }, "s")],
            { profile: PROFILES.paris },
            { rules: [resourceLocationRule] },
          ).findings.filter((x) => x.message.startsWith(path));
        if (judge("us-central1").length !== 1 || judge("europe-west9").length !== 0) missed.push(`${type}.${path}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
