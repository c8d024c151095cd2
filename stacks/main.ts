/** Entry point of the landing-zone app (`npm run synth`, `cdktf synth|deploy`). */
import { runCli } from "../lib/cli/synth";
import { synthLandingZone } from "./run";

runCli(() => synthLandingZone(process.env));
