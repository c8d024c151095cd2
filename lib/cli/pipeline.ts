/**
 * `sovereign-lz pipeline github|gitlab`: CI workflows that deploy the
 * landing zone of a config, one job per stack with its role's identity.
 * Needs `state.backend: gcs` (jobs share state through the bucket), a
 * `pipeline` section, and a `deployer` for every tenant. Exit 0 written,
 * 1 invalid config for a pipeline, 2 usage, unreadable config or a file it cannot write.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { Argument, type Command } from "commander";
import { ConfigError } from "../config/errors";
import { loadConfigFile } from "../config/load";
import { defaultPlanIdentity } from "../config/pipeline";
import type { LandingZoneConfig } from "../config/schema";
import { tenantStackName } from "../naming";
import { githubWorkflow } from "../pipeline/github";
import { gitlabPipeline } from "../pipeline/gitlab";
import type { PipelinePlan, StackJob } from "../pipeline/types";
import { profileOf } from "../profiles/profile";
import { defineCommand, EXIT, exitsWith } from "./command";

const TARGETS = { github: ".github/workflows/sovereign-lz.yml", gitlab: ".gitlab-ci.yml" } as const;
type Target = keyof typeof TARGETS;

/** A role's plan identity: the one given, else the default (the config check refused a config where none can be derived). */
const planIdentity = (given: string | undefined, apply: string): string => given ?? defaultPlanIdentity(apply)!;

/** A config path the pipeline can name in a shell command as it is. */
const SAFE_CONFIG_PATH = /^(?!-)[A-Za-z0-9._/-]+$/;

/** The jobs of a config's pipeline; throws a `ConfigError` listing everything a pipeline needs and lacks. */
export function pipelinePlanOf(config: LandingZoneConfig, configPath: string, source = configPath): PipelinePlan {
  const problems: string[] = [];
  // The path goes into the jobs' shell commands (and GitHub expressions): a space, `$(...)` or `${{ }}` in it would run there.
  if (!SAFE_CONFIG_PATH.test(configPath)) {
    problems.push(
      `--config: ${JSON.stringify(configPath)} cannot be written into the pipeline's shell commands (allowed: a path of letters, digits, ".", "_", "-" and "/", not starting with "-")`,
    );
  }
  if (config.state.backend !== "gcs") {
    problems.push(`state.backend: "${config.state.backend}" cannot be shared by CI jobs (allowed: gcs, with state.bucket in the region)`);
  }
  if (!config.pipeline) {
    problems.push(
      "pipeline: missing (allowed: { workloadIdentityProvider, operatorServiceAccount, operatorPlanServiceAccount, platformServiceAccount, platformPlanServiceAccount, maxParallel, branch })",
    );
  }
  config.tenants.forEach((t, i) => {
    if (!t.deployer) problems.push(`tenants[${i}].deployer: missing; the tenant's job runs as its own identity (allowed: a service account email)`);
  });
  if (problems.length || !config.pipeline || config.state.backend !== "gcs") throw new ConfigError(source, problems);
  const { pipeline, state } = config;
  const profile = profileOf(config.profile);
  const stacks: StackJob[] = [
    {
      stack: "key-custody",
      role: "operator",
      identity: pipeline.operatorServiceAccount,
      planIdentity: planIdentity(pipeline.operatorPlanServiceAccount, pipeline.operatorServiceAccount),
      needs: [],
    },
    {
      stack: "foundation",
      role: "platform",
      identity: pipeline.platformServiceAccount,
      planIdentity: planIdentity(pipeline.platformPlanServiceAccount, pipeline.platformServiceAccount),
      needs: ["key-custody"],
    },
    ...config.tenants.map((t) => ({
      stack: tenantStackName(t.id),
      role: "tenant" as const,
      identity: t.deployer!,
      planIdentity: planIdentity(t.planner, t.deployer!),
      needs: ["key-custody", "foundation"],
    })),
  ];
  return {
    configPath,
    profile: profile.name,
    operatorProjectId: config.operator.projectId,
    universeDomain: profile.universeDomain ?? "googleapis.com",
    workloadIdentityProvider: pipeline.workloadIdentityProvider,
    branch: pipeline.branch,
    maxParallel: pipeline.maxParallel,
    adopt: config.adopt !== undefined,
    stateBucket: state.bucket,
    statePrefix: state.prefix,
    stacks,
  };
}

/** The CI file of a target for a plan. */
export function renderPipeline(target: Target, plan: PipelinePlan): string {
  return target === "github" ? githubWorkflow(plan) : gitlabPipeline(plan);
}

interface PipelineOptions {
  readonly config: string;
  readonly out?: string;
  readonly stdout?: boolean;
}

export function pipelineCommand(): Command {
  return defineCommand(
    "pipeline",
    "write the CI pipeline of a landing zone: one job per stack, each with its role's identity (Workload Identity Federation)",
  )
    .addArgument(new Argument("<target>", "CI system").choices(Object.keys(TARGETS)))
    .requiredOption("-c, --config <file>", "the landing-zone config (with state.backend gcs, a pipeline section and tenant deployers)")
    .option("-o, --out <file>", `where to write it (default: ${TARGETS.github} or ${TARGETS.gitlab})`)
    .option("--stdout", "print it instead of writing it")
    .addHelpText(
      "after",
      "\nExit codes: 0 written, 1 config not ready for a pipeline (every problem printed), 2 usage, unreadable config or a file it cannot write.",
    )
    .action(
      exitsWith((target: Target, options: PipelineOptions) => {
        const config = loadConfigFile(options.config);
        const text = renderPipeline(target, pipelinePlanOf(config, relative(process.cwd(), options.config).split(sep).join("/"), options.config));
        if (options.stdout) console.log(text.trimEnd());
        else {
          const out = options.out ?? TARGETS[target];
          mkdirSync(dirname(out), { recursive: true });
          writeFileSync(out, text);
          console.log(`${out}: ${config.tenants.length + 2} stack jobs`);
        }
        return EXIT.ok;
      }),
    );
}
