/**
 * The synth command: load the config named by `LANDING_ZONE_CONFIG` (or the
 * embedded default) and synthesize every stack into `CDKTF_OUTDIR`
 * (default `cdktf.out`), all or nothing. cdktf's per-token stack traces are
 * skipped (faster synth, same output) unless `SOVEREIGN_LZ_DEBUG` is set.
 */
import { writeSynthBom } from "../lib/cli/bom";
import { synthAtomically } from "../lib/cli/synth";
import { loadConfigFile } from "../lib/config/load";
import { withoutTokenStackTraces } from "../lib/core";
import { buildApp } from "./app";
import { DEFAULT_CONFIG_PATH } from "./default-config";

export function synthLandingZone(env: NodeJS.ProcessEnv): void {
  const config = loadConfigFile(env.LANDING_ZONE_CONFIG || DEFAULT_CONFIG_PATH);
  const synth = () =>
    synthAtomically((staging) => {
      const { app, checks } = buildApp(config, staging);
      app.synth();
      checks.writeReport(staging);
      writeSynthBom(staging, checks.context);
    }, env.CDKTF_OUTDIR || "cdktf.out");
  if (env.SOVEREIGN_LZ_DEBUG) synth();
  else withoutTokenStackTraces(synth);
}
