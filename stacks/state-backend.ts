/** The state backend of every stack, from the config (the app's side of `lib/config/state.ts`). */
import { platformKeyRefs } from "../lib/key-custody/key-custody";
import { profileOf } from "../lib/profiles/profile";
import type { GcsStateBackend } from "../lib/stack";
import type { LandingZoneConfig } from "../lib/config/schema";

/** The GCS backend settings of a config (undefined: local state); the state key defaults to the operator's platform `storage` key. */
export function gcsBackendOf(config: Pick<LandingZoneConfig, "state" | "profile" | "operator">): GcsStateBackend | undefined {
  const { state } = config;
  if (state.backend !== "gcs") return undefined;
  const kmsKey = state.kmsKey ?? platformKeyRefs(profileOf(config.profile), config.operator.projectId).keyId("storage");
  return { bucket: state.bucket, prefix: state.prefix, kmsKey };
}
