import { HARMLESS_PROVIDERS, isHarmless } from "../../catalog/harmless-types";
import type { Hit, Rule, TfDocument, TfResource } from "../types";
import { GOOGLE_PROVIDER_SOURCES, providerAddress, providerSourceOf, providerSourceOfName } from "./helpers";

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

/** Provider blocks of other providers: a configured provider (another cloud's credentials and endpoints) is there to reach a service no rule can follow. */
function foreignProviderHits(doc: TfDocument): Hit[] {
  return Object.entries(doc.providers).flatMap(([name, blocks]) => {
    const source = providerSourceOfName(doc, name);
    if (GOOGLE_PROVIDER_SOURCES.has(source) || source in HARMLESS_PROVIDERS) return [];
    return blocks.map((block, i) => ({
      stack: doc.stack,
      address: providerAddress(name, block, i),
      message: `provider "${source}" is outside what the sovereignty rules can judge: what it reaches is unknown (allowed: ${ALLOWED})`,
    }));
  });
}

/** SOV-CAT-002: every provider, resource and data source is one the rules can judge, and runs no command. */
export const foreignTypeRule: Rule<"SOV-CAT-002"> = {
  id: "SOV-CAT-002",
  severity: "error",
  title: "Only Google's providers and value-only types (resources, data sources and provider blocks), and no provisioners",
  why: "Another cloud's resource, an HTTP or external data source, a local file or a provisioner's command moves data where no rule can follow; silence would be a pass",
  fix: "Keep other clouds and scripts out of the landing zone's stacks; if a type is reviewed and needed, waive the resource with the reason",
  scope: "stack",
  check: (docs) => {
    const hits: Hit[] = [];
    for (const doc of docs) {
      hits.push(...foreignProviderHits(doc));
      for (const r of [...doc.resources, ...(doc.data ?? [])]) {
        for (const message of problemsOf(doc, r)) hits.push({ stack: doc.stack, address: r.address, message });
      }
    }
    return hits;
  },
};
