import type { Construct } from "constructs";
import { PubsubTopic, PubsubTopicIamMember } from "../google";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";

/** Pub/Sub topic names: 3 to 255 characters, starting with a letter, not `goog`. */
const TOPIC_NAME = /^(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/;

export interface SovereignTopicProps extends SovereignWorkloadProps {
  /** Topic name. */
  readonly name: string;
  /** The only region messages are stored in. @default - the profile's region */
  readonly region?: string;
  /** Days unacknowledged messages are kept on the topic, 1 to 31. @default - not kept on the topic */
  readonly messageRetentionDays?: number;
}

/**
 * A Pub/Sub topic encrypted with the tenant's operator-held Pub/Sub key,
 * whose messages are stored only in the region, enforced in transit too.
 */
export class SovereignTopic extends SovereignWorkload {
  /** The underlying `google_pubsub_topic`. */
  readonly topic: PubsubTopic;

  constructor(scope: Construct, id: string, props: SovereignTopicProps) {
    super(scope, id, props, "pubsub", { field: "region", value: props.region });
    this.boundary.name("name", props.name, TOPIC_NAME, "3 to 255 characters, starting with a letter, not with goog");
    const days = props.messageRetentionDays;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 31)) {
      throw new Error(`${this.node.path}: messageRetentionDays: ${days} is not allowed (allowed: an integer from 1 to 31)`);
    }
    this.topic = new PubsubTopic(this, "topic", {
      project: this.project,
      name: props.name,
      labels: props.context.labels,
      kmsKeyName: this.kmsKeyName,
      messageStoragePolicy: { allowedPersistenceRegions: [this.location], enforceInTransit: true },
      messageRetentionDuration: days === undefined ? undefined : `${days * 86_400}s`,
      dependsOn: this.dependsOn,
    });
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.topic;
  }

  /** The topic's name. */
  get topicName(): string {
    return this.topic.name;
  }
  /** The topic's full name, `projects/<project>/topics/<name>` (Pub/Sub has no self link). */
  get topicId(): string {
    return this.topic.id;
  }

  /** Lets `member` publish messages (`roles/pubsub.publisher`). */
  grantPublish(member: string, id?: string): PubsubTopicIamMember {
    return this.grantRole("roles/pubsub.publisher", member, id);
  }
  /** Lets `member` attach subscriptions to the topic (`roles/pubsub.subscriber`). */
  grantSubscribe(member: string, id?: string): PubsubTopicIamMember {
    return this.grantRole("roles/pubsub.subscriber", member, id);
  }

  private grantRole(role: string, member: string, id: string | undefined): PubsubTopicIamMember {
    return grantOn(this, PubsubTopicIamMember, { project: this.project, topic: this.topicName }, role, member, id);
  }
}
