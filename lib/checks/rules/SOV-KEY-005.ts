import type { Rule, TfDocument } from "../types";
import { UNRESOLVED } from "../values";
import { eachResourceOfType, iamGrants, resourceAt } from "./helpers";

export const KEY_USE_ROLES = new Set([
  "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  "roles/cloudkms.cryptoKeyEncrypter",
  "roles/cloudkms.cryptoKeyDecrypter",
]);
/** Permissions that administer key material (create, change, destroy); granting IAM on keys is the delegation the landing zone uses. */
const ADMIN_PERMISSION =
  /^cloudkms\.(cryptoKeys\.(create|update)|cryptoKeyVersions\.(create|update|destroy|restore|useToSign)|keyRings\.create|importJobs\.create)$|^\*$/;

/** A custom role of the same document, by the raw reference to it (`${google_project_iam_custom_role.x.id}`). */
function customRolePermissions(doc: TfDocument, raw: string): string[] | undefined {
  const m = /^\$\{(google_(project|organization)_iam_custom_role\.[^.]+)\.(id|name)\}$/.exec(raw);
  const role = m ? resourceAt(doc, m[1]) : undefined;
  return Array.isArray(role?.body.permissions) ? role.body.permissions.map(String) : undefined;
}

/** SOV-KEY-005: grants on keys and key rings only allow using keys, never administering them. */
export const keyUseOnlyRule: Rule<"SOV-KEY-005"> = {
  id: "SOV-KEY-005",
  severity: "error",
  title: "Grants on a key or a key ring only allow using keys, never administering them",
  why: "Key administration belongs to the local operator alone; a key-ring grant reaches every key in the ring",
  fix: "Grant roles/cloudkms.cryptoKeyEncrypterDecrypter on the key; administer keys from the key-custody stack with the operator group (project-level role)",
  scope: "stack",
  check: (docs) =>
    eachResourceOfType(
      docs,
      (type) => /^google_kms_(crypto_key|key_ring)_iam_/.test(type),
      (r, doc) => {
        const raw = r.body.role;
        const custom = typeof raw === "string" ? customRolePermissions(doc, raw) : undefined;
        if (custom) {
          const admin = custom.filter((p) => ADMIN_PERMISSION.test(p));
          return admin.length ? [`grants a custom role with key administration permissions ${admin.join(", ")}`] : [];
        }
        return iamGrants(doc, r)
          .filter((g) => g.role === UNRESOLVED || !KEY_USE_ROLES.has(g.role))
          .map((g) => `grants ${g.role === UNRESOLVED ? "an unresolved role" : g.role} on a key (allowed: ${[...KEY_USE_ROLES].join(", ")})`);
      },
    ),
};
