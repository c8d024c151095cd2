/**
 * Config schema of brownfield adoption (`sovereign-lz adopt`): what already
 * exists in the organization and must be imported into the stacks' state
 * (Terraform `import` blocks) rather than created.
 */
import { z } from "zod";
import type { ReviewFacts } from "../adopt/policy-review";
import { profileOf } from "../profiles/profile";
import type { LandingZoneConfig } from "./schema";

const keyRingName = z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, { error: "must be a key ring name such as tenant-ministere-a" });
const keyName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,63}\/[A-Za-z0-9_-]{1,63}$/, { error: "must be <key ring>/<key> such as tenant-ministere-a/storage" });
const keyVersion = z.string().regex(/^[A-Za-z0-9_-]{1,63}\/[A-Za-z0-9_-]{1,63}\/[1-9][0-9]{0,9}$/, {
  error: "must be <key ring>/<key>/<version number> such as tenant-ministere-a/storage/1",
});
const constraintName = z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$/, {
  error: "must be a constraint name such as gcp.resourceLocations (no constraints/ prefix)",
});

export const adoptConfig = z
  .strictObject({
    /** The operator's key project exists: import it (with `operator.createProject`, the default). */
    operatorProject: z.boolean().default(false),
    /** The EKM connection exists in the operator project. */
    ekmConnection: z.boolean().default(false),
    /** Key rings that exist in the operator project, by name. */
    keyRings: z.array(keyRingName).default([]),
    /** Keys that exist, as `<key ring>/<key>`. */
    keys: z.array(keyName).default([]),
    /** Existing versions of keys whose version the stacks declare (manual EKM keys), as `<key ring>/<key>/<n>`. */
    keyVersions: z.array(keyVersion).default([]),
    /** Organization policies already set where the stacks set them (`<parent>/policies/<constraint>`), by constraint. */
    policies: z.array(constraintName).default([]),
  })
  .optional();
export type AdoptConfig = NonNullable<z.output<typeof adoptConfig>>;

/** What the review of existing organization policies needs to know of a config's landing zone. */
export function reviewFactsOf(config: LandingZoneConfig): ReviewFacts {
  const { operator, organization, landingZone } = config;
  return {
    profile: profileOf(config.profile),
    organizationId: organization.id,
    domain: organization.domain,
    landingZoneParentFolderId: landingZone.parentFolderId,
    operatorProjectId: operator.projectId,
    // A project the stacks create sits under operator.parentFolderId or the organization; an existing one, anywhere.
    operatorParent: operator.createProject
      ? operator.parentFolderId
        ? `folders/${operator.parentFolderId}`
        : `organizations/${organization.id}`
      : undefined,
  };
}
