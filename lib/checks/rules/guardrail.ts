import type { Rule } from "../types";

export const locationGuardrailRule: Rule = {
  id: "SOV-GRD-001",
  severity: "error",
  title: "An organization policy gcp.resourceLocations (enforced or dry-run) restricts resources to the profile's location group",
  why: "The policy stops resources created outside Terraform, in every project below it",
  fix: "Apply SovereignGuardrails to the landing-zone root folder (the foundation stack does)",
  scope: "set",
  check: (docs, { profile }) => {
    const guarded = docs.some((doc) =>
      doc.resources.some((r) => {
        if (r.type !== "google_org_policy_policy" || !String(r.body.name ?? "").endsWith("/policies/gcp.resourceLocations")) return false;
        const specs = [r.body.spec, r.body.dry_run_spec].flatMap((s) => (Array.isArray(s) ? s : s ? [s] : []));
        const spec = specs.flatMap((s: any) => s.rules ?? []);
        const allowed: unknown[] = (Array.isArray(spec) ? spec : []).flatMap(
          (rule: any) => rule.values?.allowed_values ?? rule.values?.[0]?.allowed_values ?? [],
        );
        return allowed.length > 0 && allowed.every((v) => v === profile.locationPolicyValue || profile.allowedLocations.includes(String(v)));
      }),
    );
    if (guarded || docs.length === 0) return [];
    return [
      {
        stack: docs[0].stack,
        address: "(landing zone)",
        message: `no gcp.resourceLocations policy allowing only ${profile.locationPolicyValue} in the checked stacks`,
      },
    ];
  },
};
