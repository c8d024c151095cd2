import { apiProjectId } from "../../naming";
import { CMEK_ATTRIBUTES, valuesAt } from "../cmek-attributes";
import type { Rule, RuleContext, TfDocument } from "../types";
import { eachResource, iamGrants, isExpression, referencedResource } from "./helpers";

const KEY_ID = /^projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

export const cmekPresentRule: Rule = {
  id: "SOV-KEY-001",
  severity: "error",
  title: "Every CMEK-capable resource carries a customer-managed key",
  why: "Without it Google holds the key; with it the local operator does",
  fix: "Set the resource's key attribute (see the CMEK table) to the tenant's key for that service",
  scope: "stack",
  check: (docs) =>
    eachResource(docs, (r) => {
      const cmek = CMEK_ATTRIBUTES[r.type];
      if (!cmek || valuesAt(r.body, cmek.path).length) return [];
      return [`has no customer-managed key: set ${cmek.path} to the tenant's ${cmek.service} key`];
    }),
};

/** Where a key value points: project and location, if they can be known. */
function keyLocation(doc: TfDocument, value: string): { project: string; location: string } | undefined {
  const literal = KEY_ID.exec(value);
  if (literal) return { project: literal[1], location: literal[2] };
  const key = referencedResource(doc, value);
  const ringRef = key?.type === "google_kms_crypto_key" ? key.body.key_ring : undefined;
  const ring = typeof ringRef === "string" ? referencedResource(doc, ringRef) : undefined;
  if (ring && typeof ring.body.project === "string" && typeof ring.body.location === "string") {
    return { project: ring.body.project, location: ring.body.location };
  }
  return undefined;
}

function keyProblem(doc: TfDocument, value: unknown, { profile, operatorProjectId }: RuleContext): string | undefined {
  if (typeof value !== "string") return undefined;
  const where = keyLocation(doc, value);
  if (!where) return isExpression(value) ? undefined : `key "${value}" is not a Cloud KMS key id`;
  if (operatorProjectId && where.project !== apiProjectId(profile, operatorProjectId)) {
    return `key "${value}" is outside the operator's key project (allowed: projects/${apiProjectId(profile, operatorProjectId)})`;
  }
  if (where.location !== profile.region) return `key "${value}" is not in the region (allowed: ${profile.region})`;
  return undefined;
}

export const operatorKeyRule: Rule = {
  id: "SOV-KEY-002",
  severity: "error",
  title: "Customer-managed keys come from the operator's key project, in the region",
  why: "Only keys held by the local operator protect data from foreign access; a key must sit where the data is",
  fix: "Use the tenant's key from the operator project (TenantKeyRefs.keyId)",
  scope: "stack",
  check: (docs, context) =>
    eachResource(docs, (r, doc) => {
      const cmek = CMEK_ATTRIBUTES[r.type];
      if (!cmek) return [];
      return valuesAt(r.body, cmek.path)
        .map((value) => keyProblem(doc, value, context))
        .filter((p): p is string => p !== undefined);
    }),
};

export const protectionLevelRule: Rule = {
  id: "SOV-KEY-003",
  severity: "error",
  title: "Keys use a protection level the profile allows (never Google-held SOFTWARE keys on paris)",
  why: "SOFTWARE and HSM keys live in Google's KMS; the sovereign default is an external key held by the operator",
  fix: "Set version_template.protection_level to one of the profile's levels",
  scope: "stack",
  check: (docs, { profile }) =>
    eachResource(docs, (r) => {
      if (r.type !== "google_kms_crypto_key") return [];
      const level = r.body.version_template?.[0]?.protection_level ?? r.body.version_template?.protection_level ?? "SOFTWARE";
      return profile.keyProtectionLevels.includes(level)
        ? []
        : [`protection level ${level} is not allowed on ${profile.name} (allowed: ${profile.keyProtectionLevels.join(", ")})`];
    }),
};

const PROTECTED_KEY_TYPES = new Set(["google_kms_key_ring", "google_kms_crypto_key", "google_kms_crypto_key_version", "google_kms_ekm_connection"]);

export const keyPreventDestroyRule: Rule = {
  id: "SOV-KEY-004",
  severity: "error",
  title: "Key rings, keys, key versions and EKM connections are protected from destroy",
  why: "Destroying a key destroys every piece of data encrypted with it",
  fix: "Set lifecycle.prevent_destroy = true",
  scope: "stack",
  // A plan's JSON has no lifecycle blocks: only configurations can be checked.
  check: (docs) =>
    eachResource(
      docs.filter((d) => d.source === "config"),
      (r) => (PROTECTED_KEY_TYPES.has(r.type) && r.body.lifecycle?.prevent_destroy !== true ? ["has no lifecycle.prevent_destroy"] : []),
    ),
};

const KEY_USE_ROLES = new Set([
  "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  "roles/cloudkms.cryptoKeyEncrypter",
  "roles/cloudkms.cryptoKeyDecrypter",
]);

export const keyUseOnlyRule: Rule = {
  id: "SOV-KEY-005",
  severity: "error",
  title: "Grants on a key only allow using it, never administering it",
  why: "Key administration belongs to the local operator alone",
  fix: "Grant roles/cloudkms.cryptoKeyEncrypterDecrypter; administer keys from the key-custody stack with the operator group",
  scope: "stack",
  check: (docs) =>
    eachResource(docs, (r) =>
      r.type.startsWith("google_kms_crypto_key_iam_")
        ? iamGrants(r)
            .filter((g) => !KEY_USE_ROLES.has(g.role))
            .map((g) => `grants ${g.role} on a key (allowed: ${[...KEY_USE_ROLES].join(", ")})`)
        : [],
    ),
};
