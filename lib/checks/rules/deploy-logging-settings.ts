/**
 * Deploy readiness: a project waits for the default Logging settings of the
 * folders it goes in. Only resources created after the settings inherit
 * them; a project created first gets its `_Default` and `_Required` log
 * buckets in the default location, under Google keys, and their location
 * cannot change later (docs/deployment.md, "Logging settings first").
 */
import type { Rule, TfDocument, TfResource } from "../types";
import { eachResourceOfType, resourceAt } from "./helpers";
import { referencedResourceOf, waitsFor } from "./deploy-graph";

/** A folder as the rules can compare it: the document resource that creates it, or its literal numeric id. */
type FolderKey = string;

/** Key of a folder value (`folders/123`, `123`, or a reference to a folder-creating resource). */
function folderKey(doc: TfDocument, value: unknown): FolderKey | undefined {
  if (typeof value !== "string" || !value) return undefined;
  const resource = referencedResourceOf(doc, value);
  if (resource) return resource.address;
  const literal = /^(?:folders\/)?(\d+)$/.exec(value);
  return literal ? `folders/${literal[1]}` : undefined;
}

/** The folder a folder-creating resource sits in: `google_folder.parent`, or an Assured Workloads workload's parent. */
function parentOf(doc: TfDocument, address: FolderKey): FolderKey | undefined {
  const r = resourceAt(doc, address);
  if (r?.type === "google_folder") return folderKey(doc, r.body.parent);
  if (r?.type === "google_assured_workloads_workload") return folderKey(doc, r.body.provisioned_resources_parent);
  return undefined;
}

/** The folders a project goes in, innermost first, as far as the document shows them. */
function ancestors(doc: TfDocument, project: TfResource): FolderKey[] {
  const chain: FolderKey[] = [];
  for (let key = folderKey(doc, project.body.folder_id); key && !chain.includes(key); key = parentOf(doc, key)) chain.push(key);
  return chain;
}

function problems(doc: TfDocument, project: TfResource): string[] {
  const chain = ancestors(doc, project);
  const settings = doc.resources.filter((r) => r.type === "google_logging_folder_settings" && chain.includes(folderKey(doc, r.body.folder) ?? ""));
  if (!settings.length) return [];
  const waited = waitsFor(doc, project);
  return settings
    .filter((s) => !waited.has(s.address))
    .map((s) => `is created without waiting for ${s.address}, the Logging settings of a folder it goes in (allowed: depends_on that resource)`);
}

export const deployLoggingSettingsRule: Rule = {
  id: "SOV-DEP-002",
  severity: "error",
  title: "A project waits for the default Logging settings of the folders it goes in",
  why: "Only resources created after default Logging settings inherit them: a project created first keeps _Default and _Required log buckets outside the region and under Google keys",
  fix: "Make the google_project depend on the google_logging_folder_settings of its folder (and of the folders above it in the same configuration)",
  scope: "stack",
  check: (docs) =>
    eachResourceOfType(
      docs,
      (type) => type === "google_project",
      (r, doc) => problems(doc, r),
    ),
};
