import { HARMLESS_PROVIDERS, isHarmless } from "../../catalog/harmless-types";
import type { Hit, Rule, TfDocument, TfResource } from "../types";
import { GOOGLE_PROVIDER_SOURCES, providerSourceOf } from "./helpers";

const ALLOWED = `google_* types served by ${[...GOOGLE_PROVIDER_SOURCES].join(" or ")}, ${Object.keys(HARMLESS_PROVIDERS).join(", ")} types, or a waiver`;

/** What the rules cannot judge about one resource or data source: who serves it, and the commands it runs. */
function problemsOf(doc: TfDocument, r: TfResource): string[] {
  const source = providerSourceOf(doc, r);
  const problems: string[] = [];
  if (r.type.startsWith("google_")) {
    if (!GOOGLE_PROVIDER_SOURCES.has(source))
      problems.push(`${r.type} is served by provider "${source}", not Google's: what it does cannot be judged (allowed: ${ALLOWED})`);
  } else if (!isHarmless(source, r.type)) {
    problems.push(
      `${r.type} (provider "${source}") is outside what the sovereignty rules can judge: where it sends data is unknown (allowed: ${ALLOWED})`,
    );
  }
  if (r.provisioners?.length) {
    problems.push(
      `runs ${r.provisioners.join(", ")} provisioner(s) at apply: what a command does with the data cannot be judged (allowed: no provisioner, or a waiver)`,
    );
  }
  return problems;
}

/** SOV-CAT-002: every resource and data source is served by a provider the rules can judge, and runs no command. */
export const foreignTypeRule: Rule<"SOV-CAT-002"> = {
  id: "SOV-CAT-002",
  severity: "error",
  title: "Only Google's providers and value-only types, and no provisioners",
  why: "Another cloud's resource, an HTTP or external data source, a local file or a provisioner's command moves data where no rule can follow; silence would be a pass",
  fix: "Keep other clouds and scripts out of the landing zone's stacks; if a type is reviewed and needed, waive the resource with the reason",
  scope: "stack",
  check: (docs) => {
    const hits: Hit[] = [];
    for (const doc of docs) {
      for (const r of [...doc.resources, ...(doc.data ?? [])]) {
        for (const message of problemsOf(doc, r)) hits.push({ stack: doc.stack, address: r.address, message });
      }
    }
    return hits;
  },
};
