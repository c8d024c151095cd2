// Waiving a boundary rule of a Sovereign* construct: a waiver of the rule-pack rule, with a written reason the report lists.
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
  waivers: [{ ruleId: "SOV-LOC-001", reason: "read-only copy of the 2019 archive, deleted after migration (ticket OPS-42)", expires: "2027-01-31" }],
});

app.synth();
