/**
 * The lower bound: a bare cdktf app, without this library, that emits the
 * same stacks with the same resources, data sources and providers as a
 * synthesized landing zone (read from `BENCH_SOURCE`, a `cdktf.out`), each
 * a generic element whose attributes are the synthesized JSON body: no typed
 * provider classes, no tokens, no validation. Writes to `CDKTF_OUTDIR`.
 *
 * Run as `node -r dist/bench/report-usage.js dist/bench/baseline.js`; the
 * time spent reading the source output is left out of the measurement.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Construct } from "constructs";
import { App, TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from "../lib/core";
import { excludeFromBench } from "./report-usage";

type Body = Record<string, unknown>;
type Blocks = Record<string, Record<string, Body>>;

/** One synthesized stack: its name, dependencies and Terraform JSON. */
interface SourceStack {
  readonly name: string;
  readonly dependencies: string[];
  readonly json: { resource?: Blocks; data?: Blocks; provider?: Record<string, Body[]> };
}

/** Every stack of a `cdktf.out` directory, parsed. */
function readSource(outdir: string): SourceStack[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return Object.values<any>(manifest.stacks).map((s) => ({
    name: s.name,
    dependencies: s.dependencies,
    json: JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8")),
  }));
}

/** A body without cdktf's own metadata (cdktf adds it again). */
function attributesOf(body: Body): Body {
  const { "//": _metadata, ...attributes } = body;
  return attributes;
}

class RawResource extends TerraformResource {
  constructor(
    scope: Construct,
    type: string,
    name: string,
    private readonly body: Body,
  ) {
    super(scope, `${type}.${name}`, { terraformResourceType: type });
    this.overrideLogicalId(name);
  }
  protected synthesizeAttributes(): Body {
    return this.body;
  }
}

class RawDataSource extends TerraformDataSource {
  constructor(
    scope: Construct,
    type: string,
    name: string,
    private readonly body: Body,
  ) {
    super(scope, `data.${type}.${name}`, { terraformResourceType: type });
    this.overrideLogicalId(name);
  }
  protected synthesizeAttributes(): Body {
    return this.body;
  }
}

class RawProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    type: string,
    index: number,
    private readonly body: Body,
  ) {
    super(scope, `provider.${type}.${index}`, { terraformResourceType: type, terraformProviderSource: `hashicorp/${type}` });
  }
  protected synthesizeAttributes(): Body {
    return this.body;
  }
}

const source = excludeFromBench(() => readSource(process.env.BENCH_SOURCE ?? "cdktf.out"));
const app = new App({ outdir: process.env.CDKTF_OUTDIR, stackTraces: false });
const stacks = new Map<string, TerraformStack>();
for (const { name, json } of source) {
  const stack = new TerraformStack(app, name);
  stacks.set(name, stack);
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    configs.forEach((body, i) => new RawProvider(stack, type, i, body));
  }
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) new RawResource(stack, type, name, attributesOf(body));
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) new RawDataSource(stack, type, name, attributesOf(body));
  }
}
for (const { name, dependencies } of source) {
  for (const dep of dependencies) stacks.get(name)!.addDependency(stacks.get(dep)!);
}
app.synth();
