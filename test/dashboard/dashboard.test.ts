import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBom } from "../../lib/bom/build";
import { checkDocuments, loadDocuments } from "../../lib/cli/check";
import { dashboardHtml, expiryStatus } from "../../lib/dashboard/html";
import { PROFILES } from "../../lib/profiles/profile";
import { configWith, runCli, synthApp } from "../helpers";
import { byId, findAll, parseHtml, textOf, type HtmlElement } from "../support/html";

const context = { profile: PROFILES.paris, operatorProjectId: "op-key-custody" };
const FOREIGN = join(__dirname, "../../docs/examples/foreign.tf.json");

function dashboardOf(paths: string[], options = { asOf: "2026-11-23" }) {
  const docs = paths.flatMap((p) => loadDocuments(p));
  const { report } = checkDocuments(docs, context);
  const bom = buildBom(docs, context);
  return { html: dashboardHtml(report, bom, options), report, bom };
}

const rowsOf = (root: HtmlElement, tableId: string) => findAll(byId(root, tableId), (e) => e.tag === "tr").slice(1);
const withClass = (root: HtmlElement, cls: string) => findAll(root, (e) => (e.attrs.class ?? "").split(" ").includes(cls));

describe("dashboard of the default landing zone", () => {
  const outdir = mkdtempSync(join(tmpdir(), "lz-dash-"));
  synthApp(configWith(), outdir);
  const { html, bom } = dashboardOf([outdir]);
  const page = parseHtml(html);

  it("is one well-formed, self-contained page: no script, no stylesheet link, nothing fetched", () => {
    expect(findAll(page, (e) => ["script", "link", "img", "iframe", "object"].includes(e.tag))).toEqual([]);
    expect(findAll(page, (e) => e.attrs.src !== undefined || e.attrs.href !== undefined)).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/);
    const csp = findAll(page, (e) => e.tag === "meta" && e.attrs["http-equiv"] === "Content-Security-Policy");
    expect(csp[0].attrs.content).toMatch(/^default-src 'none'/);
  });

  it("shows the verdict and the counts", () => {
    expect(textOf(findAll(page, (e) => e.tag === "h1")[0])).toBe("Sovereignty dashboard PASS");
    const card = (label: string) => textOf(findAll(page, (e) => e.attrs["data-card"] === label)[0]);
    expect(card("stacks")).toBe("4stacks");
    expect(card("keys")).toBe(`${bom.keys.length}keys`);
    expect(textOf(byId(page, "findings"))).toContain("No findings.");
  });

  it("draws the custody chain: each owner, each key ring, each key and where its material is held", () => {
    const svg = findAll(byId(page, "custody"), (e) => e.tag === "svg")[0];
    const nodes = (kind: string) => findAll(svg, (e) => e.attrs["data-kind"] === kind).map((g) => textOf(findAll(g, (x) => x.tag === "title")[0]));
    expect(nodes("owner")).toEqual(["platform", "agence-b", "ministere-a"]);
    expect(nodes("ring")).toEqual(["platform", "tenant-agence-b", "tenant-ministere-a"]);
    expect(nodes("key")).toEqual(bom.owners.flatMap((o) => o.keys));
    expect(nodes("holder")).toContain("EKM ekm · v0/keys/ministere-a-storage");
    expect(withClass(svg, "bad")).toEqual([]);
    expect(rowsOf(page, "keys-table")).toHaveLength(bom.keys.length);
  });

  it("counts resources by location, all inside the boundary", () => {
    const rows = rowsOf(page, "locations-table").map((r) => textOf(r.children[0] as HtmlElement));
    expect(rows).toContain("europe-west9");
    expect(withClass(byId(page, "locations"), "bad")).toEqual([]);
  });
});

