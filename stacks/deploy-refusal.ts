/**
 * Stacks synthesized from the placeholder organization synthesize (so
 * `npm run synth` of the example works offline) but cannot be deployed: an
 * output's precondition fails at plan time, so `cdktf deploy`, `cdktf diff`
 * and `terraform plan` stop with a message saying how to point to a real
 * config. Output preconditions are evaluated during plan:
 * https://developer.hashicorp.com/terraform/language/expressions/custom-conditions#preconditions-and-postconditions
 */
import type { Construct } from "constructs";
import { Op, TerraformLocal, TerraformOutput } from "../lib/core";
import { PLACEHOLDER_ORGANIZATION_ID } from "./default-config";

/** The message a deploy of the placeholder organization stops with. */
export const PLACEHOLDER_DEPLOY_MESSAGE =
  `organization ${PLACEHOLDER_ORGANIZATION_ID} is the placeholder of the example and starter configs: the stacks synthesized from it cannot be deployed. ` +
  "Set organization.id in your config to your organization's id (the starter config of sovereign-lz init marks it CHANGE), " +
  "then synthesize again with sovereign-lz synth --config <file> (or LANDING_ZONE_CONFIG=<file>).";

/** Make `stack` refuse to plan when `organizationId` is the placeholder (a condition on a local, as Terraform requires a reference). */
export function refuseDeployOfPlaceholder(stack: Construct, organizationId: string): void {
  if (organizationId !== PLACEHOLDER_ORGANIZATION_ID) return;
  const organization = new TerraformLocal(stack, "organization_id", organizationId);
  const output = new TerraformOutput(stack, "deploy_refused", { value: PLACEHOLDER_DEPLOY_MESSAGE });
  // cdktf 0.21 keeps an output's `precondition` prop but does not write it: set the block directly.
  output.addOverride("precondition", [
    { condition: Op.neq(organization.expression, PLACEHOLDER_ORGANIZATION_ID), error_message: PLACEHOLDER_DEPLOY_MESSAGE },
  ]);
}
