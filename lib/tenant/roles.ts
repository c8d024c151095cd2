/** IAM roles of the tenant landing zone. */

/** Basic roles that grant far more than anyone needs: never granted. */
export const PRIMITIVE_ROLES: readonly string[] = ["roles/owner", "roles/editor", "roles/viewer"];

/** Predefined roles of each tenant group on its folder. */
export const GROUP_ROLES: Readonly<Record<"admins" | "developers" | "viewers", readonly string[]>> = {
  admins: [
    "roles/resourcemanager.folderViewer",
    "roles/compute.networkAdmin",
    "roles/iam.serviceAccountAdmin",
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
};
