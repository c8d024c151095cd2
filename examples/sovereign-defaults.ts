// Any other provider resource: sovereignDefaults checks and sets its location and key.
import { LoggingProjectBucketConfig } from "@cdktf/provider-google/lib/logging-project-bucket-config";
import { App } from "cdktf";
import { SovereignStack, TenantKeyRefs, profileOf, sovereignDefaults, type TenantContext } from "sovereign-landing-zone";

const app = new App();
const profile = profileOf("paris");
const stack = new SovereignStack(app, "logs", { profile, operatorProjectId: "op-key-custody" });

const context: TenantContext = {
  profile,
  projectId: "slz-ministere-a-prod",
  keys: new TenantKeyRefs({ profile, operatorProjectId: "op-key-custody", tenantId: "ministere-a", services: ["logging"] }),
};

const logs = new LoggingProjectBucketConfig(stack, "logs", { project: context.projectId, bucketId: "app", location: "europe-west9" });
sovereignDefaults(logs, { context, service: "logging", locationAttribute: "location", keyAttribute: "cmek_settings.kms_key_name" });

app.synth();
