/**
 * The package as a user gets it: `npm pack` (which builds it), the tarball
 * installed into an empty consumer project (offline: its dependencies are
 * linked from this project), every example of the README and docs compiled
 * with the strict settings of cdktf's TypeScript template, then synthesized
 * (each in turn, in one process).
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const ENV = { ...process.env, CHECKPOINT_DISABLE: "1", SOVEREIGN_LZ_DEBUG: "" };

/** cdktf's TypeScript project template settings (`cdktf init --template typescript`). */
const CDKTF_TEMPLATE_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    lib: ["es2018"],
    module: "CommonJS",
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: "ES2018",
    skipLibCheck: true,
    types: ["node"],
    outDir: "dist",
  },
  include: ["*.ts"],
};

/** What issue 15 asks the gate to stop: a raw bucket in "US" inside a `SovereignStack`. */
const NON_SOVEREIGN_APP = `import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { App } from "cdktf";
import { SovereignStack, profileOf } from "sovereign-landing-zone";

const app = new App();
const stack = new SovereignStack(app, "rogue", { profile: profileOf("paris"), operatorProjectId: "op-key-custody" });
new StorageBucket(stack, "us-bucket", { name: "rogue-us-bucket", location: "US" });
app.synth();
`;

/** Ways to synthesize the non-sovereign app: as a user would, with the env escape hatch, and through the cdktf CLI. */
const NON_SOVEREIGN_RUNS: Record<string, { args: string[]; env: NodeJS.ProcessEnv; outdir: string }> = {
  "node app.js": { args: ["dist/non-sovereign.js"], env: {}, outdir: "out-plain" },
  "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS=true node app.js": {
    args: ["dist/non-sovereign.js"],
    env: { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true" },
    outdir: "out-continue",
  },
  "npx cdktf synth": { args: [join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"), "synth"], env: {}, outdir: "cdktf.out" },
};

/**
 * Runs each example app (`dist/<name>.js`) in turn in one process (a node process each cost about 0.3 s of CPU, most of
 * it loading cdktf and the package), each into `<out>/<name>`; prints by example its exit code (the one it set, 1 when
 * it threw) and what it wrote to stderr.
 */
const RUN_EXAMPLES = `const [out, ...examples] = process.argv.slice(2);
const write = process.stderr.write;
const runs = {};
for (const example of examples) {
  let stderr = "";
  process.stderr.write = (chunk) => ((stderr += chunk), true);
  process.env.CDKTF_OUTDIR = require("node:path").join(out, example);
  let code = 0;
  try {
    require(\`./dist/\${example}.js\`);
    code = process.exitCode ?? 0;
    process.exitCode = 0;
  } catch (e) {
    code = 1;
    stderr += e.stack;
  } finally {
    process.stderr.write = write;
  }
  runs[example] = { code, stderr };
}
console.log(JSON.stringify(runs));
`;

/** Run node asynchronously (runs go side by side). */
function nodeAsync(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return promisify(execFile)(process.execPath, args, { cwd, env: { ...ENV, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e) => ({ code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** Link a package of this project's node_modules into the consumer's. */
function link(consumer: string, name: string): void {
  const target = join(consumer, "node_modules", name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", name), target, "dir");
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run node on a script of the consumer project. */
function node(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, args, { cwd, env: { ...ENV, ...env }, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("the packed package in a consumer project", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-package-"));
  const consumer = join(dir, "consumer");
  const installed = join(consumer, "node_modules", PACKAGE.name);
  const cli = join(installed, "dist", "bin", "sovereign-lz.js");
  let tarballFiles: string[];
  let compile: Run;
  let examplesRun: Run;
  const synths: Record<string, Pick<Run, "code" | "stderr">> = {};
  const nonSovereign: Record<string, Run> = {};

  beforeAll(async () => {
    // `npm pack` runs `prepare`, the incremental build: the tarball is what `npm publish` and a git install give.
    execFileSync("npm", ["pack", "--pack-destination", dir, "--silent"], { cwd: ROOT, env: ENV, stdio: "ignore" });
    const tarball = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith(".tgz"))!,
    );
    tarballFiles = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n");

    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", installed, "--strip-components=1"]);
    // The consumer's own cdktf and constructs (a cdktf project has them) satisfy the package's peer dependencies.
    for (const dep of [...Object.keys(PACKAGE.dependencies), ...Object.keys(PACKAGE.peerDependencies), "@types/node"]) link(consumer, dep);
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify(CDKTF_TEMPLATE_TSCONFIG));
    for (const example of EXAMPLES) copyFileSync(join(ROOT, "examples", `${example}.ts`), join(consumer, `${example}.ts`));
    writeFileSync(join(consumer, "non-sovereign.ts"), NON_SOVEREIGN_APP);
    writeFileSync(join(consumer, "run-examples.js"), RUN_EXAMPLES);
    // The app's subpath export has types too (typesVersions: cdktf's template resolves modules the node10 way).
    writeFileSync(
      join(consumer, "app-types.ts"),
      `import { buildApp } from "${PACKAGE.name}/app";\nexport const build: typeof buildApp = buildApp;\n`,
    );
    writeFileSync(join(consumer, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node dist/non-sovereign.js", output: "cdktf.out" }));

    compile = node(consumer, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
    if (compile.code !== 0) return;
    // The examples, beside the non-sovereign app run each way.
    mkdirSync(join(dir, "out"));
    await Promise.all([
      nodeAsync(consumer, ["run-examples.js", join(dir, "out"), ...EXAMPLES], {}).then((run) => {
        examplesRun = run;
        if (run.code === 0) Object.assign(synths, JSON.parse(run.stdout));
      }),
      ...Object.entries(NON_SOVEREIGN_RUNS).map(async ([name, { args, env, outdir }]) => {
        nonSovereign[name] = await nodeAsync(consumer, args, outdir === "cdktf.out" ? env : { ...env, CDKTF_OUTDIR: join(consumer, outdir) });
      }),
    ]);
  }, 240_000);

  it("holds the built library, app and command line with their types, the README and the LICENSE; no sources or tests", () => {
    for (const file of ["package/package.json", "package/README.md", "package/LICENSE", "package/dist/lib/index.js", "package/dist/lib/index.d.ts"]) {
      expect(tarballFiles).toContain(file);
    }
    for (const file of ["package/dist/stacks/main.js", "package/dist/stacks/default-config.yaml", "package/dist/bin/sovereign-lz.js"]) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(tarballFiles.filter((f) => /(^|\/)(test|bench)\//.test(f) || f.endsWith(".tsbuildinfo"))).toEqual([]);
  });

  it("takes cdktf and constructs from the consumer project (peer dependencies), so its constructs are the app's", () => {
    // A pinned dependency would nest a second constructs beside the project's (cdktf's template takes the newest):
    // `new SovereignStack(app, ...)` then fails to compile, App not assignable to Construct.
    expect(Object.keys(PACKAGE.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
    for (const dep of ["cdktf", "constructs"]) {
      expect(PACKAGE.dependencies[dep]).toBeUndefined();
      expect(PACKAGE.peerDependencies[dep]).toMatch(/^\^/);
    }
  });

  it("compiles every example with the strict settings of cdktf's project template", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
    expect(compile.stdout + compile.stderr).toBe("");
    expect(compile.code).toBe(0);
  });

  it.each(EXAMPLES)("synthesizes examples/%s.ts", (example) => {
    expect(examplesRun).toMatchObject({ code: 0, stderr: "" });
    const run = synths[example];
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const stacks = readdirSync(join(dir, "out", example, "stacks"));
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) expect(existsSync(join(dir, "out", example, "stacks", stack, "cdk.tf.json"))).toBe(true);
  });

  it.each(Object.keys(NON_SOVEREIGN_RUNS))("a raw bucket in US fails synth and leaves no deployable JSON: %s", (name) => {
    const run = nonSovereign[name];
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/google_storage_bucket\.us-bucket.*SOV-LOC-001/);
    const outdir = join(consumer, NON_SOVEREIGN_RUNS[name].outdir);
    expect(existsSync(join(outdir, "stacks", "rogue", "cdk.tf.json"))).toBe(false);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(false);
  });

  it("exports the app: require('sovereign-landing-zone/app') and '/main' resolve", () => {
    const script = `const { buildApp } = require("${PACKAGE.name}/app"); console.log(typeof buildApp, require.resolve("${PACKAGE.name}/main"))`;
    const run = node(consumer, ["-e", script]);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(`function ${join(installed, "dist", "stacks", "main.js")}`);
  });

  it("runs the command line from the package: init, validate (without loading cdktf), synth", () => {
    expect(node(consumer, [cli, "--help"])).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: sovereign-lz") });
    expect(node(consumer, [cli, "init", "landing-zone.yaml"]).code).toBe(0);
    // A probe that reports, on exit, whether cdktf was loaded.
    writeFileSync(
      join(consumer, "probe.js"),
      `process.on("exit", () => console.log("cdktf loaded:", Object.keys(require.cache).some((f) => /[\\\\/]cdktf[\\\\/]lib[\\\\/]/.test(f))));`,
    );
    const validate = node(consumer, ["-r", "./probe.js", cli, "validate", "landing-zone.yaml"]);
    expect(validate).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("landing-zone.yaml: valid (profile paris, 1 tenant)\ncdktf loaded: false"),
    });
    const synth = node(consumer, [cli, "synth", "--config", "landing-zone.yaml", "--output", "out"]);
    expect(synth).toMatchObject({ code: 0, stderr: "" });
    expect(readdirSync(join(consumer, "out", "stacks")).sort()).toEqual(["foundation", "key-custody", "tenant-team-a"]);
  });

  it("runs as `npx sovereign-lz` in this repository after the build, as the README says (the built command is executable)", () => {
    expect(statSync(join(ROOT, "dist", "bin", "sovereign-lz.js")).mode & 0o111).toBe(0o111);
    const run = spawnSync("npx", ["--no-install", "sovereign-lz", "--version"], { cwd: ROOT, encoding: "utf8", env: ENV });
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: PACKAGE.version });
  });

  it("synthesizes LANDING_ZONE_CONFIG with the cdktf.json app docs/getting-started.md gives for a project that installed the package", () => {
    const guide = readFileSync(join(ROOT, "docs", "getting-started.md"), "utf8").replace(/\n/g, " ");
    const { app } = JSON.parse(`{${/`("app": "(?:[^"\\]|\\.)*")`/.exec(guide)![1]}}`);
    expect(node(consumer, [cli, "init", "cdktf-app.yaml"]).code).toBe(0);
    const run = spawnSync("sh", ["-c", app], {
      cwd: consumer,
      encoding: "utf8",
      env: { ...ENV, LANDING_ZONE_CONFIG: "cdktf-app.yaml", CDKTF_OUTDIR: join(consumer, "cdktf-app.out") },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(readdirSync(join(consumer, "cdktf-app.out", "stacks")).sort()).toEqual(["foundation", "key-custody", "tenant-team-a"]);
  });
});
