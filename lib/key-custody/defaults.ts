/** Defaults of the key custody, read by the construct and by the config schema (no cdktf here: `validate` loads it). */

/** Name of the EKM connection. */
export const DEFAULT_EKM_CONNECTION_NAME = "ekm";

/** Path prefix of keys in the EKM (`MANUAL` mode): each key is `<prefix>/<owner>-<service>`. */
export const DEFAULT_EKM_KEY_PATH_PREFIX = "v0/keys";

/** Rotation period of `HSM` and `SOFTWARE` keys, in days. */
export const DEFAULT_ROTATION_DAYS = 90;
