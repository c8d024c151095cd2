import { scopeOf } from "../../catalog/google-types";
import type { Rule } from "../types";
import { eachKnownResource } from "./helpers";

/** SOV-LOC-003: types that serve or store data outside any region (global load balancing, CDN, global secrets...). */
export const globalOnlyTypeRule: Rule<"SOV-LOC-003"> = {
  id: "SOV-LOC-003",
  severity: "error",
  title: "No global-only resource type (global load balancing, CDN, certificates, Cloud Armor, global parameters...)",
  why: "A global resource has no location the organization policy or the rules can pin: traffic and data are handled outside the region",
  fix: "Use the regional variant (regional load balancer, regional secret...) or waive the resource with a reason",
  scope: "stack",
  check: (docs) =>
    eachKnownResource(docs, (r, facts) =>
      scopeOf(facts, r.body) === "global"
        ? [`${r.type} is global-only: it has no location inside the boundary (allowed: a regional type, or a waiver)`]
        : [],
    ),
};
