import type { Construct } from "constructs";
import { keyCustodyProps } from "../lib/config/key-custody-props";
import type { LandingZoneConfig } from "../lib/config/schema";
import { landingZoneStackProps } from "../lib/config/stack-props";
import { KeyCustody } from "../lib/key-custody/key-custody";
import { SovereignStack } from "../lib/stack";

/** The local operator's stack: key project, key rings and keys. */
export class KeyCustodyStack extends SovereignStack {
  readonly custody: KeyCustody;

  constructor(scope: Construct, id: string, config: LandingZoneConfig) {
    super(scope, id, landingZoneStackProps(config));
    this.custody = new KeyCustody(this, "custody", keyCustodyProps(config));
  }
}
