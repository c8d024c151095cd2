import type { Rule } from "../types";
import { UNRESOLVED } from "../values";
import { allowedText, eachKnownResource, inBoundary, stringsAt } from "./helpers";

/** SOV-LOC-001: every location of a resource, as the catalog lists them, is inside the boundary; an absent one is the API's default. */
export const resourceLocationRule: Rule<"SOV-LOC-001"> = {
  id: "SOV-LOC-001",
  severity: "error",
  title: "Every location, region and zone of a resource is inside the profile's boundary, and set where the API's default is elsewhere",
  why: "Data must stay in the Paris region (u-france-east1 on s3ns); multi-regions (EU, US), other regions and API defaults (BigQuery US, unpinned Pub/Sub, automatic secret replication) are outside the boundary",
  fix: "Set the attribute to the profile's region (or one of its zones); use the Sovereign* constructs, which do it for you",
  scope: "stack",
  check: (docs, { profile }) =>
    eachKnownResource(docs, (r, facts, doc) => {
      if (!facts.location) return [];
      const problems: string[] = [];
      let found = false;
      for (const path of facts.location) {
        for (const value of stringsAt(doc, r.body, path)) {
          found = true;
          if (value === UNRESOLVED)
            problems.push(`${path} cannot be resolved before apply: its location cannot be verified (allowed: ${allowedText(profile)}, or a waiver)`);
          else if (!inBoundary(profile, value))
            problems.push(`${path} "${value}" is outside the sovereign boundary (allowed: ${allowedText(profile)})`);
        }
      }
      if (!found && (facts.absent === "required" || facts.absent === "api-default")) {
        problems.push(
          `sets no location (${facts.location.join(", ")}): the API's default applies, outside the boundary (allowed: ${allowedText(profile)})`,
        );
      }
      return problems;
    }),
};
