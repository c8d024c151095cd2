import { deepFreeze } from "../freeze";
/** IAM roles of the groups that work in a folder (a tenant's, or the landing-zone root). */

/** Predefined roles of each group on its folder. */
export const GROUP_ROLES: Readonly<Record<"admins" | "developers" | "viewers", readonly string[]>> = deepFreeze({
  admins: [
    "roles/resourcemanager.folderViewer",
    "roles/compute.networkAdmin",
    // Create and delete the tenant's service accounts, never set their IAM policy: serviceAccountAdmin
    // would let an admin grant itself the right to act as any service account below the folder.
    "roles/iam.serviceAccountCreator",
    "roles/iam.serviceAccountDeleter",
    "roles/logging.configWriter",
    "roles/monitoring.admin",
  ],
  developers: [
    "roles/resourcemanager.folderViewer",
    "roles/storage.objectAdmin",
    "roles/bigquery.dataEditor",
    "roles/pubsub.editor",
    "roles/secretmanager.secretAccessor",
  ],
  viewers: ["roles/resourcemanager.folderViewer", "roles/logging.viewer", "roles/monitoring.viewer"],
});
