import { Construct } from "constructs";
import { assertPlainText } from "../field-rules";
import { Folder } from "../google";
import { folderFromId, type IFolderRef } from "../folder-ref";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Props of `LandingZoneRoot`; `protect` covers the root folder. */
export interface LandingZoneRootProps extends ProtectProps {
  /** Numeric organization id. */
  readonly organizationId: string;
  /** Display name of the root folder. */
  readonly displayName: string;
  /** Folder that holds the root folder. @default - the organization */
  readonly parentFolderId?: string;
}

/** The landing-zone root folder: every tenant folder lives under it. */
export class LandingZoneRoot extends Construct {
  /** The root folder. */
  readonly folder: Folder;

  constructor(scope: Construct, id: string, props: LandingZoneRootProps) {
    super(scope, id);
    assertPlainText(this.node.path, { displayName: props.displayName });
    this.folder = new Folder(this, "folder", {
      displayName: props.displayName,
      parent: props.parentFolderId ? `folders/${props.parentFolderId}` : `organizations/${props.organizationId}`,
    });
    applyProtection(this.folder, props.protect);
  }

  /** An existing root folder, by its numeric id: a light reference to build tenants and audit logging in. */
  static fromFolderId(folderId: string): IFolderRef {
    return folderFromId(folderId);
  }

  /** `folders/<id>`, for policies and sinks. */
  get folderName(): string {
    return this.folder.name;
  }
}
