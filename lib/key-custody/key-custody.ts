import { Construct } from "constructs";
import { KmsCryptoKey, KmsKeyRing, Project, ProjectService } from "../google";
import { tenantKeyRingName } from "../naming";
import type { KeyProtectionLevel, SovereigntyProfile } from "../profiles/profile";
import type { KmsService } from "./config";
import { TenantKeyRefs, type ITenantKeys } from "./key-refs";

/** A tenant whose keys the operator holds. */
export interface CustodyTenant {
  readonly id: string;
  /** One key per service. */
  readonly services: readonly KmsService[];
  /** @default - the custody's protection level */
  readonly keyProtection?: KeyProtectionLevel;
}

export interface KeyCustodyProps {
  readonly profile: SovereigntyProfile;
  /** The operator's key project. */
  readonly projectId: string;
  /** Create the project; false uses an existing one. @default true */
  readonly createProject?: boolean;
  /** Organization id, parent of a created project unless `parentFolderId` is set. */
  readonly organizationId: string;
  /** Folder of a created project. @default - the organization */
  readonly parentFolderId?: string;
  /** Billing account of a created project. */
  readonly billingAccount: string;
  /** Protection level of keys. @default - the profile's first level */
  readonly keyProtection?: KeyProtectionLevel;
  /** Tenants whose keys to create. */
  readonly tenants: readonly CustodyTenant[];
}

/** The operator's key custody: key project, key rings and keys per tenant. */
export class KeyCustody extends Construct {
  /** Key references per tenant id. */
  readonly tenantKeys: ReadonlyMap<string, ITenantKeys>;

  constructor(scope: Construct, id: string, props: KeyCustodyProps) {
    super(scope, id);
    const { profile } = props;
    const project =
      props.createProject === false
        ? undefined
        : new Project(this, "project", {
            projectId: props.projectId,
            name: props.projectId,
            orgId: props.parentFolderId ? undefined : props.organizationId,
            folderId: props.parentFolderId,
            billingAccount: props.billingAccount,
            autoCreateNetwork: false,
            deletionPolicy: "PREVENT",
            lifecycle: { preventDestroy: true },
          });
    const kmsApi = new ProjectService(this, "cloudkms", {
      project: props.projectId,
      service: "cloudkms.googleapis.com",
      disableOnDestroy: false,
      dependsOn: project ? [project] : undefined,
    });

    const keys = new Map<string, ITenantKeys>();
    for (const tenant of props.tenants) {
      const scopeT = new Construct(this, tenant.id);
      const ring = new KmsKeyRing(scopeT, "key-ring", {
        project: props.projectId,
        name: tenantKeyRingName(tenant.id),
        location: profile.region,
        dependsOn: [kmsApi],
        lifecycle: { preventDestroy: true },
      });
      for (const service of tenant.services) {
        new KmsCryptoKey(scopeT, service, {
          name: service,
          keyRing: ring.id,
          purpose: "ENCRYPT_DECRYPT",
          versionTemplate: {
            algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION",
            protectionLevel: tenant.keyProtection ?? props.keyProtection ?? profile.keyProtectionLevels[0],
          },
          lifecycle: { preventDestroy: true },
        });
      }
      keys.set(
        tenant.id,
        new TenantKeyRefs({ profile, operatorProjectId: props.projectId, tenantId: tenant.id, services: tenant.services }),
      );
    }
    this.tenantKeys = keys;
  }
}
