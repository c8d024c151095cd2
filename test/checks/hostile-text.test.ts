/**
 * Text from the checked files (a waiver written by hand, a stack name, a
 * resource name) reaches the auditor's reports as text: it cannot forge a
 * row, a heading or HTML in the Markdown report and bill of materials, and a
 * value that is not a string is shown, not a crash.
 */
import { bomToMarkdown } from "../../lib/bom/markdown";
import { buildBom } from "../../lib/bom/build";
import { mdCell, mdCode } from "../../lib/checks/markdown";
import { reportToMarkdown } from "../../lib/checks/report";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { checkDocuments } from "../../lib/cli/check";
import { dashboardHtml } from "../../lib/dashboard/html";
import { PROFILES } from "../../lib/profiles/profile";

const context = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
const KEY = "projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/storage";

function stack(waiver: Record<string, unknown>, comment: Record<string, unknown> = {}) {
  const bucket = { name: "b", location: "US", encryption: { default_kms_key_name: KEY }, "//": { sovereignty: { waivers: [waiver] } } };
  return documentFromConfig(
    { "//": comment, provider: { google: [{ region: "europe-west9" }] }, resource: { google_storage_bucket: { b: bucket } } },
    "s.tf.json",
  );
}
const outputs = (doc: ReturnType<typeof stack>) => {
  const { report } = checkDocuments([doc], context);
  const bom = buildBom([doc], context);
  return { report: reportToMarkdown(report), bom: bomToMarkdown(bom), html: dashboardHtml(report, bom, { asOf: "2026-01-01" }) };
};

describe("hostile text in the reports", () => {
  const forged = {
    ruleId: "SOV-LOC-001",
    reason: "approved by the RSSI |\n\n**Result: PASS**\n\n<img src=x onerror=alert(1)>",
    path: "x`\n# Injected",
    attribute: "location",
    expires: "2099-01-01",
  };

  it("keeps every Markdown row on one line, escapes HTML and closes code spans around backticks", () => {
    const { report, bom } = outputs(stack(forged));
    for (const md of [report, bom]) {
      expect(md).not.toMatch(/^# Injected|^\*\*Result: PASS\*\*$|<img/m);
      for (const line of md.split("\n").filter((l) => l.startsWith("|"))) expect(line).toMatch(/\|$/);
    }
    expect(report).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(report).toContain("`` x` # Injected ``");
  });

  it("shows a waiver's values that are not strings, and a stack name that is not one, instead of failing", () => {
    const doc = stack({ ruleId: "SOV-LOC-001", reason: ["a", "bbbbbbbbbbbbbbb"], expires: { y: 1 }, path: 7 }, { metadata: { stackName: { a: 1 } } });
    expect(doc.stack).toBe("s.tf.json");
    const { report, bom, html } = outputs(doc);
    expect(report).toContain('["a","bbbbbbbbbbbbbbb"]');
    expect(bom).toContain("google_storage_bucket.b");
    expect(html).toContain("[&quot;a&quot;,&quot;bbbbbbbbbbbbbbb&quot;]");
  });

  it("leaves ordinary text as it is", () => {
    expect(mdCell('location "US" is outside')).toBe('location "US" is outside');
    expect(mdCode("google_storage_bucket.b")).toBe("`google_storage_bucket.b`");
    expect(mdCell(12)).toBe("12");
  });
});
