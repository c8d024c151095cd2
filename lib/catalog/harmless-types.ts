/**
 * Resource and data source types outside Google's providers that the rule
 * pack accepts without judging them, by the provider that serves them: they
 * compute a value inside Terraform, keep it in the (operator-keyed) state and
 * reach no service. Every other non-Google type is a finding (SOV-CAT-002):
 * the rules cannot tell where it sends data.
 */
export interface HarmlessProvider {
  /** The types accepted (`*`: every type of the provider). */
  readonly types: "*" | readonly string[];
  readonly why: string;
}

/** By normalized provider source (`hashicorp/random`, `terraform.io/builtin/terraform`). */
export const HARMLESS_PROVIDERS: Readonly<Record<string, HarmlessProvider>> = {
  "hashicorp/random": { types: "*", why: "random values computed by Terraform" },
  "hashicorp/time": { types: "*", why: "timestamps and delays computed by Terraform" },
  "hashicorp/null": { types: ["null_resource", "null_data_source"], why: "triggers only (provisioners are judged on their own)" },
  "terraform.io/builtin/terraform": {
    types: ["terraform_data", "terraform_remote_state"],
    why: "Terraform's built-in values, and other states (whose backend SOV-BKD-001 judges)",
  },
};

/** Whether `type`, served by `source`, is accepted without judging. */
export function isHarmless(source: string, type: string): boolean {
  const provider = HARMLESS_PROVIDERS[source];
  return !!provider && (provider.types === "*" ? type.startsWith(`${source.split("/").pop()}_`) : provider.types.includes(type));
}
