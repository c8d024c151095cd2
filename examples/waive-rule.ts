// Waiving one rule on one resource: a reason of at least 10 characters, optionally one attribute and a last day; written into the JSON, re-validated by the engine, listed in the report.
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { App } from "cdktf";
import { SovereignStack, TenantKeyRefs, profileOf, waive } from "sovereign-landing-zone";

const app = new App();
const profile = profileOf("paris");
const stack = new SovereignStack(app, "archive", { profile, operatorProjectId: "op-key-custody" });
const keys = new TenantKeyRefs({ profile, operatorProjectId: "op-key-custody", tenantId: "ministere-a", services: ["storage"] });

const archiveBucket = new StorageBucket(stack, "archive", {
  project: "slz-ministere-a-prod",
  name: "slz-ministere-a-prod-archive",
  location: "EU",
  uniformBucketLevelAccess: true,
  encryption: { defaultKmsKeyName: keys.keyId("storage") },
});
waive(archiveBucket, {
  ruleId: "SOV-LOC-001",
  reason: "dual-region archive approved by the RSSI, ticket SEC-42",
  attribute: "location",
  expires: "2027-06-30",
});

app.synth();
