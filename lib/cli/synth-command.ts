/**
 * `sovereign-lz synth`: synthesize the landing-zone app of the installed
 * package from a config, gated by the sovereignty rule pack. The app is
 * passed in (and loaded only when the command runs: cdktf is slow to load).
 */
import type { Command } from "commander";
import { defineCommand, EXIT, exitsWith } from "./command";

/** Synthesizes the app as `LANDING_ZONE_CONFIG`, `CDKTF_OUTDIR` and `SOVEREIGN_LZ_DEBUG` in `env` say. */
export type SynthApp = (env: NodeJS.ProcessEnv) => void;

interface SynthOptions {
  readonly config?: string;
  readonly output?: string;
}

export function synthCommand(loadApp: () => SynthApp): Command {
  return (
    defineCommand("synth", "synthesize the landing zone into Terraform JSON, checked by the sovereignty rule pack")
      .option("-c, --config <file>", "the landing-zone config (default: $LANDING_ZONE_CONFIG, else the embedded example config)")
      .option("-o, --output <dir>", "output directory (default: $CDKTF_OUTDIR, else cdktf.out)")
      // validate takes the config as its argument: a newcomer passes it here the same way.
      .showHelpAfterError("(add --help for usage; the config goes after --config: sovereign-lz synth --config <file>)")
      .addHelpText(
        "after",
        "\nExit codes: 0 synthesized, 1 invalid config or sovereignty findings (nothing written), 2 usage, unreadable config or an output directory it cannot write.",
      )
      .action(
        exitsWith((options: SynthOptions) => {
          const env = { ...process.env };
          if (options.config) env.LANDING_ZONE_CONFIG = options.config;
          if (options.output) env.CDKTF_OUTDIR = options.output;
          loadApp()(env);
          return EXIT.ok;
        }),
      )
  );
}
