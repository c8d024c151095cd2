import { scopeOf } from "../../catalog/google-types";
import { valuesAt } from "../paths";
import type { Rule } from "../types";
import { eachKnownResource } from "./helpers";

/** SOV-KEY-001: every CMEK-capable resource carries a customer-managed key (children inherit their parent's). */
export const cmekPresentRule: Rule<"SOV-KEY-001"> = {
  id: "SOV-KEY-001",
  severity: "error",
  title: "Every CMEK-capable resource carries a customer-managed key",
  why: "Without it Google holds the key; with it the local operator does",
  fix: "Set the resource's key attribute (see the catalog, lib/catalog) to the tenant's key for that service",
  scope: "stack",
  check: (docs) =>
    eachKnownResource(docs, (r, facts) => {
      if (!facts.cmek?.length) return [];
      const scope = scopeOf(facts, r.body);
      if (scope === "child" || scope === "meta") return [];
      if (facts.cmek.some((path) => valuesAt(r.body, path).length)) return [];
      return [`has no customer-managed key: set ${facts.cmek.join(" or ")} to the operator's ${facts.service} key`];
    }),
};
