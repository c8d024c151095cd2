import { deepFreeze } from "../freeze";

/**
 * Configuration that exists only at `global`: the one case where a location
 * attribute may hold `global` outside a profile whose boundary includes it
 * (docs/sovereignty-checks.md, "`global` on configuration that holds no data").
 *
 * A type (or the variant an attribute selects) is listed only when both hold:
 * - Google documents `global` as the only location its API accepts (`source`):
 *   there is no region to choose, and `gcp.resourceLocations` "does not affect
 *   where global resources [...] are created"
 *   (https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations, "Limitations");
 * - it holds no customer data: the catalog's scope of the type is `meta`
 *   (hierarchy, IAM, policy, network configuration), the one place that fact lives.
 *
 * Everything else at `global` stays a SOV-LOC-001 finding (fail closed): a type
 * not listed, a listed type in its other variants, a type whose API also offers
 * regions (a GKE fleet membership: choose the region), an unresolved value.
 */
export interface GlobalOnlyConfig {
  /** The location attribute that holds `global`. */
  readonly path: string;
  /** The variant: one of these blocks must be set (a VPC spoke's `linked_vpc_network`). @default - every resource of the type */
  readonly when?: readonly string[];
  /** The other variants' blocks: with one of them set beside `when`'s, the resource is that variant too (a VPC spoke that also links VPN tunnels). */
  readonly otherVariants?: readonly string[];
  /** Why `global` is its only location, with Google's documentation (a URL). */
  readonly reason: string;
}

export const GLOBAL_ONLY_CONFIG: Readonly<Record<string, GlobalOnlyConfig>> = deepFreeze({
  google_network_connectivity_spoke: {
    path: "location",
    when: ["linked_vpc_network"],
    otherVariants: ["linked_interconnect_attachments", "linked_producer_vpc_network", "linked_router_appliance_instances", "linked_vpn_tunnels"],
    reason:
      "a VPC spoke attaches a VPC network, which is global, to a hub: routes, no data. " +
      '"VPC spokes are global because VPC networks are global" ' +
      "(https://cloud.google.com/network-connectivity/docs/network-connectivity-center/concepts/vpc-spoke-admin); " +
      "hybrid spokes (VPN tunnels, VLAN attachments, router appliances) are regional and are not listed",
  },
  google_gke_hub_feature: {
    path: "location",
    reason:
      'a fleet feature\'s settings: "Feature is only available in global region while membership is global region and all the regions" ' +
      "(https://cloud.google.com/ruby/docs/reference/google-cloud-gke_hub-v1/latest/Google-Cloud-GkeHub-V1-GkeHub); " +
      "memberships, which may be regional, are not listed",
  },
  google_gke_hub_feature_membership: {
    path: "location",
    reason:
      "a fleet feature's settings for one membership, at the feature's location, which is global only " +
      "(https://cloud.google.com/ruby/docs/reference/google-cloud-gke_hub-v1/latest/Google-Cloud-GkeHub-V1-GkeHub)",
  },
});

/**
 * Whether `global` at `path` of a resource of `type` is global-only configuration: the variant's block is set, and
 * no other variant's is set or `unknown` (a plan's block known only after apply may be another variant's).
 */
export function isGlobalOnlyConfig(type: string, path: string, body: Record<string, unknown>, unknown: readonly string[] = []): boolean {
  const entry = Object.prototype.hasOwnProperty.call(GLOBAL_ONLY_CONFIG, type) ? GLOBAL_ONLY_CONFIG[type] : undefined;
  if (!entry || entry.path !== path) return false;
  if ((entry.otherVariants ?? []).some((block) => isSet(body[block]) || unknown.includes(block))) return false;
  return !entry.when || entry.when.some((block) => isSet(body[block]));
}

/** A block is set when it is an object, or a list holding one (`[]` and `null` are not). */
const isSet = (value: unknown): boolean =>
  Array.isArray(value) ? value.some((v) => v !== null && typeof v === "object") : value !== null && typeof value === "object";
