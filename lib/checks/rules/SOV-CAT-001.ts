import { typeFacts } from "../../catalog/google-types";
import type { Rule } from "../types";
import { eachResource } from "./helpers";

/** SOV-CAT-001: a Google resource type the catalog does not know cannot be judged, so it is a finding. */
export const unknownTypeRule: Rule<"SOV-CAT-001"> = {
  id: "SOV-CAT-001",
  severity: "error",
  title: "Every google_* resource type is known to the catalog",
  why: "The rules cannot tell where an unknown type keeps data or which key protects it: silence would be a pass",
  fix: "Regenerate the catalog after a provider upgrade (node tools/catalog.js), add a reviewed correction for a beta-only type, or waive the resource",
  scope: "stack",
  check: (docs) =>
    eachResource(docs, (r) =>
      r.type.startsWith("google_") && !typeFacts(r.type)
        ? [`${r.type} is not in the catalog of Google resource types (allowed: catalogued types)`]
        : [],
    ),
};
