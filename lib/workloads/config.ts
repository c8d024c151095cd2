/** Config schema for the example workloads a tenant stack may declare. */
import { z } from "zod";

export const workloadsConfig = z.strictObject({}).default({});
export type WorkloadsConfig = z.output<typeof workloadsConfig>;
