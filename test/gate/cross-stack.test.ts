/**
 * A child in one stack whose parent is in another stack of the app, named through cdktf's cross-stack reference
 * (`terraform_remote_state`): the gate judges each stack alone and reads the reference in the stack judged before it
 * whose state it reads (SOV-DATA-001).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BigqueryTable } from "@cdktf/provider-google/lib/bigquery-table";
import { SovereigntyGate, SovereigntyGateError } from "../../lib/checks/gate";
import { App, fastSynthesis } from "../../lib/core";
import { BigqueryDataset } from "../../lib/google";
import { TenantKeyRefs } from "../../lib/key-custody/key-refs";
import { profileOf } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import type { TenantContext } from "../../lib/workloads/context";
import { SovereignDataset } from "../../lib/workloads/sovereign-dataset";

const profile = profileOf("paris");
const OPERATOR = "op-key-custody";
const context: TenantContext = {
  profile,
  projectId: "slz-m-prod",
  keys: new TenantKeyRefs({ profile, operatorProjectId: OPERATOR, tenantId: "m", services: ["bigquery"] }),
};

/** An app with the dataset's stack and the table's, in `order`; the dataset made by `dataset`. */
function synth(order: "data first" | "tables first", dataset: (stack: SovereignStack) => { datasetId: string }): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), "lz-cross-")) });
  const stacks = order === "data first" ? ["data", "tables"] : ["tables", "data"];
  const [first, second] = stacks.map((id) => new SovereignStack(app, id, { profile, operatorProjectId: OPERATOR }));
  const [data, tables] = order === "data first" ? [first, second] : [second, first];
  const ds = dataset(data);
  new BigqueryTable(tables, "t", {
    datasetId: ds.datasetId,
    tableId: "t",
    project: context.projectId,
    encryptionConfiguration: { kmsKeyName: context.keys.keyId("bigquery") },
  });
  fastSynthesis(() => app.synth());
  return app;
}

const sovereign = (stack: SovereignStack) => new SovereignDataset(stack, "ds", { context, datasetId: "stats" }).dataset;

describe("a table in another stack than its dataset", () => {
  it("passes when the dataset's stack is judged before and the dataset is compliant", () => {
    const app = synth("data first", sovereign);
    expect(SovereigntyGate.reportOf(app)!.stacks.flatMap((s) => s.findings)).toEqual([]);
  });

  it("is judged by the dataset it reads: one outside the region fails it too (the negative case)", () => {
    const us = (stack: SovereignStack) => new BigqueryDataset(stack, "ds", { datasetId: "stats", location: "US", project: context.projectId });
    expect(() => synth("data first", us)).toThrow(SovereigntyGateError);
    try {
      synth("data first", us);
    } catch (e) {
      const table = (e as SovereigntyGateError).findings.filter((f) => f.stack === "tables");
      expect(table.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
        expect.stringMatching(/^SOV-DATA-001: destination google_bigquery_dataset\.ds.* is not a compliant destination/),
      ]);
    }
  });

  it("is unresolved, a finding, when its stack is judged before the dataset's", () => {
    try {
      synth("tables first", sovereign);
      throw new Error("synth passed");
    } catch (e) {
      expect(e).toBeInstanceOf(SovereigntyGateError);
      expect((e as SovereigntyGateError).findings.map((f) => `${f.stack}: ${f.ruleId}: ${f.message}`)).toEqual([
        expect.stringMatching(/^tables: SOV-DATA-001: dataset_id cannot be resolved/),
      ]);
    }
  });
});
