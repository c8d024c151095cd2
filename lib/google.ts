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
export { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
export { BigqueryDataset } from "@cdktf/provider-google/lib/bigquery-dataset";
export { PubsubTopic } from "@cdktf/provider-google/lib/pubsub-topic";
export { SecretManagerRegionalSecret } from "@cdktf/provider-google/lib/secret-manager-regional-secret";
export { ArtifactRegistryRepository } from "@cdktf/provider-google/lib/artifact-registry-repository";
export { ComputeDisk } from "@cdktf/provider-google/lib/compute-disk";
export { SqlDatabaseInstance } from "@cdktf/provider-google/lib/sql-database-instance";
