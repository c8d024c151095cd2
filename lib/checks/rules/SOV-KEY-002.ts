import { apiProjectId } from "../../naming";
import type { Rule, RuleContext, TfDocument, TfResource } from "../types";
import { resolve } from "../values";
import { eachKnownResource, keyProblem, keyValuesAt, providerOf } from "./helpers";

const AUTOKEY_CONFIG = "google_kms_autokey_config";
const AUTOKEY_DOCS = "https://cloud.google.com/kms/docs/reference/rest/v1/AutokeyConfig";

/** Where an Autokey config makes Autokey create keys: a problem unless it is the operator's key project. */
function autokeyProjectProblem(doc: TfDocument, config: TfResource, { profile, operatorProjectId }: RuleContext): string | undefined {
  if (!operatorProjectId) return undefined;
  const expected = apiProjectId(profile, operatorProjectId);
  const value = resolve(doc, config.body.key_project);
  const project = typeof value === "string" ? value.replace(/^projects\//, "") : undefined;
  if (project === expected) return undefined;
  return `${config.address} makes Autokey create keys in ${project === undefined ? "an unresolved key_project" : `projects/${project}`}, not the operator's key project (allowed: projects/${expected}; ${AUTOKEY_DOCS})`;
}

/**
 * Autokey: a config's `key_project` is where Autokey creates keys, and a key handle creates one there
 * (https://cloud.google.com/nodejs/docs/reference/kms/latest/kms/v1.autokeyclient). A handle is judged by every
 * config of the checked stacks (which folder it falls under is not visible); with no config visible, its key project
 * is unknown (fail closed). Profiles without Autokey (s3ns) refuse both.
 */
function autokeyProblems(docs: readonly TfDocument[], doc: TfDocument, r: TfResource, context: RuleContext): string[] {
  if (!context.profile.autokey)
    return [
      `Cloud KMS Autokey does not exist on ${context.profile.name}: keys come from the operator's key rings (allowed: an operator key, no ${r.type})`,
    ];
  if (r.type === AUTOKEY_CONFIG) {
    const p = autokeyProjectProblem(doc, r, context);
    return p ? [p] : [];
  }
  const configs = docs.flatMap((d) => d.resources.filter((c) => c.type === AUTOKEY_CONFIG).map((c) => [d, c] as const));
  if (!configs.length)
    return [
      `the key this handle makes Autokey create goes to the key project of an Autokey config that is not in the checked stacks: it cannot be verified (allowed: a ${AUTOKEY_CONFIG} with the operator's key project checked with it, or an operator key)`,
    ];
  return configs.flatMap(([d, c]) => {
    const p = autokeyProjectProblem(d, c, context);
    return p ? [`the key this handle creates may go where ${p}`] : [];
  });
}

/** SOV-KEY-002: every key a resource uses is an operator key in the region; an unresolved key is a finding. */
export const operatorKeyRule: Rule<"SOV-KEY-002"> = {
  id: "SOV-KEY-002",
  severity: "error",
  title: "Customer-managed keys come from the operator's key project, in the region (Autokey included)",
  why: "Only keys held by the local operator protect data from foreign access; a key must sit where the data is",
  fix: "Use the tenant's key from the operator project (TenantKeyRefs.keyId); point Autokey configs at the operator's key project",
  scope: "stack",
  check: (docs, context) =>
    eachKnownResource(docs, (r, facts, doc) => {
      if (r.type === AUTOKEY_CONFIG || r.type === "google_kms_key_handle") return autokeyProblems(docs, doc, r, context);
      // Key rings themselves live in the operator's project.
      if (r.type === "google_kms_key_ring" && context.operatorProjectId) {
        const project = resolve(doc, r.body.project ?? providerOf(doc, r)?.project);
        const expected = apiProjectId(context.profile, context.operatorProjectId);
        if (project !== expected)
          return [`key ring is in project ${typeof project === "string" ? project : "(unresolved)"}, not the operator's (allowed: ${expected})`];
      }
      return (facts.cmek ?? []).flatMap((path) =>
        keyValuesAt(doc, r, facts, path)
          .map((value) => keyProblem(value, path, context))
          .filter((p): p is string => p !== undefined)
          .map((message) => ({ message, attribute: path })),
      );
    }),
};
