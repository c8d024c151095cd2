import { scopeOf, typeFacts } from "../../catalog/google-types";
import type { TypeFacts } from "../../catalog/types";
import { valuesAt } from "../paths";
import type { Rule, TfDocument, TfResource } from "../types";
import { stringsAt } from "./helpers";
import { UNRESOLVED, resolve } from "../values";

/** The key paths missing from a resource, per the catalog: each required one, else one key anywhere. */
function missingKeys(r: TfResource, facts: TypeFacts): string[] {
  if (facts.cmekRequired?.length) {
    return facts.cmekRequired.flatMap(({ path, each }) => {
      if (!each) return valuesAt(r.body, path).length ? [] : [path];
      const rest = path.slice(each.length + 1);
      const items = valuesAt(r.body, each);
      return !items.length || items.some((item) => !valuesAt(item, rest).length) ? [`${path} (in every ${each})`] : [];
    });
  }
  const cmek = facts.cmek ?? [];
  return cmek.some((path) => valuesAt(r.body, path).length) ? [] : [cmek.join(" or ")];
}

/** Whether the parent a resource takes its default key from is in the checked set and carries a key. */
function parentHasKey(docs: readonly TfDocument[], doc: TfDocument, r: TfResource, link: NonNullable<TypeFacts["keyParent"]>): boolean {
  const raw = r.body[link.attribute];
  const ref = typeof raw === "string" ? new RegExp(`^\\$\\{${link.type}\\.([^.}]+)\\.`).exec(raw) : null;
  const wanted = ref ? undefined : resolve(doc, raw);
  const parentKeys = typeFacts(link.type)?.cmek ?? [];
  for (const d of ref ? [doc] : docs) {
    for (const p of d.resources) {
      if (p.type !== link.type) continue;
      const same = ref ? p.address === `${link.type}.${ref[1]}` : typeof wanted === "string" && resolve(d, p.body[link.parentAttribute]) === wanted;
      if (same) return parentKeys.some((path) => valuesAt(p.body, path).length > 0);
    }
  }
  return false;
}

/** Encryption enums set to a value that selects Google-managed keys (`GOOGLE_DEFAULT_ENCRYPTION`, `GMEK`...), per the catalog. */
function googleKeyChoices(doc: TfDocument, r: TfResource, facts: TypeFacts): string[] {
  return (facts.googleKeyValues ?? []).flatMap(({ path, values }) =>
    stringsAt(doc, r.body, path).flatMap((v) =>
      v === UNRESOLVED
        ? [`${path} cannot be resolved before apply: it may select Google-managed keys (allowed: a customer-managed value, or a waiver)`]
        : values.includes(v.toUpperCase())
          ? [`${path} = ${v} selects Google-managed keys: Google holds the key (allowed: the customer-managed value, with an operator key)`]
          : [],
    ),
  );
}

/** SOV-KEY-001: every CMEK-capable resource carries a customer-managed key (or takes its parent's, when the parent is checked too). */
export const cmekPresentRule: Rule<"SOV-KEY-001"> = {
  id: "SOV-KEY-001",
  severity: "error",
  title: "Every CMEK-capable resource carries a customer-managed key",
  why: "Without it Google holds the key; with it the local operator does",
  fix: "Set the resource's key attribute (see the catalog, lib/catalog) to the tenant's key for that service",
  scope: "stack",
  check: (docs) =>
    docs.flatMap((doc) =>
      doc.resources.flatMap((r) => {
        const facts = typeFacts(r.type);
        if (!facts) return [];
        const hit = (message: string) => ({ stack: doc.stack, address: r.address, message });
        const googleKeys = googleKeyChoices(doc, r, facts).map((m) => hit(m));
        // A type may carry no key of its own and take its parent's (a NetApp volume its pool's).
        if ((!facts.cmek?.length && !facts.keyParent) || facts.keyOptional || scopeOf(facts, r.body) === "meta") return googleKeys;
        const cmek = facts.cmek ?? [];
        const own = cmek.some((path) => valuesAt(r.body, path).length > 0);
        if (googleKeys.length) return googleKeys;
        if (facts.keyParent && !own) {
          return parentHasKey(docs, doc, r, facts.keyParent)
            ? []
            : [
                hit(
                  `has no customer-managed key, and its ${facts.keyParent.type} (whose default key it would take) is not in the checked stacks or has none: set ${cmek.length ? cmek.join(" or ") : `${facts.keyParent.attribute} to one with an operator key`}`,
                ),
              ];
        }
        return missingKeys(r, facts).map((m) => hit(`has no customer-managed key: set ${m} to the operator's ${facts.service} key`));
      }),
    ),
};
