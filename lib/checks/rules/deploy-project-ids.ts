/**
 * Deploy readiness: on a universe whose project ids carry a prefix
 * (`s3ns:` on S3NS), every literal project id a resource sends to an API
 * carries it (docs/deployment.md, "S3NS project ids and services").
 */
import type { Rule, TfResource } from "../types";
import type { SovereigntyProfile } from "../../profiles/profile";
import { eachResource } from "./helpers";

function problems(r: TfResource, profile: SovereigntyProfile): string[] {
  const prefix = profile.projectIdPrefix;
  if (!prefix) return [];
  const ids = [r.body.project, r.type === "google_project" ? r.body.project_id : undefined];
  return ids
    .filter((id): id is string => typeof id === "string" && id !== "" && !id.includes("${") && !id.startsWith(prefix))
    .map((id) => `refers to project "${id}" without the universe prefix (allowed: "${prefix}${id}")`);
}

export const deployProjectIdsRule: Rule = {
  id: "SOV-DEP-006",
  severity: "error",
  title: "Project ids carry the universe prefix where the profile has one",
  why: "On S3NS every project id in an API call is s3ns:<id>; a bare id names no project of the universe",
  fix: "Prefix the id (apiProjectId in lib/naming.ts); keep the bare id only in display names and bucket names",
  scope: "stack",
  check: (docs, { profile }) => eachResource(docs, (r) => problems(r, profile)),
};
