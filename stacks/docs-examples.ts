/**
 * The examples shown in docs/ (bill of materials, SARIF, pipelines),
 * generated from the embedded default config so that they never go stale:
 * `npm run docs:examples` writes them, a test checks they are current.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseExistingPolicies } from "../lib/adopt/policy-export";
import { reviewExistingPolicies, reviewToMarkdown } from "../lib/adopt/policy-review";
import { buildBom } from "../lib/bom/build";
import { bomToMarkdown } from "../lib/bom/markdown";
import { reportToSarif } from "../lib/checks/sarif";
import { checkDocuments, loadDocuments } from "../lib/cli/check";
import { pipelinePlanOf, renderPipeline } from "../lib/cli/pipeline";
import { parseConfigText, validateConfig } from "../lib/config/load";
import { reviewFactsOf } from "../lib/config/adopt";
import type { LandingZoneConfig } from "../lib/config/schema";
import type { TfDocument } from "../lib/checks/types";
import { fastSynthesis } from "../lib/core";
import { dashboardHtml } from "../lib/dashboard/html";
import { PROFILES } from "../lib/profiles/profile";
import { buildApp } from "./app";
import { DEFAULT_CONFIG_PATH } from "./default-config";

/** Docs folder of the examples, relative to the repository root. */
export const EXAMPLES_DIR = "docs/examples";

/** Hand-written Terraform the library did not write, checked in the SARIF example. */
export const FOREIGN_EXAMPLE = `${EXAMPLES_DIR}/foreign.tf.json`;

/** An export of organization policies that exist (gcloud org-policies describe --format=json, joined), reviewed in the brownfield example. */
export const EXISTING_POLICIES_EXAMPLE = `${EXAMPLES_DIR}/existing-org-policies.json`;

/** What the pipeline example adds to the default config: shared state, the pipeline identities, ministere-a's deployer. */
export const PIPELINE_ADDITIONS = {
  state: { backend: "gcs", bucket: "slz-tfstate-paris" },
  pipeline: {
    workloadIdentityProvider: "projects/123456789012/locations/global/workloadIdentityPools/sovereign-lz/providers/ci-oidc",
    operatorServiceAccount: "ci-operator@op-key-custody.iam.gserviceaccount.com",
    platformServiceAccount: "ci-platform@slz-ci.iam.gserviceaccount.com",
    maxParallel: 20,
  },
  ministereADeployer: "deployer@slz-ministere-a-prod.iam.gserviceaccount.com",
} as const;

/** What the dashboard example adds: a guardrail waiver in the landing zone, and the foreign file beside it. */
export const DASHBOARD_WAIVER = { group: "baseline", reason: "pilot tenant migrating from a legacy VPC until 2027-03 (ticket OPS-42)" } as const;
/** The date the dashboard example judges waivers on (fixed, so the example does not change every day). */
export const DASHBOARD_AS_OF = "2026-11-23";

/** The documents synthesized from a config. */
function synthesized(config: LandingZoneConfig): TfDocument[] {
  const outdir = mkdtempSync(join(tmpdir(), "lz-docs-"));
  try {
    fastSynthesis(() => buildApp(config, outdir).app.synth());
    return loadDocuments(outdir).map((d) => ({ ...d, file: undefined }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every example file, by path relative to the repository root. */
export function docsExamples(root: string): Record<string, string> {
  const text = readFileSync(DEFAULT_CONFIG_PATH, "utf8");
  const config = validateConfig(parseConfigText(text, DEFAULT_CONFIG_PATH), DEFAULT_CONFIG_PATH);
  const context = { profile: PROFILES[config.profile], operatorProjectId: config.operator.projectId };
  const defaultDocs = synthesized(config);
  const bomMarkdown = bomToMarkdown(buildBom(defaultDocs, context));
  const existing = parseExistingPolicies(readFileSync(join(root, EXISTING_POLICIES_EXAMPLE), "utf8"), EXISTING_POLICIES_EXAMPLE);
  const review = reviewToMarkdown(reviewExistingPolicies(defaultDocs, existing, reviewFactsOf(config)), [EXISTING_POLICIES_EXAMPLE]);

  const foreign = loadDocuments(join(root, FOREIGN_EXAMPLE)).map((d) => ({ ...d, file: undefined }));
  const { report } = checkDocuments(foreign, context);
  const sarif = reportToSarif(report, {
    artifacts: { [foreign[0].stack]: { uri: FOREIGN_EXAMPLE, text: readFileSync(join(root, FOREIGN_EXAMPLE), "utf8") } },
  });

  const waived = validateConfig({
    ...(parseConfigText(text, DEFAULT_CONFIG_PATH) as object),
    guardrails: { waivers: [DASHBOARD_WAIVER] },
  });
  const dashboardDocs = [...synthesized(waived), ...foreign];
  const dashboard = dashboardHtml(checkDocuments(dashboardDocs, context).report, buildBom(dashboardDocs, context), { asOf: DASHBOARD_AS_OF });

  const raw = parseConfigText(text, DEFAULT_CONFIG_PATH) as Record<string, any>;
  const { ministereADeployer, ...additions } = PIPELINE_ADDITIONS;
  Object.assign(raw, structuredClone(additions));
  raw.tenants.find((t: { id: string }) => t.id === "ministere-a").deployer = ministereADeployer;
  const plan = pipelinePlanOf(validateConfig(raw), "landing-zone.yaml");

  return {
    [`${EXAMPLES_DIR}/sovereignty-bom.md`]: bomMarkdown,
    [`${EXAMPLES_DIR}/foreign.sarif.json`]: `${JSON.stringify(sarif, null, 2)}\n`,
    [`${EXAMPLES_DIR}/github-workflow.yml`]: renderPipeline("github", plan),
    [`${EXAMPLES_DIR}/gitlab-ci.yml`]: renderPipeline("gitlab", plan),
    [`${EXAMPLES_DIR}/dashboard.html`]: dashboard,
    [`${EXAMPLES_DIR}/existing-policies.md`]: review,
  };
}
