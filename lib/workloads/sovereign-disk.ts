import type { Construct } from "constructs";
import { Token } from "../core";
import { ComputeDisk, ComputeDiskIamMember } from "../google";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Compute resource names: RFC 1035, at most 63 characters. */
const DISK_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export interface SovereignDiskProps extends SovereignWorkloadProps, ProtectProps {
  /** Disk name. */
  readonly name: string;
  /** Zone of the region. @default - the profile's first zone */
  readonly zone?: string;
  /** Size in GB. @default 10 */
  readonly sizeGb?: number;
  /** Disk type, one the profile offers. @default - the profile's first (`hyperdisk-balanced` on `s3ns`), else "pd-balanced" */
  readonly type?: string;
  /** Source image. @default - an empty disk */
  readonly image?: string;
}

/**
 * A zonal disk in a zone of the region, of a type the profile offers,
 * encrypted with the tenant's operator-held Compute key and protected from
 * destroy (`protect`).
 */
export class SovereignDisk extends SovereignWorkload {
  /** The underlying `google_compute_disk`. */
  readonly disk: ComputeDisk;

  constructor(scope: Construct, id: string, props: SovereignDiskProps) {
    const { profile } = props.context;
    super(scope, id, props, "compute", { field: "zone", value: props.zone, fallback: profile.zones[0], allowed: profile.zones });
    this.boundary.name("name", props.name, DISK_NAME, "1 to 63 lower-case letters, digits or -, starting with a letter");
    const offered = profile.compute.diskTypes;
    const type = props.type ?? offered?.[0] ?? "pd-balanced";
    if (offered && !Token.isUnresolved(type) && !offered.includes(type)) {
      throw new Error(
        `${this.node.path}: type: "${type}" is not offered by Compute Engine on profile ${profile.name} (allowed: ${offered.join(", ")})`,
      );
    }
    this.disk = new ComputeDisk(this, "disk", {
      project: this.project,
      name: props.name,
      zone: this.location,
      size: props.sizeGb ?? 10,
      type,
      image: props.image,
      labels: props.context.labels,
      diskEncryptionKey: { kmsKeySelfLink: this.kmsKeyName },
      dependsOn: this.dependsOn,
    });
    applyProtection(this.disk, props.protect);
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.disk;
  }

  /** The disk's name. */
  get diskName(): string {
    return this.disk.name;
  }
  /** The disk's self link. */
  get diskSelfLink(): string {
    return this.disk.selfLink;
  }

  /** Lets `member` see the disk's metadata, not the data on it (`roles/compute.viewer`). */
  grantView(member: string, id?: string): ComputeDiskIamMember {
    return this.grantRole("roles/compute.viewer", member, id);
  }
  /**
   * Lets `member` attach the disk to a VM (`compute.disks.use`), snapshot, resize and delete it, and set its IAM
   * (`roles/compute.storageAdmin`, on this disk only): no narrower predefined role has `compute.disks.use`.
   */
  grantAdmin(member: string, id?: string): ComputeDiskIamMember {
    return this.grantRole("roles/compute.storageAdmin", member, id);
  }

  private grantRole(role: string, member: string, id: string | undefined): ComputeDiskIamMember {
    return grantOn(this, ComputeDiskIamMember, { project: this.project, zone: this.location, name: this.diskName }, role, member, id);
  }
}
