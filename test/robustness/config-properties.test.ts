/**
 * Property tests over the config: a mutated default config either validates
 * and synthesizes with zero sovereignty findings, or fails with a ConfigError
 * whose every problem reads `<path>: <problem>`. Never another exception.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { ConfigError } from "../../lib/config/errors";
import { validateConfig } from "../../lib/config/load";
import type { LandingZoneConfig } from "../../lib/config/schema";
import { SovereigntyGate } from "../../lib/checks/gate";
import { buildApp } from "../../stacks/app";
import { defaultConfigInput } from "../helpers";
import { expectValidOrConfigError, fcOptions, hostileString, mutate, mutations, PROBLEM_LINE } from "./arbitraries";

/** Synthesize every stack through the gate; returns the number of findings (the gate throws on any). */
function synthFindings(config: LandingZoneConfig): number {
  const { app } = buildApp(config, mkdtempSync(join(tmpdir(), "lz-prop-")));
  app.synth();
  const report = SovereigntyGate.reportOf(app)!;
  expect(report.stacks.length).toBe(app.node.children.length);
  return report.summary.findings;
}

describe("mutated configs", () => {
  const base = defaultConfigInput();
  let synthesized = 0;

  it("validate and synthesize without findings, or fail with readable problems", () => {
    fc.assert(
      fc.property(mutations(base), (changes) => {
        const result = expectValidOrConfigError(() => validateConfig(mutate(base, changes)));
        if (result instanceof ConfigError) return;
        // Synthesis is the slow part: bounded in the quick run.
        if (synthesized++ < Number(process.env.FC_NUM_RUNS ?? 3)) expect(synthFindings(result)).toBe(0);
      }),
      fcOptions(150),
    );
  });

  it("the default config itself validates and synthesizes without findings", () => {
    expect(synthFindings(validateConfig(base))).toBe(0);
  });

  it("a config that is not an object is a ConfigError at the root", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.integer(), fc.constant(null), fc.array(fc.integer())), (value) => {
        expect(() => validateConfig(value)).toThrow(ConfigError);
      }),
      fcOptions(30),
    );
  });

  it("accepts the problem line format it claims, and rejects others", () => {
    expect(PROBLEM_LINE.test('tenants[0].environments[1].name: "x" is too short')).toBe(true);
    expect(PROBLEM_LINE.test('landingZone["a b"]: unknown key (allowed: name)')).toBe(true);
    expect(PROBLEM_LINE.test("Error: boom\n    at x")).toBe(false);
    expect(PROBLEM_LINE.test("tenants[0]: two\nlines")).toBe(false);
  });
});

describe("huge tenant lists", () => {
  const base = defaultConfigInput();
  const tenant = (i: number) => ({
    id: `t${String(i).padStart(4, "0")}`,
    environments: [{ name: "prod", subnet: `10.${i >> 8}.${i & 255}.0/24` }],
  });

  it("validates 500 distinct tenants", () => {
    const config = validateConfig({ ...base, tenants: Array.from({ length: 500 }, (_, i) => tenant(i)) });
    expect(config.tenants).toHaveLength(500);
  });

  it("rejects more than 2000 tenants at `tenants`, with readable problems only", () => {
    const result = expectValidOrConfigError(() => validateConfig({ ...base, tenants: Array.from({ length: 2001 }, (_, i) => tenant(i)) }));
    expect(result).toBeInstanceOf(ConfigError);
    expect((result as ConfigError).problems.some((p) => p.startsWith("tenants: "))).toBe(true);
  });

  it("reports copies of one tenant as duplicates, not as an exception", () => {
    const result = expectValidOrConfigError(() => validateConfig({ ...base, tenants: Array.from({ length: 300 }, () => tenant(1)) }));
    expect((result as ConfigError).problems.filter((p) => p.endsWith("(allowed: unique ids)"))).toHaveLength(299);
  });
});