describe("dashboard with findings, a waiver and a key it cannot attribute", () => {
  const reason = "pilot <script>alert(1)</script> until 2027-03";
  const outdir = mkdtempSync(join(tmpdir(), "lz-dash-w-"));
  synthApp(
    configWith((c) => (c.guardrails = { waivers: [{ group: "baseline", reason }] })),
    outdir,
  );
  const { html, report } = dashboardOf([outdir, FOREIGN]);
  const page = parseHtml(html);

  it("lists every finding with its rule, resource and fix, and the FAIL verdict", () => {
    const findings = [...report.landingZoneFindings, ...report.stacks.flatMap((s) => s.findings)];
    expect(findings.length).toBeGreaterThan(0);
    expect(rowsOf(page, "findings-table")).toHaveLength(findings.length);
    expect(textOf(byId(page, "findings-table"))).toContain("google_storage_bucket.exports");
    expect(textOf(findAll(page, (e) => e.tag === "h1")[0])).toBe("Sovereignty dashboard FAIL");
  });

  it("lists waivers with their expiry, escaping what they say", () => {
    const [row] = rowsOf(page, "waivers-table");
    expect(row.children.map((c) => textOf(c as HtmlElement))).toEqual([
      "foundation",
      "foundation/guardrails",
      "guardrail:baseline",
      reason,
      "no expiry",
    ]);
    expect(findAll(page, (e) => e.tag === "script")).toEqual([]);
  });

  it("flags the location outside the boundary and the key it cannot attribute", () => {
    expect(textOf(byId(page, "locations-table"))).toMatch(/outside\s*EU/);
    const bad = withClass(findAll(byId(page, "custody"), (e) => e.tag === "svg")[0], "bad");
    expect(bad.length).toBeGreaterThan(0);
    expect(textOf(byId(page, "custody"))).toContain("unattributed");
  });
});

describe("waiver expiry", () => {
  it("is judged on the given date", () => {
    expect(expiryStatus(undefined, "2026-11-23")).toEqual(["no expiry", "warn"]);
    expect(expiryStatus("2026-11-01", "2026-11-23")).toEqual(["expired 2026-11-01", "bad"]);
    expect(expiryStatus("2026-12-03", "2026-11-23")).toEqual(["expires 2026-12-03 (in 10 days)", "warn"]);
    expect(expiryStatus("2027-06-30", "2026-11-23")).toEqual(["expires 2027-06-30", "ok"]);
    expect(expiryStatus("soon", "2026-11-23")).toEqual(["unreadable date soon", "bad"]);
  });
});

describe("the test's HTML reader", () => {
  it("rejects pages that are not well formed (the structure checks are not vacuous)", () => {
    expect(() => parseHtml("<main><section></main></section>")).toThrow(/closes <section>/);
    expect(() => parseHtml("<main><p>open")).toThrow(/unclosed <p>/);
    expect(textOf(parseHtml("<p>a &lt;b&gt; &amp; c</p>"))).toBe("a <b> & c");
  });
});

describe("sovereign-lz dashboard", () => {
  it("writes the page, and exits 2 on a bad date or unreadable input", () => {
    const dir = mkdtempSync(join(tmpdir(), "lz-dash-cli-"));
    const out = join(dir, "d.html");
    expect(runCli("dashboard", FOREIGN, "--out", out, "--as-of", "2026-11-23")).toMatchObject({
      code: 0,
      out: expect.stringMatching(/d\.html: fail, \d+ findings$/),
    });
    expect(() => parseHtml(readFileSync(out, "utf8"))).not.toThrow();
    expect(runCli("dashboard", FOREIGN, "--out", out, "--as-of", "tomorrow")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--as-of: "tomorrow" is not a date/),
    });
    // The right shape is not enough: month 13 is no date either.
    expect(runCli("dashboard", FOREIGN, "--out", out, "--as-of", "2026-13-45")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--as-of: "2026-13-45" is not a date \(allowed: YYYY-MM-DD\)/),
    });
    expect(runCli("dashboard", join(dir, "missing.json")).code).toBe(2);
  });
});
