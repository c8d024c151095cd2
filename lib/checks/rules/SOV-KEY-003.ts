import type { Rule } from "../types";
import { resolve } from "../values";
import { eachResource } from "./helpers";

/** SOV-KEY-003: keys use a protection level the profile allows. */
export const protectionLevelRule: Rule<"SOV-KEY-003"> = {
  id: "SOV-KEY-003",
  severity: "error",
  title: "Keys use a protection level the profile allows (never Google-held SOFTWARE keys on paris)",
  why: "SOFTWARE and HSM keys live in Google's KMS; the sovereign default is an external key held by the operator",
  fix: "Set version_template.protection_level to one of the profile's levels",
  scope: "stack",
  check: (docs, { profile }) =>
    eachResource(docs, (r, doc) => {
      if (r.type !== "google_kms_crypto_key") return [];
      const template = Array.isArray(r.body.version_template) ? r.body.version_template[0] : r.body.version_template;
      const level = resolve(doc, template?.protection_level ?? "SOFTWARE");
      return typeof level === "string" && (profile.keyProtectionLevels as readonly string[]).includes(level)
        ? []
        : [
            `protection level ${typeof level === "string" ? level : "(unresolved)"} is not allowed on ${profile.name} (allowed: ${profile.keyProtectionLevels.join(", ")})`,
          ];
    }),
};
