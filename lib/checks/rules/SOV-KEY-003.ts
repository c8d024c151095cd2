import type { Rule, TfResource } from "../types";
import { insideUnknownBlock } from "../paths";
import { UNRESOLVED, resolve } from "../values";
import { eachResource } from "./helpers";

const NOT_A_KEY = Symbol("not a key");

/**
 * The protection level a resource gives key material: a key's version template (SOFTWARE when absent), or an
 * import job's, which every key version imported through it must share
 * (https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.importJobs, field protectionLevel).
 */
function protectionLevelOf(r: TfResource): unknown {
  if (r.type === "google_kms_key_ring_import_job") return r.body.protection_level;
  if (r.type !== "google_kms_crypto_key") return NOT_A_KEY;
  // A template known only after apply (a plan without its configuration) leaves the level unknown.
  if (insideUnknownBlock(r.body, "version_template.protection_level")) return UNRESOLVED;
  const template = Array.isArray(r.body.version_template) ? r.body.version_template[0] : r.body.version_template;
  return template?.protection_level ?? "SOFTWARE";
}

/** SOV-KEY-003: keys use a protection level the profile allows. */
export const protectionLevelRule: Rule<"SOV-KEY-003"> = {
  id: "SOV-KEY-003",
  severity: "error",
  title: "Keys and key import jobs use a protection level the profile allows (never Google-held SOFTWARE keys on paris)",
  why: "SOFTWARE and HSM keys live in Google's KMS; the sovereign default is an external key held by the operator",
  fix: "Set version_template.protection_level (a key) or protection_level (an import job) to one of the profile's levels",
  scope: "stack",
  check: (docs, { profile }) =>
    eachResource(docs, (r, doc) => {
      const raw = protectionLevelOf(r);
      if (raw === NOT_A_KEY) return [];
      const level = resolve(doc, raw);
      return typeof level === "string" && (profile.keyProtectionLevels as readonly string[]).includes(level)
        ? []
        : [
            `protection level ${typeof level === "string" ? level : "(unresolved)"} is not allowed on ${profile.name} (allowed: ${profile.keyProtectionLevels.join(", ")})`,
          ];
    }),
};
