/**
 * What a thread of a parallel synthesis runs (see `synth-threads.ts`): build
 * the app with its share of the tenants, synthesize their stacks into the
 * shared staging directory, gated one by one, and answer what the gate
 * found, their manifest entries and the cross-stack outputs they need from
 * the stacks the main thread writes.
 */
import { answerShare, stopRequested } from "./share-channel"; // first: reports a failure to load what follows
import { synthesizeChecked } from "../lib/checks/gate";
import { fastSynthesis, TerraformStack, type ISynthesisSession } from "../lib/core";
import { buildApp } from "./app";
import { crossStackOutputsOf, type ShareInput, type ShareOutput } from "./synth-threads";

answerShare<ShareInput, ShareOutput>((task) =>
  fastSynthesis(() => {
    const { config, outdir, tenants: share } = task.input;
    const { app, keyCustody, foundation, tenants } = buildApp(config, outdir, share);
    for (const stack of tenants) stack.prepareStack();
    const session: ISynthesisSession = { outdir, skipValidation: app.skipValidation, manifest: app.manifest };
    const checked = tenants.flatMap((stack) => (stopRequested(task) ? [] : synthesizeChecked([stack], session)));
    return {
      checked,
      manifest: Object.fromEntries(tenants.map((s) => [s.node.id, app.manifest.stacks[s.node.id]])),
      outputs: Object.fromEntries([keyCustody, foundation].map((s: TerraformStack) => [s.node.path, crossStackOutputsOf(s)])),
    };
  }),
);
