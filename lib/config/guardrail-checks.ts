/** Config checks of the guardrails. */
import { objectsIn, type CrossCheck } from "./cross-checks";
import { wideningsOf } from "../guardrails/widening";

/** A tenant override that loosens a guardrail needs a waiver with a reason. */
export const checkTenantGuardrails: CrossCheck = (config, profile, report) => {
  const operatorProjectId = config.operator?.projectId;
  if (!profile || typeof operatorProjectId !== "string") return;
  for (const [tenant, i] of objectsIn(config.tenants)) {
    const g = tenant.guardrails;
    if (!g || typeof g !== "object") continue;
    const waived = new Set(objectsIn(g.waivers).map(([w]) => w.constraint));
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);
    const widenings = wideningsOf(
      {
        resourceLocations: strings(g.resourceLocations),
        allowNonCmekServices: strings(g.allowNonCmekServices),
        cmekKeyProjects: strings(g.cmekKeyProjects),
      },
      profile,
      operatorProjectId,
    );
    for (const w of widenings) {
      if (!waived.has(w.constraint)) report(["tenants", i, "guardrails", ...w.path], w.message);
    }
  }
};

/** Adopting bootstrapped policies exists only where the universe creates them. */
export const checkImportExisting: CrossCheck = (config, profile, report) => {
  const imports = config.guardrails?.importExisting;
  if (profile && !profile.bootstrapsOrgPolicies && Array.isArray(imports) && imports.length) {
    report(["guardrails", "importExisting"], `profile ${profile.name} bootstraps no organization policies (allowed: leave it empty)`);
  }
};
