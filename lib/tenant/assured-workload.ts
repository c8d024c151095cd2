import { Construct } from "constructs";
import { assertPlainText } from "../field-rules";
import { AssuredWorkloadsWorkload } from "../google";
import { assertLibraryProfile, type SovereigntyProfile } from "../profiles/profile";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Resource type of the folder an Assured Workloads workload creates for its projects. */
const CONSUMER_FOLDER = "CONSUMER_FOLDER";

export interface TenantAssuredWorkloadProps extends ProtectProps {
  readonly profile: SovereigntyProfile;
  readonly organizationId: string;
  readonly billingAccount: string;
  readonly displayName: string;
  /** Where the workload's folder is created: `folders/<id>` of the tenant folder. */
  readonly parentFolder: string;
}

/**
 * Assured Workloads with S3NS local controls (`paris` only): a folder whose
 * projects Google operates under the partner's controls in `europe-west9`.
 */
export class TenantAssuredWorkload extends Construct {
  readonly workload: AssuredWorkloadsWorkload;

  constructor(scope: Construct, id: string, props: TenantAssuredWorkloadProps) {
    super(scope, id);
    assertLibraryProfile(this.node.path, props.profile);
    assertPlainText(this.node.path, { displayName: props.displayName });
    if (!props.profile.assuredWorkloads) {
      throw new Error(`${this.node.path}: Assured Workloads is not available on profile ${props.profile.name} (allowed: paris)`);
    }
    this.workload = new AssuredWorkloadsWorkload(this, "workload", {
      organization: props.organizationId,
      location: props.profile.region,
      displayName: props.displayName,
      complianceRegime: "ASSURED_WORKLOADS_FOR_PARTNERS",
      partner: "LOCAL_CONTROLS_BY_S3NS",
      billingAccount: `billingAccounts/${props.billingAccount}`,
      provisionedResourcesParent: props.parentFolder,
      resourceSettings: [{ resourceType: CONSUMER_FOLDER, displayName: props.displayName }],
    });
    applyProtection(this.workload, props.protect);
  }

  /**
   * The workload's folder (`folders/<id>`), which holds the tenant's
   * projects: the entry of `resources` whose `resource_type` is
   * `CONSUMER_FOLDER` (the API lists the folder with the other provisioned
   * resources, in no documented order).
   */
  get folder(): string {
    return `folders/\${one([for r in ${this.workload.fqn}.resources : r.resource_id if r.resource_type == "${CONSUMER_FOLDER}"])}`;
  }
}
