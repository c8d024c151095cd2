/**
 * Deploy readiness: a Cloud SQL instance with a private IP waits for the
 * Private Services Access of its network (a reserved range peered through
 * `google_service_networking_connection`); without it the instance cannot
 * get an address in the VPC (docs/deployment.md, "Cloud SQL").
 */
import type { Rule, TfDocument, TfResource } from "../types";
import { eachResource } from "./helpers";
import { block, waitsForAny } from "./deploy-graph";

function problems(doc: TfDocument, r: TfResource): string[] {
  if (r.type !== "google_sql_database_instance") return [];
  const network = block(block(r.body.settings)?.ip_configuration)?.private_network;
  if (network === undefined || network === null || network === "") return [];
  if (waitsForAny(doc, r, (a) => a.startsWith("google_service_networking_connection."))) return [];
  return [
    `has a private IP on ${network} but waits for no google_service_networking_connection (allowed: depends_on the network's Private Services Access)`,
  ];
}

export const deploySqlPrivateIpRule: Rule = {
  id: "SOV-DEP-003",
  severity: "error",
  title: "A Cloud SQL instance with a private IP waits for its network's Private Services Access",
  why: "A private IP is allocated from a range reserved for Google's services and peered with the VPC; without the peering the instance creation fails",
  fix: "Reserve a range (google_compute_global_address, purpose VPC_PEERING) and create google_service_networking_connection, then make the instance depend on it (SovereignSqlInstance privateServiceAccess)",
  scope: "stack",
  check: (docs) => eachResource(docs, (r, doc) => problems(doc, r)),
};
