/**
 * The tables the rules and constructs decide by are exported and shared by every stack: nobody may change them at
 * run time (`SOVEREIGNTY_RULES.splice(0)` ran no rule at all, and a US bucket passed the gate).
 */
import { typeFacts } from "../../lib/catalog/google-types";
import { GLOBAL_ONLY_CONFIG } from "../../lib/catalog/global-only-config";
import { KEY_MATERIAL_TYPES } from "../../lib/catalog/key-material";
import { KMS_SERVICES } from "../../lib/catalog/kms-services";
import { PRIMITIVE_ROLES } from "../../lib/catalog/primitive-roles";
import { GUARDRAIL_CONSTRAINTS } from "../../lib/catalog/guardrail-policies";
import { SOVEREIGNTY_PACK, SOVEREIGNTY_RULES } from "../../lib/checks/pack";
import { App } from "../../lib/core";
import { StorageBucket } from "../../lib/google";
import { PROFILE_NAMES, profileOf } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import { BOUNDARY_RULES } from "../../lib/workloads/boundary";
import { stateConfig } from "../../lib/config/state";
import { fieldProblem, PROJECT_ID } from "../../lib/field-rules";
import { CRYPTO_KEY_ID_PATTERN, PROJECT_ID_PATTERN } from "../../lib/naming";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("facts nobody may change at run time", () => {
  it("decides by its own patterns: an exported pattern recompiled in place (frozen or not, a RegExp can be) changes nothing", () => {
    PROJECT_ID_PATTERN.compile(".*");
    CRYPTO_KEY_ID_PATTERN.compile(".*");
    expect(fieldProblem(PROJECT_ID, "projectId", "op-keys/../x")).toMatch(/^projectId: /);
    const state = (kmsKey: string) => stateConfig.safeParse({ backend: "gcs", bucket: "op-state-bucket", kmsKey }).success;
    expect([state("projects/p/locations/europe-west9/keyRings/r/cryptoKeys/k"), state("projects/p/keyRings/r")]).toEqual([true, false]);
  });

  it("refuses to change the rule pack, a rule, the catalog or a table of facts", () => {
    const attempts: (() => unknown)[] = [
      () => (SOVEREIGNTY_RULES as unknown as unknown[]).splice(0),
      () => ((SOVEREIGNTY_RULES[0] as { check: unknown }).check = () => []),
      () => ((SOVEREIGNTY_PACK as { rules: unknown }).rules = []),
      () => ((typeFacts("google_storage_bucket")!.location as string[]).length = 0),
      () => ((typeFacts("google_storage_bucket") as { absent?: string }).absent = undefined),
      () => (KEY_MATERIAL_TYPES as Set<string>).delete("google_kms_crypto_key"),
      () => ((GLOBAL_ONLY_CONFIG as Record<string, unknown>).google_gke_hub_membership = { path: "location", reason: "x" }),
      () => ((GLOBAL_ONLY_CONFIG.google_network_connectivity_spoke.when as string[]).length = 0),
      () => (GUARDRAIL_CONSTRAINTS as Set<string>).add("x"),
      () => (GUARDRAIL_CONSTRAINTS as Set<string>).clear(),
      () => (KMS_SERVICES as unknown as string[]).push("x"),
      () => (PRIMITIVE_ROLES as string[]).pop(),
      () => ((BOUNDARY_RULES as { location: string }).location = "x"),
      () => (PROFILE_NAMES as unknown as string[]).push("us"),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
    expect(SOVEREIGNTY_RULES.length).toBeGreaterThan(20);
    expect(typeFacts("google_storage_bucket")!.location).toContain("location");
    expect(KEY_MATERIAL_TYPES.has("google_kms_crypto_key")).toBe(true);
    expect(GUARDRAIL_CONSTRAINTS.has("x")).toBe(false);
  });

  it("still judges with every rule after the attempts: a US bucket fails the gate", () => {
    try {
      (SOVEREIGNTY_RULES as unknown as unknown[]).splice(0);
    } catch {
      // refused, as above
    }
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "lz-frozen-")) });
    const stack = new SovereignStack(app, "s", { profile: profileOf("paris"), operatorProjectId: "op-keys" });
    new StorageBucket(stack, "us", { name: "us-x", location: "US" });
    expect(() => app.synth()).toThrow(/google_storage_bucket\.us: SOV-LOC-001: location "US" is outside/);
  });
});
