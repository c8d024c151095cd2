import type { Construct } from "constructs";
import { BigqueryDataset, BigqueryDatasetIamMember } from "../google";
import { assertPlainText } from "../field-rules";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** BigQuery dataset ids: letters, digits and underscores, at most 1024. */
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;

export interface SovereignDatasetProps extends SovereignWorkloadProps, ProtectProps {
  /** Dataset id. */
  readonly datasetId: string;
  /** Location: the region. @default - the profile's region */
  readonly location?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Days after which new tables expire. @default - never */
  readonly defaultTableExpirationDays?: number;
}

/**
 * A BigQuery dataset in the region whose default key is the tenant's
 * operator-held BigQuery key: tables created in it inherit the key. Its
 * contents are never deleted with it, and it is protected from destroy (`protect`).
 */
export class SovereignDataset extends SovereignWorkload {
  /** The underlying `google_bigquery_dataset`. */
  readonly dataset: BigqueryDataset;

  constructor(scope: Construct, id: string, props: SovereignDatasetProps) {
    super(scope, id, props, "bigquery", { field: "location", value: props.location });
    assertPlainText(this.node.path, { description: props.description });
    this.boundary.name("datasetId", props.datasetId, DATASET_ID, "1 to 1024 letters, digits or underscores");
    this.dataset = new BigqueryDataset(this, "dataset", {
      project: this.project,
      datasetId: props.datasetId,
      location: this.location,
      description: props.description,
      labels: props.context.labels,
      defaultTableExpirationMs: props.defaultTableExpirationDays === undefined ? undefined : props.defaultTableExpirationDays * 86_400_000,
      defaultEncryptionConfiguration: { kmsKeyName: this.kmsKeyName },
      deleteContentsOnDestroy: false,
      dependsOn: this.dependsOn,
    });
    applyProtection(this.dataset, props.protect);
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.dataset;
  }

  /** The dataset id (its name in the project). */
  get datasetId(): string {
    return this.dataset.datasetId;
  }
  /** The dataset's self link. */
  get datasetSelfLink(): string {
    return this.dataset.selfLink;
  }

  /** Lets `member` read the dataset's tables (`roles/bigquery.dataViewer`). */
  grantRead(member: string, id?: string): BigqueryDatasetIamMember {
    return this.grantRole("roles/bigquery.dataViewer", member, id);
  }
  /** Lets `member` read and change the dataset's tables (`roles/bigquery.dataEditor`). */
  grantReadWrite(member: string, id?: string): BigqueryDatasetIamMember {
    return this.grantRole("roles/bigquery.dataEditor", member, id);
  }

  private grantRole(role: string, member: string, id: string | undefined): BigqueryDatasetIamMember {
    return grantOn(this, BigqueryDatasetIamMember, { project: this.project, datasetId: this.datasetId }, role, member, id);
  }
}
