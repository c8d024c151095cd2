import { Construct } from "constructs";
import { EssentialContactsContact, FolderAccessApprovalSettings, FolderIamMember } from "../google";
import type { IFolderRef } from "../folder-ref";
import { PRIMITIVE_ROLES } from "../catalog/primitive-roles";
import { holdsToken } from "../field-rules";
import { identityProblem, type IdentityDomain, type IdentityKind } from "../identity";
import { GROUP_ROLES } from "./group-roles";

/** The groups of a folder, each mapped to predefined roles (`GROUP_ROLES`). */
export interface FolderGroups {
  readonly admins?: string;
  readonly developers?: string;
  readonly viewers?: string;
}

export interface FolderAccessProps {
  /** The folder: a tenant's, or the landing-zone root. */
  readonly folder: IFolderRef;
  /** Group emails. @default - none */
  readonly groups?: FolderGroups;
  /** Extra folder IAM, predefined roles only. @default - none */
  readonly iam?: readonly { readonly role: string; readonly member: string }[];
  /** Essential contacts. @default - none */
  readonly essentialContacts?: readonly { readonly email: string; readonly categories: readonly string[] }[];
  /** Access Approval on the folder (Google staff access needs the tenant's approval). @default false */
  readonly accessApproval?: boolean;
  /** The organization's identity boundary: groups, members and contacts outside it are refused (lib/identity.ts). @default - not checked */
  readonly identity?: IdentityDomain;
}

/**
 * Who may do what in a folder, and who hears about it: predefined roles for
 * groups and extra members (never a primitive role), essential contacts,
 * Access Approval. Guards tenant folders (`TenantLandingZone`) and the
 * landing-zone root folder (the foundation stack).
 */
export class FolderAccess extends Construct {
  constructor(scope: Construct, id: string, props: FolderAccessProps) {
    super(scope, id);
    this.checkIdentities(props);
    const folder = props.folder.name;
    const bindings = [
      ...Object.entries(props.groups ?? {}).flatMap(([group, email]) =>
        email
          ? GROUP_ROLES[group as keyof FolderGroups].map((role) => ({
              role,
              member: `group:${email}`,
              id: `${group}-${role}`,
              field: `groups.${group}`,
            }))
          : [],
      ),
      ...(props.iam ?? []).map((b, i) => ({ ...b, id: `${b.member}-${b.role}`, field: `iam[${i}]` })),
    ];
    const granted = new Map<string, string>();
    for (const { role, member, field, id } of bindings) {
      if (PRIMITIVE_ROLES.includes(role)) throw new Error(`${this.node.path}: ${role} is a primitive role (allowed: predefined roles)`);
      const bindingId = id.replace(/[^A-Za-z0-9@._-]/g, "_");
      const first = granted.get(bindingId);
      if (first) {
        throw new Error(`${this.node.path}: ${field}: ${member} already has ${role} (from ${first}) (allowed: each member and role once)`);
      }
      granted.set(bindingId, field);
      new FolderIamMember(this, bindingId, { folder, role, member });
    }
    for (const contact of props.essentialContacts ?? []) {
      new EssentialContactsContact(this, `contact-${contact.email}`, {
        parent: folder,
        email: contact.email,
        languageTag: "fr",
        notificationCategorySubscriptions: [...contact.categories],
      });
    }
    if (props.accessApproval) {
      new FolderAccessApprovalSettings(this, "access-approval", {
        folderId: props.folder.folderId,
        enrolledServices: [{ cloudProduct: "all", enrollmentLevel: "BLOCK_ALL" }],
        notificationEmails: props.essentialContacts?.map((c) => c.email),
      });
    }
  }

  /** Every group, member and contact inside the organization's identities, when the props carry them. */
  private checkIdentities(props: FolderAccessProps): void {
    const identity = props.identity;
    if (!identity) return;
    const check = (field: string, value: string, kind?: IdentityKind) => {
      const problem = holdsToken(value) ? undefined : identityProblem(value, identity, kind);
      if (problem) throw new Error(`${this.node.path}: ${field}: ${problem}`);
    };
    for (const [group, email] of Object.entries(props.groups ?? {})) if (email) check(`groups.${group}`, email, "group");
    (props.iam ?? []).forEach((b, i) => check(`iam[${i}].member`, b.member));
    (props.essentialContacts ?? []).forEach((c, i) => check(`essentialContacts[${i}].email`, c.email, "user"));
  }
}

/** @deprecated Renamed `FolderAccess`: it guards the landing-zone root folder too. */
export const TenantAccess = FolderAccess;
/** @deprecated Renamed `FolderAccess`. */
export type TenantAccess = FolderAccess;
/** @deprecated Renamed `FolderAccessProps`. */
export type TenantAccessProps = FolderAccessProps;
/** @deprecated Renamed `FolderGroups`. */
export type TenantGroups = FolderGroups;
