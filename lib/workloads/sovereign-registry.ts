import type { Construct } from "constructs";
import { ArtifactRegistryRepository, ArtifactRegistryRepositoryIamMember } from "../google";
import { assertPlainText } from "../field-rules";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Repository ids: lower-case letters, digits and hyphens, starting with a letter. */
const REPOSITORY_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export interface SovereignRegistryProps extends SovereignWorkloadProps, ProtectProps {
  /** Repository id. */
  readonly repositoryId: string;
  /** Package format (`DOCKER`, `MAVEN`, `NPM`, `PYTHON`, ...). @default "DOCKER" */
  readonly format?: string;
  /** Location: the region. @default - the profile's region */
  readonly location?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Docker tags cannot be moved once pushed (DOCKER only). @default true */
  readonly immutableTags?: boolean;
}

/**
 * An Artifact Registry repository in the region, encrypted with the
 * tenant's operator-held Artifact Registry key, protected from destroy (`protect`).
 */
export class SovereignRegistry extends SovereignWorkload {
  /** The underlying `google_artifact_registry_repository`. */
  readonly repository: ArtifactRegistryRepository;

  constructor(scope: Construct, id: string, props: SovereignRegistryProps) {
    super(scope, id, props, "artifactregistry", { field: "location", value: props.location });
    assertPlainText(this.node.path, { description: props.description });
    this.boundary.name("repositoryId", props.repositoryId, REPOSITORY_ID, "1 to 63 lower-case letters, digits or -, starting with a letter");
    const format = props.format ?? "DOCKER";
    this.repository = new ArtifactRegistryRepository(this, "repository", {
      project: this.project,
      repositoryId: props.repositoryId,
      format,
      location: this.location,
      description: props.description,
      labels: props.context.labels,
      kmsKeyName: this.kmsKeyName,
      dockerConfig: format === "DOCKER" ? { immutableTags: props.immutableTags ?? true } : undefined,
      dependsOn: this.dependsOn,
    });
    applyProtection(this.repository, props.protect);
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.repository;
  }

  /** The repository id (its name in the region). */
  get repositoryId(): string {
    return this.repository.repositoryId;
  }
  /** The repository's full name, `projects/<project>/locations/<region>/repositories/<id>` (no self link in the API). */
  get repositoryName(): string {
    return this.repository.id;
  }

  /** Lets `member` download artifacts (`roles/artifactregistry.reader`). */
  grantRead(member: string, id?: string): ArtifactRegistryRepositoryIamMember {
    return this.grantRole("roles/artifactregistry.reader", member, id);
  }
  /** Lets `member` download and upload artifacts (`roles/artifactregistry.writer`). */
  grantReadWrite(member: string, id?: string): ArtifactRegistryRepositoryIamMember {
    return this.grantRole("roles/artifactregistry.writer", member, id);
  }

  private grantRole(role: string, member: string, id: string | undefined): ArtifactRegistryRepositoryIamMember {
    const repository = { project: this.project, location: this.location, repository: this.repositoryId };
    return grantOn(this, ArtifactRegistryRepositoryIamMember, repository, role, member, id);
  }
}
