/**
 * Builds the landing-zone app from a validated config: `key-custody`,
 * `foundation`, and one `tenant-<id>` stack per tenant.
 */
import { SovereigntyChecks } from "../lib/checks/aspect";
import { App } from "../lib/core";
import { ResourceProtection } from "../lib/robustness/resource-protection";
import { profileOf } from "../lib/profiles/profile";
import type { LandingZoneConfig } from "../lib/config/schema";
import { tenantStackName } from "../lib/naming";
import { FoundationStack } from "./foundation-stack";
import { KeyCustodyStack } from "./key-custody-stack";
import { TenantStack } from "./tenant-stack";

export interface LandingZoneApp {
  readonly app: App;
  /** The sovereignty rule pack, applied to every stack. */
  readonly checks: SovereigntyChecks;
  readonly keyCustody: KeyCustodyStack;
  readonly foundation: FoundationStack;
  readonly tenants: readonly TenantStack[];
}

/** Every stack of the landing zone, in an app writing to `outdir`. */
export function buildApp(config: LandingZoneConfig, outdir?: string): LandingZoneApp {
  const app = new App({ outdir, stackTraces: false });
  const keyCustody = new KeyCustodyStack(app, "key-custody", config);
  const foundation = new FoundationStack(app, "foundation", config);
  foundation.addDependency(keyCustody);
  const tenants = config.tenants.map((tenant) => {
    const stack = new TenantStack(app, tenantStackName(tenant.id), {
      config,
      tenant,
      rootFolder: foundation.root.folderName,
    });
    stack.addDependency(keyCustody);
    stack.addDependency(foundation);
    return stack;
  });
  ResourceProtection.apply(app, config.landingZone.protectResources);
  const checks = SovereigntyChecks.apply(app, { profile: profileOf(config.profile), operatorProjectId: config.operator.projectId });
  return { app, checks, keyCustody, foundation, tenants };
}
