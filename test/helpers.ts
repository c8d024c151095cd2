/** Shared test helpers: configs and synthesized stacks as parsed JSON. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import type { App, TerraformStack } from "cdktf";
import { Testing, fastSynthesis } from "../lib/core";
import { ConfigError } from "../lib/config/errors";
import { validateConfig } from "../lib/config/load";
import type { LandingZoneConfig, LandingZoneConfigInput } from "../lib/config/schema";
import { DEFAULT_CONFIG_PATH } from "../stacks/default-config";
import { buildApp } from "../stacks/app";
import { program } from "../bin/program";
import { runProgram } from "../lib/cli/command";

/** A synthesized Terraform JSON document. */
export type TfJson = {
  resource?: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  provider?: Record<string, Record<string, any>[]>;
  terraform?: Record<string, any>;
  [key: string]: any;
};

let defaultConfig: unknown;
/** The embedded default config as written (a fresh copy each call; parsed once per test file). */
export function defaultConfigInput(): any {
  defaultConfig ??= parse(readFileSync(DEFAULT_CONFIG_PATH, "utf8"));
  return structuredClone(defaultConfig);
}

/** The default config with a change applied, validated. */
export function configWith(change: (raw: any) => void = () => {}): LandingZoneConfig {
  const raw = defaultConfigInput();
  change(raw);
  return validateConfig(raw as LandingZoneConfigInput);
}

/** The problems a change to the default config causes, or [] if it stays valid. */
export function problemsOf(change: (raw: any) => void): string[] {
  try {
    configWith(change);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return [...e.problems];
  }
}

/** Turn a raw default config into its `s3ns` twin (region, no Cloud Identity, the profile's default keys, no IAP SSH: S3NS has no IAP TCP forwarding; the EKM's Service Directory service in the region). */
export function toS3ns(raw: any): void {
  raw.profile = "s3ns";
  raw.region = "u-france-east1";
  delete raw.operator.keyProtection;
  for (const tenant of raw.tenants ?? []) if (tenant.network) delete tenant.network.iapSsh;
  for (const resolver of raw.operator.ekm?.serviceResolvers ?? []) {
    resolver.serviceDirectoryService = resolver.serviceDirectoryService.replace("/locations/europe-west9/", "/locations/u-france-east1/");
  }
}

/** Synthesize one stack and parse it. */
export function synthStack(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack, true));
}

/**
 * Build the app of a config and synthesize it into `outdir` as `npm run synth` does: inside `fastSynthesis` (plain cdktf
 * synthesis writes the same files, test/stacks/fast-synthesis.test.ts).
 */
export function synthApp(config: LandingZoneConfig, outdir: string): App {
  return fastSynthesis(() => {
    const { app } = buildApp(config, outdir);
    app.synth();
    return app;
  });
}

/** Synthesize every stack of the app built from a config, inside `fastSynthesis` as the app does. */
export function synthAll(config: LandingZoneConfig): Record<string, TfJson> {
  return fastSynthesis(() => {
    const { app } = buildApp(config, mkdtempSync(join(tmpdir(), "lz-test-")));
    const out: Record<string, TfJson> = {};
    for (const stack of app.node.children) {
      if ((stack as TerraformStack).toTerraform) out[stack.node.id] = synthStack(stack as TerraformStack);
    }
    return out;
  });
}

/** Every resource of a stack as `[type, name, body]`. */
export function resourcesOf(json: TfJson): [string, string, Record<string, any>][] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => [type, name, body] as [string, string, Record<string, any>]),
  );
}

/** The resources of one type, as bodies. */
export function resourcesOfType(json: TfJson, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** Sorted Terraform addresses (`type.name`) of a stack. */
export function addressesOf(json: TfJson): string[] {
  return resourcesOf(json)
    .map(([type, name]) => `${type}.${name}`)
    .sort();
}

/** Run a command's `main(args)` in-process, capturing what it prints. */
export function runCommand(main: (args: string[]) => number, args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = jest.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  try {
    return { code: main(args), out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Run `sovereign-lz <args>` in-process, capturing what it prints. */
export function runCli(...args: string[]): { code: number; out: string; err: string } {
  return runCommand((a) => runProgram(program(), a), args);
}
