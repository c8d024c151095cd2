/**
 * The synth command: load the config named by `LANDING_ZONE_CONFIG` (or the
 * embedded default) and synthesize every stack into `CDKTF_OUTDIR`
 * (default `cdktf.out`), all or nothing; the sovereignty gate checks every
 * written stack. Prints one line per stack and where the report is. Synthesis
 * runs in `fastSynthesis` (no token stack traces, lean preparation: faster,
 * byte-identical output) unless `SOVEREIGN_LZ_DEBUG` is set (plain cdktf),
 * on several threads when there are many tenants (`synth-threads.ts`).
 */
import { join } from "node:path";
import { REPORT_FILES, SovereigntyGate } from "../lib/checks/gate";
import { writeSynthBom } from "../lib/cli/bom";
import { synthAtomically, synthSummary, underCdktfCli } from "../lib/cli/synth";
import { configWarnings } from "../lib/config/deprecations";
import { loadConfigFile } from "../lib/config/load";
import type { LandingZoneConfig } from "../lib/config/schema";
import { fastSynthesis, type App } from "../lib/core";
import { profileOf } from "../lib/profiles/profile";
import { buildApp } from "./app";
import { DEFAULT_CONFIG_PATH, PLACEHOLDER_ORGANIZATION_ID } from "./default-config";
import { PLACEHOLDER_DEPLOY_MESSAGE } from "./deploy-refusal";
import { synthInThreads, synthThreads } from "./synth-threads";

/** Synthesize the landing zone of `env`'s config; `log` prints what synth did. */
export function synthLandingZone(env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): void {
  const config = loadConfigFile(env.LANDING_ZONE_CONFIG || DEFAULT_CONFIG_PATH);
  for (const warning of configWarnings(config)) log(warning);
  const outdir = env.CDKTF_OUTDIR || "cdktf.out";
  const threads = env.SOVEREIGN_LZ_DEBUG ? 1 : synthThreads(config.tenants.length, env);
  const synth = () =>
    synthAtomically(
      (staging) => {
        const app = threads > 1 ? synthInThreads(config, staging, threads) : synthOnOneThread(config, staging);
        const context = { profile: profileOf(config.profile), operatorProjectId: config.operator.projectId };
        writeSynthBom(staging, context, SovereigntyGate.documentsOf(app));
        return SovereigntyGate.reportOf(app);
      },
      outdir,
      underCdktfCli(env),
    );
  const report = env.SOVEREIGN_LZ_DEBUG ? synth() : fastSynthesis(synth);
  if (report) for (const line of synthSummary(report, join(outdir, REPORT_FILES.markdown))) log(line);
  if (threads > 1) log(`synthesized on ${threads} threads`);
  if (config.organization.id === PLACEHOLDER_ORGANIZATION_ID) log(`note: ${PLACEHOLDER_DEPLOY_MESSAGE}`);
}

function synthOnOneThread(config: LandingZoneConfig, outdir: string): App {
  const { app } = buildApp(config, outdir);
  app.synth();
  return app;
}
