/**
 * The rule pack measured on foreign Terraform (issue 14, "Done when").
 *
 * `test/fixtures/corpus/` holds Terraform JSON configurations (`*.tf.json`),
 * plans (`*.plan.json`) and states (`*.state.json`) written in the style of
 * other public projects, each with a `<name>.verdicts.json` beside it: the
 * expected verdict for every resource, provider, module and backend address,
 * written from the sovereignty requirements (DESIGN sections 4-7 and 10) and
 * Google's documentation, without reading the rules. This test runs the
 * checker's library API (what `sovereign-lz check` runs) on every fixture and
 * reports recall (violating addresses flagged), false findings (compliant
 * addresses flagged), stray findings (addresses no verdict names) and crashes.
 *
 * Raise FLOOR as the rules improve; never lower it to make a change pass.
 * Set CORPUS_VERBOSE=1 to also print every missed violation and stray
 * finding, CORPUS_REPORT=<file> to write the per-address results as JSON. The
 * verdict principles and address conventions are in docs/corpus.md.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadDocuments } from "../../lib/cli/check";
import { evaluate, PROFILES, type ProfileName } from "../../lib";

/** What the rule pack must at least achieve on the corpus (the rules helper raises these). */
const FLOOR = {
  /** Violating addresses flagged / violating addresses. Target 1. */
  recall: 1,
  /** Compliant addresses flagged. Target 0. */
  maxFalseFindings: 0,
  /** Findings on addresses no verdict names (e.g. a set-level finding on a workload-only file). Target 0. */
  maxStrayFindings: 0,
  /** Fixtures the checker threw on or refused to read. Target 0. */
  maxCrashes: 0,
};

/** Deploy-readiness rules judge apply ordering (a grant waits for its service agent), not the boundary: not measured here. */
const UNMEASURED_RULE = /^SOV-DEP-/;

const CORPUS = join(__dirname, "..", "fixtures", "corpus");
const FIXTURE = /\.(tf|plan|state)\.json$/;

type Verdict = "violates" | "compliant";
interface Expectation {
  readonly verdict: Verdict;
  readonly reason: string;
  /** Other addresses where a finding also counts for this one (a data.google_iam_policy and the policy using it). */
  readonly alsoAccept?: readonly string[];
}
interface VerdictFile {
  readonly profile: ProfileName;
  readonly operatorProject: string;
  readonly modelledOn: string;
  readonly expect: Readonly<Record<string, Expectation>>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** Terraform JSON accepts an object or an array of objects at every block level. */
const objectsOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);
/** `[key, body]` pairs of a block map given as an object or an array of objects. */
const entriesOf = (v: unknown): [string, unknown][] => objectsOf(v).flatMap((o) => Object.entries(o));

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(join(dir, e.name)) : FIXTURE.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** Every judgeable address of a fixture, read independently of the checker: required ones and optional ones (data sources). */
function addressesOf(json: Json): { required: Set<string>; optional: Set<string> } {
  const required = new Set<string>();
  const optional = new Set<string>();
  const moduleResources = (mod: unknown) => {
    if (!isObject(mod)) return;
    for (const r of objectsOf(mod.resources)) (r.mode === "data" ? optional : required).add(String(r.address));
    for (const child of objectsOf(mod.child_modules)) moduleResources(child);
  };
  if (isObject(json.values)) moduleResources(json.values.root_module);
  if (isObject(json.planned_values)) {
    moduleResources(json.planned_values.root_module);
    const config = isObject(json.configuration) ? json.configuration : {};
    for (const key of Object.keys(isObject(config.provider_config) ? config.provider_config : {}))
      if (!key.includes(":")) required.add(`provider.${key}`);
  }
  if (!json.planned_values && !json.values) {
    for (const [type, named] of entriesOf(json.resource)) for (const [name] of entriesOf(named)) required.add(`${type}.${name}`);
    for (const [type, named] of entriesOf(json.data)) for (const [name] of entriesOf(named)) optional.add(`data.${type}.${name}`);
    for (const [name] of entriesOf(json.module)) required.add(`module.${name}`);
    for (const [name, bodies] of entriesOf(json.provider))
      for (const body of objectsOf(bodies)) required.add(typeof body.alias === "string" ? `provider.${name}.${body.alias}` : `provider.${name}`);
    for (const terraform of objectsOf(json.terraform)) for (const [type] of entriesOf(terraform.backend)) required.add(`terraform.backend.${type}`);
  }
  return { required, optional };
}

interface FixtureResult {
  readonly fixture: string;
  readonly crash?: string;
  /** Address → rule ids that flagged it. */
  readonly flagged: ReadonlyMap<string, readonly string[]>;
  readonly verdicts: VerdictFile;
}

function runFixture(file: string): FixtureResult {
  const fixture = relative(CORPUS, file);
  const verdicts = JSON.parse(readFileSync(file.replace(FIXTURE, ".verdicts.json"), "utf8")) as VerdictFile;
  const flagged = new Map<string, string[]>();
  try {
    const docs = loadDocuments(file);
    const context = { profile: PROFILES[verdicts.profile], operatorProjectId: verdicts.operatorProject };
    for (const scope of ["stack", "set"] as const)
      for (const f of evaluate(docs, context, { scope }).findings)
        if (!UNMEASURED_RULE.test(f.ruleId)) flagged.set(f.address, [...(flagged.get(f.address) ?? []), f.ruleId]);
  } catch (e) {
    return { fixture, verdicts, flagged, crash: `${(e as Error).constructor.name}: ${(e as Error).message.split("\n")[0]}` };
  }
  return { fixture, verdicts, flagged };
}

