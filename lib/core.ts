/**
 * The one module through which the library imports the CDK for Terraform
 * core. A move to CDK Terrain (`cdktn`) changes this file only.
 */
export {
  Annotations,
  App,
  Aspects,
  GcsBackend,
  LocalBackend,
  TerraformDataSource,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
} from "cdktf";
export type { IAspect, ITerraformDependable, TerraformMetaArguments } from "cdktf";
