/** Every API the landing zone enables on S3NS has a row, with S3NS's own page, in docs/deployment.md ("Which APIs ... on S3NS"). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KMS_SERVICES } from "../../lib/catalog/kms-services";
import { evaluate } from "../../lib/checks/engine";
import { deployUniverseOffersRule } from "../../lib/checks/rules/deploy-universe-offers";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { profileOf } from "../../lib/profiles/profile";
import { configWith, resourcesOfType, synthAll, toS3ns, type TfJson } from "../helpers";

const SECTION = "### Which APIs the landing zone enables on S3NS";

/** The APIs of the section's table, each with whether the row says **unverified**. */
function documentedApis(markdown: string): Map<string, boolean> {
  const start = markdown.indexOf(SECTION);
  if (start < 0) throw new Error(`docs/deployment.md: no section "${SECTION}"`);
  const body = markdown.slice(start + SECTION.length).split(/\n#{2,3} /)[0];
  const rows = new Map<string, boolean>();
  for (const line of body.split("\n")) {
    const api = /^\| `([a-z0-9-]+\.googleapis\.com)` /.exec(line)?.[1];
    if (api) rows.set(api, line.includes("**unverified**"));
  }
  return rows;
}

/** APIs a synthesized landing zone enables that the table does not list. */
function undocumented(stacks: Record<string, TfJson>, rows: Map<string, boolean>): string[] {
  const enabled = Object.values(stacks).flatMap((json) => resourcesOfType(json, "google_project_service").map((s) => s.service as string));
  return [...new Set(enabled)].filter((api) => !rows.has(api)).sort();
}

describe("APIs the s3ns landing zone enables", () => {
  const rows = documentedApis(readFileSync(join(__dirname, "../../docs/deployment.md"), "utf8"));
  const everything = synthAll(
    configWith((c) => {
      toS3ns(c);
      c.operator.keyProtection = "EXTERNAL_VPC";
      for (const tenant of c.tenants) tenant.services = [...KMS_SERVICES];
    }),
  );

  it("each have S3NS's documentation in docs/deployment.md", () => {
    expect(rows.size).toBeGreaterThanOrEqual(KMS_SERVICES.length);
    expect(undocumented(everything, rows)).toEqual([]);
  });

  it("are all verified, EXTERNAL_VPC keys' Service Directory included; a row marked unverified is reported", () => {
    const unverified = (stacks: Record<string, TfJson>, table = rows) =>
      Object.values(stacks)
        .flatMap((json) => resourcesOfType(json, "google_project_service").map((s) => s.service as string))
        .filter((api) => table.get(api) === true);
    expect(unverified(synthAll(configWith(toS3ns)))).toEqual([]);
    expect(unverified(everything)).toEqual([]);
    const marked = new Map(rows).set("servicedirectory.googleapis.com", true);
    expect([...new Set(unverified(everything, marked))]).toEqual(["servicedirectory.googleapis.com"]);
  });

  it("reports an API without a row, and a table without the section", () => {
    const stacks = {
      t: { resource: { google_project_service: { a: { service: "dns.googleapis.com" }, b: { service: "cloudkms.googleapis.com" } } } },
    };
    expect(undocumented(stacks, rows)).toEqual(["dns.googleapis.com"]);
    expect(() => documentedApis("# nothing here")).toThrow(/no section/);
  });

  it("ask only for what the universe offers: no SOV-DEP-008 finding on the s3ns landing zone", () => {
    const docs = Object.entries(everything).map(([name, json]) => documentFromConfig(json, name));
    const findings = evaluate(
      docs,
      { profile: profileOf("s3ns"), operatorProjectId: "op-key-custody" },
      { rules: [deployUniverseOffersRule] },
    ).findings;
    expect(findings).toEqual([]);
  });
});
