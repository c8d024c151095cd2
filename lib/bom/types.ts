/**
 * The sovereignty bill of materials: per owner (a tenant, the platform, or
 * the document of foreign Terraform), every resource with its locations, its
 * customer-managed key and who may use that key, and the waivers that apply.
 * JSON Schema: `docs/schemas/sovereignty-bom.schema.json`.
 */

/** Version of the bill-of-materials format. */
export const BOM_FORMAT_VERSION = "1";

/** Someone allowed to use or administer a key. */
export interface KeyGrant {
  readonly member: string;
  readonly role: string;
  /** `key`: on the key itself; `keyRing`: on its key ring; `project`: on the key's project. */
  readonly scope: "key" | "keyRing" | "project";
  /** Where the grant is declared. */
  readonly stack: string;
  readonly address: string;
}

/** A customer-managed key, as declared or as referenced. */
export interface BomKey {
  /** Full key id, or the reference as written when it cannot be resolved. */
  readonly id: string;
  /**
   * `declared`: the key is declared in the checked documents;
   * `referenced`: a literal key id whose declaration is elsewhere (another state);
   * `unattributed`: an expression that cannot be resolved before apply, or a value that is not a key id.
   */
  readonly status: "declared" | "referenced" | "unattributed";
  readonly project?: string;
  readonly location?: string;
  readonly keyRing?: string;
  readonly key?: string;
  /** Whether it lives in the operator's key project (when the operator project is known). */
  readonly operatorHeld?: boolean;
  /** Protection level (`SOFTWARE` when a declared key sets none). */
  readonly protectionLevel?: string;
  /** EKM connection of an `EXTERNAL_VPC` key. */
  readonly ekmConnection?: string;
  /** Key path in the external key manager (`EXTERNAL_VPC`, manual mode). */
  readonly ekmKeyPath?: string;
  /** External key URI (`EXTERNAL`). */
  readonly externalKeyUri?: string;
  /** Where the key is declared. */
  readonly declaredIn?: { readonly stack: string; readonly address: string };
  readonly grants: readonly KeyGrant[];
}

/** A waiver that applies to a resource (a rule waiver, or a guardrail waiver of an ancestor). */
export interface BomWaiver {
  /** The rule or guardrail waived. */
  readonly what: string;
  readonly reason: string;
  /** The construct that carries it, when known. */
  readonly path?: string;
}

export interface BomResource {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  /** Every location, region or zone the resource names, as `attribute=value`. */
  readonly locations: readonly string[];
  /** Ids of the keys it is encrypted with (see `keys`); empty when it carries none. */
  readonly keys: readonly string[];
  /** Whether the type takes a customer-managed key. */
  readonly cmekCapable: boolean;
  readonly waivers: readonly BomWaiver[];
}

/** Everything one owner has. */
export interface BomOwner {
  /** Tenant id, `platform`, or the name of a foreign document. */
  readonly owner: string;
  readonly kind: "tenant" | "platform" | "document";
  readonly stacks: readonly string[];
  readonly resources: readonly BomResource[];
  /** Keys this owner's resources use, plus the keys of its key ring. */
  readonly keys: readonly string[];
}

export interface BillOfMaterials {
  readonly format: typeof BOM_FORMAT_VERSION;
  readonly profile: string;
  readonly region: string;
  readonly operatorProjectId?: string;
  readonly owners: readonly BomOwner[];
  /** Every key, by id. */
  readonly keys: readonly BomKey[];
  readonly summary: {
    readonly owners: number;
    readonly resources: number;
    readonly keys: number;
    readonly unattributedKeys: number;
    readonly resourcesWithoutKey: number;
    readonly waivers: number;
  };
}
