/**
 * Deploy readiness: a grant to a Google-managed service agent waits for
 * whatever makes that agent exist. Google creates most agents lazily, on
 * first use of their API, and a grant to an agent that does not exist yet
 * fails (docs/deployment.md, "Service agents").
 */
import { SERVICE_AGENTS, agentOfSubdomain, type AgentCreator } from "../../service-agents";
import type { Rule, TfDocument, TfResource } from "../types";
import { declaredGrants, eachResourceOfType, isMemberOrBindingType, resourceAt } from "./helpers";
import { waitsForAny } from "./deploy-graph";

/** `serviceAccount:service-N@<sub>.<domain>` or `bq-N@...`, N a number or an interpolation. */
const AGENT_MEMBER =
  /^serviceAccount:(?:service|bq)-(?:p|org-|folder-)?(?:\d+|\$\{[^}]+\})@([a-z0-9-]+)\.(?:[a-z0-9-]+\.)*iam\.gserviceaccount\.com$/;

/** Address prefixes of what creates an agent, per creator. */
const CREATOR_TYPES: Record<AgentCreator, readonly string[]> = {
  identity: ["google_project_service_identity."],
  "storage-data": ["data.google_storage_project_service_account."],
  "bigquery-data": ["data.google_bigquery_default_service_account."],
  api: ["google_project_service.", "google_project_service_identity."],
  "logging-settings": [
    "data.google_logging_project_cmek_settings.",
    "data.google_logging_folder_settings.",
    "data.google_logging_organization_settings.",
  ],
};

/** Whether `address` creates the agent of `api` (checked on the body when the creator is in the document). */
function creates(doc: TfDocument, address: string, prefixes: readonly string[], api: string | undefined): boolean {
  if (!prefixes.some((p) => address.startsWith(p))) return false;
  const body: Record<string, any> | undefined = resourceAt(doc, address)?.body;
  const service = body?.service;
  return api === undefined || typeof service !== "string" || service.includes("${") || service === api;
}

function problems(doc: TfDocument, r: TfResource): string[] {
  const members = declaredGrants(r).flatMap((g) => g.members);
  const agents = members.flatMap((m) => {
    const match = AGENT_MEMBER.exec(m);
    return match ? [{ member: m, subdomain: match[1] }] : [];
  });
  if (!agents.length) return [];
  return agents.flatMap(({ member, subdomain }) => {
    const fact = agentOfSubdomain(subdomain);
    const creator: AgentCreator = fact?.createdBy ?? "identity";
    const prefixes = CREATOR_TYPES[creator];
    if (waitsForAny(doc, r, (a) => creates(doc, a, prefixes, fact?.api))) return [];
    const what = prefixes.map((p) => p.replace(/\.$/, "")).join(" or ");
    return [`grants ${member} before anything creates that service agent (allowed: the grant depends on ${what}${fact ? ` for ${fact.api}` : ""})`];
  });
}

export const deployServiceAgentRule: Rule = {
  id: "SOV-DEP-001",
  severity: "error",
  title: "A grant to a Google-managed service agent waits for the agent's creation",
  why: "Google creates most service agents lazily; a grant to an agent that does not exist yet fails the apply on a new project",
  fix: `Create the agent first (google_project_service_identity, or the data sources google_storage_project_service_account / google_bigquery_default_service_account) and make the grant depend on it; known agents: ${Object.keys(SERVICE_AGENTS).join(", ")}`,
  scope: "stack",
  check: (docs) => eachResourceOfType(docs, isMemberOrBindingType, (r, doc) => problems(doc, r)),
};
