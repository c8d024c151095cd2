import { Construct } from "constructs";
import {
  DataGoogleProject,
  KmsCryptoKey,
  KmsCryptoKeyVersion,
  KmsEkmConnection,
  KmsKeyRing,
  KmsKeyRingIamMember,
  Project,
  ProjectIamCustomRole,
  ProjectIamMember,
  ProjectService,
} from "../google";
import { PLATFORM_KEY_RING, apiProjectId, tenantKeyRingName } from "../naming";
import { assertLibraryProfile, type KeyProtectionLevel, type SovereigntyProfile } from "../profiles/profile";
import { certificateToRawDer } from "./certificate";
import { DEFAULT_EKM_CONNECTION_NAME, DEFAULT_EKM_KEY_PATH_PREFIX, DEFAULT_ROTATION_DAYS } from "./defaults";
import { serviceAgent } from "./service-agents";
import type { KmsService } from "../catalog/kms-services";
import { TenantKeyRefs, type ITenantKeys } from "./key-refs";
import { CryptoKeyRef } from "./crypto-key-ref";
import { ekmResolverProblems, protectionProblem } from "./protection";
import { applyProtection, type ProtectProps } from "../deletion-protection";
import { holdToBoundary } from "../stack";
import { Token } from "../core";
import { formatPath } from "../field-path";

/** A tenant whose keys the operator holds. */
export interface CustodyTenant {
  readonly id: string;
  /** One key per service. */
  readonly services: readonly KmsService[];
  /** @default - the custody's protection level */
  readonly keyProtection?: KeyProtectionLevel;
  /**
   * The tenant's deployer (`serviceAccount:...`), allowed to grant its own
   * service agents on its own keys through the narrow key-grantor role.
   * @default - no delegated grants: the tenant's grants are made by the operator
   */
  readonly deployer?: string;
}

/** A Cloud EKM connection over VPC. */
export interface EkmConnectionProps {
  /** @default "ekm" */
  readonly connectionName?: string;
  /** @default "MANUAL" */
  readonly keyManagementMode?: "MANUAL" | "CLOUD_KMS";
  /** Crypto space, required with `CLOUD_KMS`. @default - none */
  readonly cryptoSpacePath?: string;
  /** Key path prefix in the EKM (`MANUAL`); each key is `<prefix>/<tenant>-<service>`. @default "v0/keys" */
  readonly keyPathPrefix?: string;
  /** Service Directory services, host names and server certificates (PEM or base64 DER). */
  readonly serviceResolvers: readonly {
    readonly serviceDirectoryService: string;
    readonly hostname: string;
    readonly serverCertificates: readonly string[];
  }[];
}

/**
 * Props of `KeyCustody`. `protect` governs the operator project; key rings,
 * keys, key versions and the EKM connection stay protected whatever it says
 * (Cloud KMS never deletes them).
 */
export interface KeyCustodyProps extends ProtectProps {
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
  /** The only principal that administers keys (`group:...`). */
  readonly adminMember: string;
  /** Protection level of keys. @default - the profile's first level */
  readonly keyProtection?: KeyProtectionLevel;
  /** EKM connection, required for `EXTERNAL_VPC` keys. @default - none */
  readonly ekm?: EkmConnectionProps;
  /** URI template of `EXTERNAL` keys, with `{tenant}` and `{service}`. @default - none */
  readonly externalKeyUriTemplate?: string;
  /** Rotation of `HSM`/`SOFTWARE` keys, in days. @default 90 */
  readonly rotationDays?: number;
  /** Tenants whose keys to create. */
  readonly tenants: readonly CustodyTenant[];
}

/** Platform keys: the foundation's logs and the Terraform state bucket. */
const PLATFORM_SERVICES: readonly KmsService[] = ["logging", "storage"];

/** References to the platform's keys (foundation logging, state bucket), from names only. */
export function platformKeyRefs(profile: SovereigntyProfile, operatorProjectId: string): ITenantKeys {
  return new TenantKeyRefs({ profile, operatorProjectId, tenantId: PLATFORM_KEY_RING, keyRing: PLATFORM_KEY_RING, services: PLATFORM_SERVICES });
}

/** What the custody made for one owner (a tenant, or the platform). */
interface OwnedKeys {
  /** The construct the owner's key ring and keys live in. */
  readonly scope: Construct;
  readonly refs: ITenantKeys;
  readonly keys: ReadonlyMap<KmsService, KmsCryptoKey>;
  /** `keyFor` results, made once per service. */
  readonly keyRefs: Map<KmsService, CryptoKeyRef>;
}

/** Permissions of the key-grantor role: read a key and its policy, set its policy. */
const GRANTOR_PERMISSIONS = ["cloudkms.cryptoKeys.get", "cloudkms.cryptoKeys.getIamPolicy", "cloudkms.cryptoKeys.setIamPolicy"];

/**
 * The local operator's key custody: the key project, the EKM connection,
 * one key ring per tenant (and one for the platform) in the region with one
 * key per service, and IAM that leaves key administration to the operator.
 */
