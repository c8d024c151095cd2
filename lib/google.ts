/**
 * The one module through which the library imports Google provider classes,
 * always by deep path (the package barrel costs about 3 s per process).
 * A move to another provider binding changes this file only.
 */
export { GoogleProvider } from "@cdktf/provider-google/lib/provider";
export { Folder } from "@cdktf/provider-google/lib/folder";
export { Project } from "@cdktf/provider-google/lib/project";
export { ProjectService } from "@cdktf/provider-google/lib/project-service";
export { KmsKeyRing } from "@cdktf/provider-google/lib/kms-key-ring";
export { KmsCryptoKey } from "@cdktf/provider-google/lib/kms-crypto-key";
export { KmsCryptoKeyIamMember } from "@cdktf/provider-google/lib/kms-crypto-key-iam-member";
export { KmsCryptoKeyVersion } from "@cdktf/provider-google/lib/kms-crypto-key-version";
export { KmsEkmConnection } from "@cdktf/provider-google/lib/kms-ekm-connection";
export { KmsKeyRingIamMember } from "@cdktf/provider-google/lib/kms-key-ring-iam-member";
export { ProjectIamCustomRole } from "@cdktf/provider-google/lib/project-iam-custom-role";
export { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
export { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
export { OrgPolicyPolicy } from "@cdktf/provider-google/lib/org-policy-policy";
export { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
export { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
export { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
export { ComputeRouter } from "@cdktf/provider-google/lib/compute-router";
export { ComputeRouterNat } from "@cdktf/provider-google/lib/compute-router-nat";
export { LoggingProjectBucketConfig } from "@cdktf/provider-google/lib/logging-project-bucket-config";
export { LoggingFolderSink } from "@cdktf/provider-google/lib/logging-folder-sink";
export { LoggingFolderSettings } from "@cdktf/provider-google/lib/logging-folder-settings";
export { DataGoogleLoggingProjectCmekSettings } from "@cdktf/provider-google/lib/data-google-logging-project-cmek-settings";
export { DataGoogleLoggingFolderSettings } from "@cdktf/provider-google/lib/data-google-logging-folder-settings";
export { FolderIamMember } from "@cdktf/provider-google/lib/folder-iam-member";
export { FolderIamAuditConfig } from "@cdktf/provider-google/lib/folder-iam-audit-config";
export { EssentialContactsContact } from "@cdktf/provider-google/lib/essential-contacts-contact";
export { FolderAccessApprovalSettings } from "@cdktf/provider-google/lib/folder-access-approval-settings";
export { AssuredWorkloadsWorkload } from "@cdktf/provider-google/lib/assured-workloads-workload";
export { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
export { BigqueryDataset } from "@cdktf/provider-google/lib/bigquery-dataset";
export { PubsubTopic } from "@cdktf/provider-google/lib/pubsub-topic";
export { SecretManagerRegionalSecret } from "@cdktf/provider-google/lib/secret-manager-regional-secret";
export { ArtifactRegistryRepository } from "@cdktf/provider-google/lib/artifact-registry-repository";
export { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member";
export { BigqueryDatasetIamMember } from "@cdktf/provider-google/lib/bigquery-dataset-iam-member";
export { PubsubTopicIamMember } from "@cdktf/provider-google/lib/pubsub-topic-iam-member";
export { SecretManagerRegionalSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-regional-secret-iam-member";
export { ArtifactRegistryRepositoryIamMember } from "@cdktf/provider-google/lib/artifact-registry-repository-iam-member";
export { ComputeDisk } from "@cdktf/provider-google/lib/compute-disk";
export { ComputeDiskIamMember } from "@cdktf/provider-google/lib/compute-disk-iam-member";
export { SqlDatabaseInstance, type SqlDatabaseInstanceSettingsIpConfiguration } from "@cdktf/provider-google/lib/sql-database-instance";
export { ComputeGlobalAddress } from "@cdktf/provider-google/lib/compute-global-address";
export { ServiceNetworkingConnection } from "@cdktf/provider-google/lib/service-networking-connection";
export { DataGoogleStorageProjectServiceAccount } from "@cdktf/provider-google/lib/data-google-storage-project-service-account";
export { DataGoogleBigqueryDefaultServiceAccount } from "@cdktf/provider-google/lib/data-google-bigquery-default-service-account";
