import type { Construct } from "constructs";
import { BigqueryDataset } from "../google";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";

/** BigQuery dataset ids: letters, digits and underscores, at most 1024. */
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;

export interface SovereignDatasetProps extends SovereignWorkloadProps {
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
 * contents are never deleted with it.
 */
export class SovereignDataset extends SovereignWorkload {
  /** The underlying `google_bigquery_dataset`. */
  readonly dataset: BigqueryDataset;

  constructor(scope: Construct, id: string, props: SovereignDatasetProps) {
    super(scope, id, props, "bigquery", { field: "location", value: props.location });
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
  }

  get name(): string {
    return this.dataset.datasetId;
  }
  get id(): string {
    return this.dataset.id;
  }
  get selfLink(): string {
    return this.dataset.selfLink;
  }
}
