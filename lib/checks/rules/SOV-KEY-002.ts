import { apiProjectId } from "../../naming";
import type { Rule } from "../types";
import { resolve } from "../values";
import { eachKnownResource, keyProblem, providerOf, stringsAt } from "./helpers";

/** SOV-KEY-002: every key a resource uses is an operator key in the region; an unresolved key is a finding. */
export const operatorKeyRule: Rule<"SOV-KEY-002"> = {
  id: "SOV-KEY-002",
  severity: "error",
  title: "Customer-managed keys come from the operator's key project, in the region",
  why: "Only keys held by the local operator protect data from foreign access; a key must sit where the data is",
  fix: "Use the tenant's key from the operator project (TenantKeyRefs.keyId)",
  scope: "stack",
  check: (docs, context) =>
    eachKnownResource(docs, (r, facts, doc) => {
      // Key rings themselves live in the operator's project.
      if (r.type === "google_kms_key_ring" && context.operatorProjectId) {
        const project = resolve(doc, r.body.project ?? providerOf(doc, r)?.project);
        const expected = apiProjectId(context.profile, context.operatorProjectId);
        if (project !== expected)
          return [`key ring is in project ${typeof project === "string" ? project : "(unresolved)"}, not the operator's (allowed: ${expected})`];
      }
      return (facts.cmek ?? []).flatMap((path) =>
        stringsAt(doc, r.body, path)
          .map((value) => keyProblem(value, path, context))
          .filter((p): p is string => p !== undefined)
          .map((message) => ({ message, attribute: path })),
      );
    }),
};
