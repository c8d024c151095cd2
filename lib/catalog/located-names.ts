/**
 * Attributes that name another resource by its full name (`projects/P/locations/L/...`) where the resource works:
 * it is created inside that resource, sends requests or data to it, or runs what it deploys there. The named
 * resource's `locations/L` segment is then where the resource's data goes, whatever its own location, so SOV-LOC-001
 * judges that segment as a location (a value it cannot resolve, or one that names no location, is a finding). A
 * reference to a resource of the checked stacks whose type carries a location, or a located name of its own, is judged
 * there. Keys (`kms_key_name`, `crypto_key` of a CMEK) are the key rules' and data copies (backups, exports)
 * SOV-DATA-001's (data-destinations.ts); this table holds the other names a location hides in.
 */
import { deepFreeze } from "../freeze";

export interface LocatedName {
  /** Dot path of the attribute (snake_case, blocks stepped into), a string attribute of the provider's schema. */
  readonly path: string;
  /** What happens where the named resource is, for the finding's message. */
  readonly effect: string;
  /** What the resource does with the named one, and where Google or the provider says so. */
  readonly reason: string;
}

const REGISTRY = "https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources";

/**
 * A resource created inside the parent it names by full name (a KMS key in its key ring, a FHIR store in its healthcare
 * dataset, a Dialogflow CX page in its flow): it is stored in that parent's location, which the provider's documentation
 * gives as `projects/{project}/locations/{location}/...` at the cited attribute. A parent outside the checked stacks is
 * judged by its name.
 */
const parent = (path: string, doc: string): LocatedName => ({
  path,
  effect: "it is created there",
  reason: `created inside the parent its ${path} names (projects/{project}/locations/{location}/...), in that parent's location (${REGISTRY}/${doc}#${path})`,
});
/** Each type's parent attribute, for the types of one family. */
const parents = (path: string, types: readonly string[]): Record<string, readonly LocatedName[]> =>
  Object.fromEntries(types.map((type) => [type, [parent(path, type.replace(/^google_/, ""))]]));

const METASTORE = (path: string): LocatedName => ({
  path,
  effect: "the cluster's table metadata is kept there",
  reason: `the Hive metastore the cluster reads and writes its tables' metadata in, a resource name projects/[project_id]/locations/[dataproc_region]/services/[service-name] (${REGISTRY}/dataproc_cluster#dataproc_metastore_service; https://cloud.google.com/python/docs/reference/dataproc/latest/google.cloud.dataproc_v1.types.MetastoreConfig)`,
});

const FHIR_DESTINATION = (path: string): LocatedName => ({
  path,
  effect: "the pipeline writes its FHIR resources there",
  reason: `the FHIR store the pipeline writes its output to, project/{projectID}/locations/{locationID}/datasets/{datasetName}/fhirStores/{fhirStoreID} (${REGISTRY}/healthcare_pipeline_job#fhir_store_destination)`,
});

// Shared by every check: nobody may change the table (`LOCATED_NAMES.google_kms_ekm_connection.length = 0`).
export const LOCATED_NAMES: Readonly<Record<string, readonly LocatedName[]>> = deepFreeze({
  google_kms_crypto_key: [
    parent("key_ring", "kms_crypto_key"),
    {
      path: "crypto_key_backend",
      effect: "every operation of its EXTERNAL_VPC versions goes through the EKM connection there",
      reason: `the backend environment of all its versions, an EKM connection named projects/*/locations/*/ekmConnections/* (${REGISTRY}/kms_crypto_key#crypto_key_backend), used for 'performing cryptographic operations using keys created within the EkmConnection' (https://cloud.google.com/ruby/docs/reference/google-cloud-kms-v1/latest/Google-Cloud-Kms-V1-EkmConnection)`,
    },
  ],
  google_kms_key_ring_import_job: [parent("key_ring", "kms_key_ring_import_job")],
  google_kms_crypto_key_version: [parent("crypto_key", "kms_crypto_key_version")],
  google_kms_secret_ciphertext: [
    {
      path: "crypto_key",
      effect: "the plaintext is sent there to be encrypted",
      reason: `the key the plaintext is encrypted with, by a call to Cloud KMS in the key's location (${REGISTRY}/kms_secret_ciphertext#crypto_key)`,
    },
  ],
  google_kms_ekm_connection: [
    {
      path: "service_resolvers.service_directory_service",
      effect: "Cloud KMS reaches the external key manager through it",
      reason: `the Service Directory service, projects/*/locations/*/namespaces/*/services/*, "pointing to an EKM replica": Cloud KMS resolves the EKM through it for every request on the connection's keys (${REGISTRY}/kms_ekm_connection#service_directory_service; https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.ekmConnections; https://cloud.google.com/kms/docs/ekm-virtual-private-cloud)`,
    },
  ],
  ...parents("cluster", ["google_alloydb_instance", "google_alloydb_user"]),
  ...parents("dataset", [
    "google_healthcare_consent_store",
    "google_healthcare_dicom_store",
    "google_healthcare_fhir_store",
    "google_healthcare_hl7_v2_store",
    "google_healthcare_workspace",
  ]),
  ...parents(
    "parent",
    [
      "entity_type",
      "environment",
      "flow",
      "generative_settings",
      "generator",
      "intent",
      "page",
      "playbook",
      "test_case",
      "tool",
      "version",
      "webhook",
    ].map((t) => `google_dialogflow_cx_${t}`),
  ),
  ...parents(
    "parent",
    ["cluster", "external_access_rule", "external_address", "subnet"].map((t) => `google_vmwareengine_${t}`),
  ),
  ...parents("featurestore", ["google_vertex_ai_featurestore_entitytype"]),
  ...parents("entitytype", ["google_vertex_ai_featurestore_entitytype_feature"]),
  google_dataproc_cluster: [
    METASTORE("cluster_config.metastore_config.dataproc_metastore_service"),
    METASTORE("virtual_cluster_config.auxiliary_services_config.metastore_config.dataproc_metastore_service"),
  ],
  google_healthcare_pipeline_job: [
    FHIR_DESTINATION("mapping_pipeline_job.fhir_store_destination"),
    FHIR_DESTINATION("reconciliation_pipeline_job.fhir_store_destination"),
  ],
  google_clouddeploy_target: [
    {
      path: "gke.cluster",
      effect: "releases are deployed and run there",
      reason: `the GKE cluster the target deploys to, projects/{project_id}/locations/{location_id}/clusters/{cluster_id} (${REGISTRY}/clouddeploy_target#cluster)`,
    },
  ],
  google_eventarc_trigger: [
    {
      path: "destination.workflow",
      effect: "the trigger's events are delivered there",
      reason: `the workflow "whose Executions are triggered by the events", projects/{project}/locations/{location}/workflows/{workflow} (${REGISTRY}/eventarc_trigger#workflow)`,
    },
  ],
});

/** The located names of a type, or none. */
export function locatedNamesOf(type: string): readonly LocatedName[] {
  return Object.prototype.hasOwnProperty.call(LOCATED_NAMES, type) ? LOCATED_NAMES[type] : [];
}
