/** Config schema for the operator's key custody. */
import { z } from "zod";
import { email, identifier, literal, numericId } from "./fields";
import { KEY_PROTECTION_LEVELS } from "../profiles/profile";
import { certificateToRawDer } from "../key-custody/certificate";
import { SERVICE_DIRECTORY_SERVICE_RULE } from "../patterns";
import { DEFAULT_EKM_CONNECTION_NAME, DEFAULT_EKM_KEY_PATH_PREFIX, DEFAULT_ROTATION_DAYS } from "../key-custody/defaults";

const serviceDirectoryService = z.string().regex(SERVICE_DIRECTORY_SERVICE_RULE, {
  error: "must be a Service Directory service name projects/P/locations/L/namespaces/N/services/S",
});

const certificate = z.string().refine((s) => certificateToRawDer(s) !== undefined, {
  error: "is not a valid X.509 certificate (allowed: PEM text or base64 DER)",
});

/** Cloud EKM connection over VPC, for `EXTERNAL_VPC` keys. */
export const ekmConfig = z.strictObject({
  /** Name of the EKM connection. */
  connectionName: identifier(63).default(DEFAULT_EKM_CONNECTION_NAME),
  /** `MANUAL`: the operator creates each key in the EKM; `CLOUD_KMS`: Cloud KMS manages them in a crypto space. */
  keyManagementMode: z.enum(["MANUAL", "CLOUD_KMS"]).default("MANUAL"),
  /** Crypto space of the EKM, required with `CLOUD_KMS`. */
  cryptoSpacePath: literal().optional(),
  /** Path prefix of keys in the EKM (`MANUAL`): each key is `<prefix>/<tenant>-<service>`. */
  keyPathPrefix: literal().default(DEFAULT_EKM_KEY_PATH_PREFIX),
  /** Where the EKM is reachable: a Service Directory service, its hostname and TLS certificates. */
  serviceResolvers: z
    .array(
      z.strictObject({
        serviceDirectoryService,
        hostname: z.string().regex(/^[a-z0-9.-]+$/, { error: "must be a host name" }),
        serverCertificates: z.array(certificate).min(1),
      }),
    )
    .min(1),
});
export type EkmConfig = z.output<typeof ekmConfig>;

export const operatorConfig = z.strictObject({
  /** The operator's key project. */
  projectId: identifier(30).refine((s) => s.length >= 6, { error: "must be 6 to 30 characters" }),
  /** Create the project (true) or use an existing one (false). */
  createProject: z.boolean().default(true),
  /** Folder that holds the operator project when created; default: the organization. */
  parentFolderId: numericId.optional(),
  /** Protection level of every key; default: the profile's first level. */
  keyProtection: z.enum(KEY_PROTECTION_LEVELS).optional(),
  /** The operator's key administrators (a group). */
  adminGroup: email,
  /** EKM connection, required for `EXTERNAL_VPC` keys. */
  ekm: ekmConfig.optional(),
  /** External key URI of `EXTERNAL` keys, with `{tenant}` and `{service}` placeholders. */
  externalKeyUriTemplate: z
    .string()
    .regex(/^https:\/\/[^\s${}]+(\{tenant\}|\{service\})[^\s$]*$/, {
      error: "must be an https URI with {tenant} and {service} placeholders, such as https://ekm.example.fr/v0/keys/{tenant}-{service}",
    })
    .pipe(literal())
    .optional(),
  /** Rotation period of `HSM` and `SOFTWARE` keys, in days (external keys rotate in the EKM). */
  rotationDays: z.number().int().min(1).max(3650).default(DEFAULT_ROTATION_DAYS),
});
export type OperatorConfig = z.output<typeof operatorConfig>;
