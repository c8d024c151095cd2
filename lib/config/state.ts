/** Config schema for where Terraform keeps the state of each stack. */
import { CRYPTO_KEY_ID_RULE } from "../patterns";
import { z } from "zod";
import { literal } from "./fields";

const bucketName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{1,61}[a-z0-9]$/, {
  error: "must be a Cloud Storage bucket name: 3 to 63 lower-case letters, digits, -, _ or .",
});

const statePrefix = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,200}$/, {
    error: "must be a path of letters, digits, -, _, . and / (no leading /)",
  })
  .refine((s) => !s.split("/").includes(".."), { error: "must not contain .. segments" });

const cryptoKeyName = z.string().regex(CRYPTO_KEY_ID_RULE, {
  error: "must be a key name projects/P/locations/L/keyRings/R/cryptoKeys/K",
});

/**
 * `local`: a state file per stack next to the synthesized JSON (for trials).
 * `gcs`: a bucket the operator created in the region with CMEK; one prefix per stack.
 */
export const stateConfig = z
  .discriminatedUnion("backend", [
    z.strictObject({ backend: z.literal("local") }),
    z.strictObject({
      /** `local`: a state file per stack in the working directory, for trials; `gcs`: a Cloud Storage bucket, for a real landing zone. */
      backend: z.literal("gcs"),
      /** The state bucket, created by the operator (bootstrap) in the region, encrypted with the operator's key. */
      bucket: bucketName,
      /** Path prefix; each stack keeps its state under `<prefix>/<stack>`. */
      prefix: statePrefix.pipe(literal()).default("sovereign-lz"),
      /** Key that encrypts the state; default: the operator's `platform` key ring `storage` key. */
      kmsKey: cryptoKeyName.optional(),
    }),
  ])
  .default({ backend: "local" });
export type StateConfig = z.output<typeof stateConfig>;
