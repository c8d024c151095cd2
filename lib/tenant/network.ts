import { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import { fieldProblem, IPV4_CIDR } from "../field-rules";
import { PROFILE_NAMES, PROFILE_REGIONS, PROFILES } from "../profiles/profile";
import { ComputeFirewall, ComputeNetwork, ComputeRouter, ComputeRouterNat, ComputeSubnetwork } from "../google";

/** The range Identity-Aware Proxy connects from (TCP forwarding). */
export const IAP_RANGE = "35.235.240.0/20";

export interface TenantNetworkProps {
  /** Project of the network. */
  readonly projectId: string;
  /** The region: the only one with a subnet. */
  readonly region: string;
  /** Primary range of the subnet. */
  readonly subnet: string;
  /** Cloud NAT for outbound access from private VMs. @default false */
  readonly nat?: boolean;
  /** Allow SSH from Identity-Aware Proxy only; not on `s3ns`, which has no IAP TCP forwarding. @default false */
  readonly iapSsh?: boolean;
  /** VPC flow logs. @default true */
  readonly flowLogs?: boolean;
  /** Resources to create first (the Compute API). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Paris-only VPC: one regional subnet with Private Google Access, no
 * external IPs (the guardrails forbid them), all ingress denied except the
 * openings asked for, optional Cloud NAT in the region.
 */
export class TenantNetwork extends Construct {
  readonly network: ComputeNetwork;
  readonly subnetwork: ComputeSubnetwork;

  constructor(scope: Construct, id: string, props: TenantNetworkProps) {
    super(scope, id);
    const problem = fieldProblem(IPV4_CIDR, "subnet", props.subnet);
    if (problem) throw new Error(`${this.node.path}: ${problem}`);
    const { projectId: project, region } = props;
    if (!PROFILE_REGIONS.includes(region))
      throw new Error(
        `${this.node.path}: region: ${JSON.stringify(region)} is outside the sovereign boundary (allowed: ${PROFILE_REGIONS.join(", ")})`,
      );
    const profile = PROFILE_NAMES.map((n) => PROFILES[n]).find((p) => p.region === region);
    if (props.iapSsh && profile && !profile.compute.iapTcpForwarding) {
      throw new Error(`${this.node.path}: iapSsh: is not available on profile ${profile.name}, which has no IAP TCP forwarding (allowed: false)`);
    }
    this.network = new ComputeNetwork(this, "vpc", {
      project,
      name: "vpc",
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
      dependsOn: props.dependsOn,
    });
    this.subnetwork = new ComputeSubnetwork(this, "subnet", {
      project,
      name: `subnet-${region}`,
      region,
      network: this.network.id,
      ipCidrRange: props.subnet,
      privateIpGoogleAccess: true,
      logConfig:
        props.flowLogs === false ? undefined : { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
    });
    new ComputeFirewall(this, "deny-all-ingress", {
      project,
      name: "deny-all-ingress",
      network: this.network.id,
      direction: "INGRESS",
      priority: 65534,
      sourceRanges: ["0.0.0.0/0"],
      deny: [{ protocol: "all" }],
      logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    });
    if (props.iapSsh) {
      new ComputeFirewall(this, "allow-iap-ssh", {
        project,
        name: "allow-iap-ssh",
        network: this.network.id,
        direction: "INGRESS",
        priority: 1000,
        sourceRanges: [IAP_RANGE],
        allow: [{ protocol: "tcp", ports: ["22"] }],
      });
    }
    if (props.nat) {
      const router = new ComputeRouter(this, "router", { project, name: "router", region, network: this.network.id });
      new ComputeRouterNat(this, "nat", {
        project,
        name: "nat",
        region,
        router: router.name,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
        logConfig: { enable: true, filter: "ERRORS_ONLY" },
      });
    }
  }
}