export class KeyCustody extends Construct {
  /** Keys of the platform (foundation logging, state bucket); also `keyRing("platform")`. */
  readonly platformKeys: ITenantKeys;
  /** The EKM connection, when a key uses `EXTERNAL_VPC`. */
  readonly ekmConnection?: KmsEkmConnection;
  private readonly props: KeyCustodyProps;
  private readonly apiProject: string;
  /** By tenant id, and `platform`. */
  private readonly owners = new Map<string, OwnedKeys>();

  constructor(scope: Construct, id: string, props: KeyCustodyProps) {
    super(scope, id);
    assertLibraryProfile(this.node.path, props.profile);
    holdToBoundary(this, { profile: props.profile, operatorProjectId: props.projectId });
    this.props = props;
    const { profile } = props;
    this.apiProject = apiProjectId(profile, props.projectId);
    const levels = new Set([props.keyProtection, ...props.tenants.map((t) => t.keyProtection)].map((l) => this.levelOf(l)));
    for (const level of levels) {
      const problem = protectionProblem(profile, level, props);
      if (problem) throw new Error(`${this.node.path}: ${problem.field}: ${problem.message}`);
    }
    if (levels.has("EXTERNAL_VPC") && props.ekm) {
      // A token (a reference to a Service Directory service) is judged by the gate in the written file.
      const [resolver] = ekmResolverProblems(profile, props.ekm.serviceResolvers, (name) => Token.isUnresolved(name));
      if (resolver) throw new Error(`${this.node.path}: ${formatPath(["ekm", ...resolver.path])}: ${resolver.message}`);
    }

    const project =
      props.createProject === false
        ? undefined
        : new Project(this, "project", {
            // On S3NS the id carries the universe prefix in every API call, creation included (Fabric's project module).
            projectId: this.apiProject,
            name: props.projectId,
            orgId: props.parentFolderId ? undefined : props.organizationId,
            folderId: props.parentFolderId,
            billingAccount: props.billingAccount,
            autoCreateNetwork: false,
          });
    if (project) applyProtection(project, props.protect);
    const apis = ["cloudkms.googleapis.com", ...(levels.has("EXTERNAL_VPC") ? ["servicedirectory.googleapis.com"] : [])].map(
      (service) =>
        new ProjectService(this, service.split(".")[0], {
          project: this.apiProject,
          service,
          disableOnDestroy: false,
          dependsOn: project ? [project] : undefined,
        }),
    );

    new ProjectIamMember(this, "admin", { project: this.apiProject, role: "roles/cloudkms.admin", member: props.adminMember });
    if (levels.has("EXTERNAL_VPC") && props.ekm) this.ekmConnection = this.createEkmConnection(props.ekm, project, apis);

    const grantorRole = props.tenants.some((t) => t.deployer)
      ? new ProjectIamCustomRole(this, "key-grantor", {
          project: this.apiProject,
          roleId: "sovereignTenantKeyGrantor",
          title: "Tenant key grantor",
          description: "Read a tenant key and set its IAM policy, to grant the tenant's own service agents",
          permissions: GRANTOR_PERMISSIONS,
        })
      : undefined;

    props.tenants.forEach((tenant, i) => {
      if (tenant.id === PLATFORM_KEY_RING) {
        throw new Error(`${this.node.path}: tenants[${i}].id: "${tenant.id}" is reserved for the platform's own keys (allowed: any other id)`);
      }
    });
    for (const tenant of props.tenants) {
      const tenantScope = new Construct(this, tenant.id);
      const { ring, keys } = this.createKeys(tenantScope, tenantKeyRingName(tenant.id), tenant.id, tenant.services, tenant.keyProtection, apis);
      if (grantorRole && tenant.deployer) {
        new KmsKeyRingIamMember(tenantScope, "key-grantor", { keyRingId: ring.id, role: grantorRole.id, member: tenant.deployer });
      }
      const refs = new TenantKeyRefs({ profile, operatorProjectId: props.projectId, tenantId: tenant.id, services: tenant.services });
      this.owners.set(tenant.id, { scope: tenantScope, refs, keys, keyRefs: new Map() });
    }
    const platformScope = new Construct(this, PLATFORM_KEY_RING);
    const { keys } = this.createKeys(platformScope, PLATFORM_KEY_RING, PLATFORM_KEY_RING, PLATFORM_SERVICES, undefined, apis);
    this.platformKeys = platformKeyRefs(profile, props.projectId);
    this.owners.set(PLATFORM_KEY_RING, { scope: platformScope, refs: this.platformKeys, keys, keyRefs: new Map() });
  }

  /**
   * The keys of a tenant (or of `platform`), one per service, as references
   * other stacks can use too (deterministic ids).
   */
  keyRing(tenantId: string): ITenantKeys {
    return this.ownerOf(tenantId).refs;
  }

