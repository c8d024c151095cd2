/**
 * Builds the landing-zone app from a validated config: `key-custody`,
 * `foundation`, and one `tenant-<id>` stack per tenant. Every stack is a
 * `SovereignStack`, so synthesis runs the sovereignty gate on each written
 * stack and the rules across stacks (the report lands in the output directory).
 */
import { App } from "../lib/core";
import type { LandingZoneConfig } from "../lib/config/schema";
import { tenantStackName } from "../lib/naming";
import { refuseDeployOfPlaceholder } from "./deploy-refusal";
import { FoundationStack } from "./foundation-stack";
import { KeyCustodyStack } from "./key-custody-stack";
import { TenantStack } from "./tenant-stack";

export interface LandingZoneApp {
  readonly app: App;
  readonly keyCustody: KeyCustodyStack;
  readonly foundation: FoundationStack;
  readonly tenants: readonly TenantStack[];
}

/**
 * Every stack of the landing zone, in an app writing to `outdir`; with
 * `tenants` (indexes into `config.tenants`), the stacks of those tenants only
 * (a share of a parallel synthesis: `key-custody` and `foundation` are always built).
 */
export function buildApp(config: LandingZoneConfig, outdir?: string, tenants?: readonly number[]): LandingZoneApp {
  const app = new App({ outdir, stackTraces: false });
  const keyCustody = new KeyCustodyStack(app, "key-custody", config);
  const foundation = new FoundationStack(app, "foundation", config);
  foundation.addDependency(keyCustody);
  const selected = tenants ? tenants.map((i) => config.tenants[i]) : config.tenants;
  const tenantStacks = selected.map((tenant) => {
    const stack = new TenantStack(app, tenantStackName(tenant.id), {
      config,
      tenant,
      rootFolder: foundation.root.folderName,
    });
    stack.addDependency(keyCustody);
    stack.addDependency(foundation);
    return stack;
  });
  for (const stack of [keyCustody, foundation, ...tenantStacks]) refuseDeployOfPlaceholder(stack, config.organization.id);
  return { app, keyCustody, foundation, tenants: tenantStacks };
}
