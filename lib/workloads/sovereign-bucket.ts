import { Construct } from "constructs";
import { StorageBucket, StorageBucketIamMember } from "../google";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Cloud Storage bucket names: 3 to 63 characters, lower-case, not starting with `goog`, without `google`. */
const BUCKET_NAME = /^(?!goog)(?!.*google)[a-z0-9][a-z0-9_.-]{1,61}[a-z0-9]$/;

export interface SovereignBucketProps extends SovereignWorkloadProps, ProtectProps {
  /** Globally unique bucket name (derive it from the project id, see `workloadBucketName`). */
  readonly name: string;
  /** Location: the region. @default - the profile's region */
  readonly location?: string;
  /**
   * Keep noncurrent object versions. Cloud Storage does not combine Object
   * Versioning with a retention policy. @default - true, false with `retentionDays`
   */
  readonly versioning?: boolean;
  /** Minimum days an object is kept (retention policy). @default - no retention policy */
  readonly retentionDays?: number;
  /** Lock the retention policy (irreversible). @default false */
  readonly retentionLocked?: boolean;
  /** Days deleted objects stay recoverable: 0 (off) or 7 to 90. @default 7 */
  readonly softDeleteDays?: number;
}

const DAY = 86_400;

/**
 * A Cloud Storage bucket in the region, encrypted by default with the
 * tenant's operator-held storage key; uniform access, public access
 * prevented, versioned, never force-destroyed, protected from destroy (`protect`).
 */
export class SovereignBucket extends SovereignWorkload {
  /** The underlying `google_storage_bucket`. */
  readonly bucket: StorageBucket;

  constructor(scope: Construct, id: string, props: SovereignBucketProps) {
    super(scope, id, props, "storage", { field: "location", value: props.location });
    this.boundary.name("name", props.name, BUCKET_NAME, "3 to 63 lower-case letters, digits, -, _ or ., not starting with goog, without google");
    const softDeleteDays = props.softDeleteDays ?? 7;
    if (softDeleteDays !== 0 && !(Number.isInteger(softDeleteDays) && softDeleteDays >= 7 && softDeleteDays <= 90)) {
      throw new Error(`${this.node.path}: softDeleteDays: ${softDeleteDays} is not allowed (allowed: 0, or an integer from 7 to 90)`);
    }
    if (props.retentionDays !== undefined && !(Number.isInteger(props.retentionDays) && props.retentionDays > 0)) {
      throw new Error(`${this.node.path}: retentionDays: ${props.retentionDays} is not allowed (allowed: a positive integer)`);
    }
    if (props.versioning && props.retentionDays !== undefined) {
      throw new Error(
        `${this.node.path}: versioning: Cloud Storage does not combine Object Versioning with a retention policy (allowed: versioning or retentionDays)`,
      );
    }
    this.bucket = new StorageBucket(this, "bucket", {
      project: this.project,
      name: props.name,
      location: this.location,
      labels: props.context.labels,
      encryption: { defaultKmsKeyName: this.kmsKeyName },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: props.versioning ?? props.retentionDays === undefined },
      retentionPolicy:
        props.retentionDays === undefined ? undefined : { retentionPeriod: props.retentionDays * DAY, isLocked: props.retentionLocked ?? false },
      softDeletePolicy: { retentionDurationSeconds: softDeleteDays * DAY },
      forceDestroy: false,
      dependsOn: this.dependsOn,
    });
    applyProtection(this.bucket, props.protect);
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.bucket;
  }

  /** The bucket's name. */
  get bucketName(): string {
    return this.bucket.name;
  }
  /** The bucket's self link. */
  get bucketSelfLink(): string {
    return this.bucket.selfLink;
  }

  /** Lets `member` read objects (`roles/storage.objectViewer`). */
  grantRead(member: string, id?: string): StorageBucketIamMember {
    return grantOnBucket(this, this.bucketName, "read", member, id);
  }
  /** Lets `member` create objects (`roles/storage.objectCreator`). */
  grantWrite(member: string, id?: string): StorageBucketIamMember {
    return grantOnBucket(this, this.bucketName, "write", member, id);
  }
  /** Lets `member` read, create, replace and delete objects (`roles/storage.objectUser`). */
  grantReadWrite(member: string, id?: string): StorageBucketIamMember {
    return grantOnBucket(this, this.bucketName, "readWrite", member, id);
  }

  /** A bucket that exists already, by name: grant on it without managing it. */
  static fromBucketName(scope: Construct, id: string, bucketName: string): IBucketRef {
    const imported = new Construct(scope, id);
    const grant = (access: BucketAccess) => (member: string, grantId?: string) => grantOnBucket(imported, bucketName, access, member, grantId);
    return { bucketName, grantRead: grant("read"), grantWrite: grant("write"), grantReadWrite: grant("readWrite") };
  }
}

/** A bucket to grant on, created here or elsewhere. */
export interface IBucketRef {
  readonly bucketName: string;
  grantRead(member: string, id?: string): StorageBucketIamMember;
  grantWrite(member: string, id?: string): StorageBucketIamMember;
  grantReadWrite(member: string, id?: string): StorageBucketIamMember;
}

/** The role each bucket grant gives: one source for the bucket and a bucket known by name. */
const BUCKET_ROLES = {
  read: "roles/storage.objectViewer",
  write: "roles/storage.objectCreator",
  readWrite: "roles/storage.objectUser",
} as const;
type BucketAccess = keyof typeof BUCKET_ROLES;

function grantOnBucket(scope: Construct, bucket: string, access: BucketAccess, member: string, id: string | undefined): StorageBucketIamMember {
  return grantOn(scope, StorageBucketIamMember, { bucket }, BUCKET_ROLES[access], member, id);
}