  /**
   * The key of `service` of a tenant (or of `platform`), to grant on:
   * `grantEncryptDecrypt(member)`, `grantServiceAgent(agent)`. The grants
   * land in this stack and wait for the key. Throws, naming the allowed
   * values, for a tenant or a service the custody has no key for.
   */
  keyFor(tenantId: string, service: KmsService): CryptoKeyRef {
    const owner = this.ownerOf(tenantId);
    const key = owner.keys.get(service);
    if (!key) {
      throw new Error(`${this.node.path}: "${tenantId}" has no key for service "${service}" (allowed: ${[...owner.keys.keys()].join(", ")})`);
    }
    const ref = owner.keyRefs.get(service) ?? CryptoKeyRef.ofCustody(owner.scope, `${service}-ref`, owner.refs.keyId(service), key);
    owner.keyRefs.set(service, ref);
    return ref;
  }

  private ownerOf(tenantId: string): OwnedKeys {
    const owner = this.owners.get(tenantId);
    if (!owner) throw new Error(`${this.node.path}: no keys for tenant "${tenantId}" (allowed: ${[...this.owners.keys()].join(", ")})`);
    return owner;
  }

  private levelOf(level: KeyProtectionLevel | undefined): KeyProtectionLevel {
    return level ?? this.props.keyProtection ?? this.props.profile.keyProtectionLevels[0];
  }

  private createEkmConnection(ekm: EkmConnectionProps, project: Project | undefined, apis: ProjectService[]): KmsEkmConnection {
    const { profile } = this.props;
    const number = project ? project.number : new DataGoogleProject(this, "project-data", { projectId: this.apiProject }).number;
    // The EKM service agent resolves and reaches the EKM through Service Directory; it is created before its grants.
    const agent = serviceAgent(this, "ekm-agent", { profile, service: "ekm", project: this.apiProject, projectNumber: number, dependsOn: apis });
    const sdProjects = [...new Set(ekm.serviceResolvers.map((r) => r.serviceDirectoryService.split("/")[1]))];
    const grants = sdProjects.flatMap((sdProject, i) =>
      ["roles/servicedirectory.viewer", "roles/servicedirectory.pscAuthorizedService"].map(
        (role) =>
          new ProjectIamMember(this, `ekm-agent-${i}-${role.split(".")[1]}`, {
            project: apiProjectId(profile, sdProject),
            role,
            member: agent.member,
            dependsOn: [agent.createdBy],
          }),
      ),
    );
    const connection = new KmsEkmConnection(this, "ekm-connection", {
      project: this.apiProject,
      location: profile.region,
      name: ekm.connectionName ?? DEFAULT_EKM_CONNECTION_NAME,
      keyManagementMode: ekm.keyManagementMode ?? "MANUAL",
      cryptoSpacePath: ekm.cryptoSpacePath,
      serviceResolvers: ekm.serviceResolvers.map((r) => ({
        serviceDirectoryService: r.serviceDirectoryService,
        hostname: r.hostname,
        serverCertificates: r.serverCertificates.map((c) => ({ rawDer: certificateToRawDer(c) ?? c })),
      })),
      dependsOn: [...apis, ...grants],
    });
    applyProtection(connection);
    return connection;
  }

  private createKeys(
    scope: Construct,
    ringName: string,
    owner: string,
    services: readonly KmsService[],
    keyProtection: KeyProtectionLevel | undefined,
    apis: ProjectService[],
  ): { ring: KmsKeyRing; keys: Map<KmsService, KmsCryptoKey> } {
    const { profile } = this.props;
    const level = this.levelOf(keyProtection);
    const external = level === "EXTERNAL" || level === "EXTERNAL_VPC";
    const manualVersions = level === "EXTERNAL" || (level === "EXTERNAL_VPC" && this.props.ekm?.keyManagementMode !== "CLOUD_KMS");
    const ring = new KmsKeyRing(scope, "key-ring", {
      project: this.apiProject,
      name: ringName,
      location: profile.region,
      dependsOn: apis,
    });
    applyProtection(ring);
    const keys = new Map<KmsService, KmsCryptoKey>();
    for (const service of services) {
      const key = new KmsCryptoKey(scope, service, {
        name: service,
        keyRing: ring.id,
        purpose: "ENCRYPT_DECRYPT",
        versionTemplate: {
          algorithm: external ? "EXTERNAL_SYMMETRIC_ENCRYPTION" : "GOOGLE_SYMMETRIC_ENCRYPTION",
          protectionLevel: level,
        },
        cryptoKeyBackend: level === "EXTERNAL_VPC" ? this.ekmConnection?.id : undefined,
        skipInitialVersionCreation: manualVersions || undefined,
        rotationPeriod: external ? undefined : `${(this.props.rotationDays ?? DEFAULT_ROTATION_DAYS) * 86400}s`,
        labels: { owner, service },
      });
      applyProtection(key);
      keys.set(service, key);
      if (manualVersions) {
        const version = new KmsCryptoKeyVersion(scope, `${service}-version`, {
          cryptoKey: key.id,
          externalProtectionLevelOptions:
            level === "EXTERNAL"
              ? { externalKeyUri: this.props.externalKeyUriTemplate!.replace("{tenant}", owner).replace("{service}", service) }
              : { ekmConnectionKeyPath: `${this.props.ekm?.keyPathPrefix ?? DEFAULT_EKM_KEY_PATH_PREFIX}/${owner}-${service}` },
        });
        applyProtection(version);
      }
    }
    return { ring, keys };
  }
}
