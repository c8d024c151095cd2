// Waiving a rule: explicit, per construct and rule, with a written reason the report lists.
import { App } from "cdktf";
import { SovereignBucket, SovereignStack, TenantKeyRefs, profileOf, type TenantContext } from "sovereign-landing-zone";

const app = new App();
const profile = profileOf("paris");
const stack = new SovereignStack(app, "legacy", { profile, operatorProjectId: "op-key-custody" });

const context: TenantContext = {
  profile,
  projectId: "slz-ministere-a-prod",
  keys: new TenantKeyRefs({ profile, operatorProjectId: "op-key-custody", tenantId: "ministere-a", services: ["storage"] }),
};

new SovereignBucket(stack, "legacy", {
  context,
  name: "slz-ministere-a-prod-legacy",
  location: "EU",
  waive: { location: "read-only copy of the 2019 archive, deleted after migration (ticket OPS-42)" },
});

app.synth();
