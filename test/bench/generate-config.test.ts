import { validateConfig } from "../../lib/config/load";
import { ConfigError } from "../../lib/config/errors";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { cidrRange, rangesOverlap } from "../../lib/cidr";
import type { Range } from "../../bench/cidr";
import { generateConfig, readBaseConfig } from "../../bench/generate-config";

/** Every IPv4 range in a value. */
function rangesIn(value: unknown): Range[] {
  if (typeof value === "string") return cidrRange(value) ? [cidrRange(value)!] : [];
  if (value && typeof value === "object") return Object.values(value).flatMap(rangesIn);
  return [];
}

describe("bench config generator", () => {
  const base = readBaseConfig(DEFAULT_CONFIG_PATH);
  const raw = generateConfig(base, 300);
  const config = validateConfig(raw, "generated");

  test("N tenants with unique ids, valid against the schema", () => {
    expect(config.tenants).toHaveLength(300);
    expect(new Set(config.tenants.map((t) => t.id)).size).toBe(300);
    expect(validateConfig(generateConfig(base, 1)).tenants).toHaveLength(1);
  });

  test("tenants copy the example tenants in turn, with their own group addresses", () => {
    const templates = base.tenants as { environments: unknown[]; services: string[] }[];
    config.tenants.forEach((tenant, i) => {
      const template = templates[i % templates.length];
      expect(tenant.environments).toHaveLength(template.environments.length);
      expect(tenant.services).toEqual(template.services);
      for (const email of Object.values(tenant.groups)) expect(email).toContain(tenant.id);
    });
  });

  test("every range is distinct and overlaps no other", () => {
    const ranges = rangesIn(raw);
    expect(ranges.length).toBeGreaterThanOrEqual(300);
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) expect(rangesOverlap(sorted[i - 1], sorted[i])).toBe(false);
    // negative: the helper does flag overlapping ranges
    expect(rangesOverlap(cidrRange("10.0.0.0/20")!, cidrRange("10.0.8.0/24")!)).toBe(true);
  });

  test("ranges outside the tenants are never handed out", () => {
    const withShared = { ...base, shared: "10.0.0.0/16" } as typeof base;
    const tenantRanges = rangesIn(generateConfig(withShared, 20).tenants);
    expect(tenantRanges.some((r) => rangesOverlap(r, cidrRange("10.0.0.0/16")!))).toBe(false);
  });

  test("a base config without tenants is rejected; a generated config with a clash fails validation", () => {
    expect(() => generateConfig({ ...base, tenants: [] }, 3)).toThrow(/no tenants/);
    const clashing = generateConfig(base, 2) as { tenants: { id: string }[] };
    clashing.tenants[1].id = clashing.tenants[0].id;
    expect(() => validateConfig(clashing)).toThrow(ConfigError);
    expect(() => validateConfig(clashing)).toThrow(/tenants\[1\]\.id/);
  });
});