interface Scores {
  violating: number;
  flaggedViolating: number;
  compliant: number;
  falseFindings: string[];
  missed: string[];
  stray: string[];
  crashes: string[];
}

function score(results: readonly FixtureResult[]): Scores {
  const s: Scores = { violating: 0, flaggedViolating: 0, compliant: 0, falseFindings: [], missed: [], stray: [], crashes: [] };
  for (const r of results) {
    const entries = Object.entries(r.verdicts.expect);
    if (r.crash) s.crashes.push(`${r.fixture}: ${r.crash}`);
    const known = new Set(entries.flatMap(([address, e]) => [address, ...(e.alsoAccept ?? [])]));
    for (const [address, e] of entries) {
      const rules = [address, ...(e.alsoAccept ?? [])].flatMap((a) => r.flagged.get(a) ?? []);
      if (e.verdict === "violates") {
        s.violating++;
        if (rules.length) s.flaggedViolating++;
        else s.missed.push(`${r.fixture}: ${address} (${e.reason})`);
      } else {
        s.compliant++;
        const own = r.flagged.get(address) ?? [];
        if (own.length) s.falseFindings.push(`${r.fixture}: ${address}: ${[...new Set(own)].join(", ")} (expected compliant: ${e.reason})`);
      }
    }
    for (const [address, rules] of r.flagged) if (!known.has(address)) s.stray.push(`${r.fixture}: ${address}: ${[...new Set(rules)].join(", ")}`);
  }
  return s;
}

const files = fixtureFiles(CORPUS);

describe("foreign Terraform corpus", () => {
  it("has 40 or more fixtures, each with a verdict for every resource, provider, module and backend it declares", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const file of files) {
      const verdicts = JSON.parse(readFileSync(file.replace(FIXTURE, ".verdicts.json"), "utf8")) as VerdictFile;
      const { required, optional } = addressesOf(JSON.parse(readFileSync(file, "utf8")) as Json);
      const listed = Object.keys(verdicts.expect);
      const name = relative(CORPUS, file);
      expect({ name, unlisted: [...required].filter((a) => !listed.includes(a)) }).toEqual({ name, unlisted: [] });
      expect({ name, unknown: listed.filter((a) => !required.has(a) && !optional.has(a)) }).toEqual({ name, unknown: [] });
      expect(Object.keys(PROFILES)).toContain(verdicts.profile);
      for (const e of Object.values(verdicts.expect)) expect(["violates", "compliant"]).toContain(e.verdict);
    }
  });

  it("mixes violating and compliant cases", () => {
    const all = files.flatMap((f) => Object.values((JSON.parse(readFileSync(f.replace(FIXTURE, ".verdicts.json"), "utf8")) as VerdictFile).expect));
    const violating = all.filter((e) => e.verdict === "violates").length;
    expect(violating / all.length).toBeGreaterThan(0.35);
    expect(violating / all.length).toBeLessThan(0.75);
  });

  it("is checked with recall, false findings and crashes at or above the floor", () => {
    const results = files.map(runFixture);
    const s = score(results);
    const recall = s.violating ? s.flaggedViolating / s.violating : 1;
    const summary = {
      fixtures: results.length,
      addresses: s.violating + s.compliant,
      violating: s.violating,
      compliant: s.compliant,
      flaggedViolating: s.flaggedViolating,
      recall: Math.round(recall * 1000) / 1000,
      falseFindings: s.falseFindings.length,
      strayFindings: s.stray.length,
      crashes: s.crashes.length,
    };
    const groups = [...new Set(results.map((r) => r.fixture.split("/")[0]))].map((group) => {
      const g = score(results.filter((r) => r.fixture.startsWith(`${group}/`)));
      return `  ${group}: recall ${g.flaggedViolating}/${g.violating}, false findings ${g.falseFindings.length}/${g.compliant}`;
    });
    const lines = [
      `corpus: ${JSON.stringify(summary)}`,
      ...groups,
      ...s.crashes.map((c) => `  crash: ${c}`),
      ...s.falseFindings.map((f) => `  false finding: ${f}`),
      ...(process.env.CORPUS_VERBOSE ? [...s.missed.map((m) => `  missed: ${m}`), ...s.stray.map((m) => `  stray: ${m}`)] : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    if (process.env.CORPUS_REPORT) writeFileSync(process.env.CORPUS_REPORT, JSON.stringify({ summary, ...s }, null, 2));
    expect(recall).toBeGreaterThanOrEqual(FLOOR.recall);
    expect(s.falseFindings.length).toBeLessThanOrEqual(FLOOR.maxFalseFindings);
    expect(s.stray.length).toBeLessThanOrEqual(FLOOR.maxStrayFindings);
    expect(s.crashes.length).toBeLessThanOrEqual(FLOOR.maxCrashes);
    // The figures the README and the catalog page quote are this run's, so they cannot go stale.
    const text = (file: string) => readFileSync(join(__dirname, "..", "..", file), "utf8").replace(/\s+/g, " ");
    const flagged = s.flaggedViolating === s.violating ? `all ${s.violating}` : `${s.flaggedViolating} of ${s.violating}`;
    expect(text("README.md")).toContain(
      `(${summary.fixtures} plans, states and configs, ${summary.addresses} addresses judged independently) it flags ${flagged} violating resources (recall ${summary.recall})`,
    );
    expect(text("docs/catalog.md")).toContain(
      `(${summary.fixtures} fixtures, ${summary.addresses} judged addresses: ${s.violating} violating, ${s.compliant} compliant,`,
    );
    expect(text("docs/catalog.md")).toContain(`recall ${summary.recall} (${s.flaggedViolating}/${s.violating})`);
  });
});
