import { readFileSync } from "node:fs";
import { join } from "node:path";
import { docsExamples } from "../../stacks/docs-examples";
import { sarifProblems } from "../support/sarif-schema";

const ROOT = join(__dirname, "../..");

describe("generated docs examples", () => {
  const examples = docsExamples(ROOT);

  it("are current (regenerate with npm run docs:examples)", () => {
    for (const [path, text] of Object.entries(examples)) expect({ path, text: readFileSync(join(ROOT, path), "utf8") }).toEqual({ path, text });
  });

  it("show a valid SARIF log with findings on the foreign example", () => {
    const sarif = JSON.parse(examples["docs/examples/foreign.sarif.json"]);
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((r: any) => r.ruleId)).toEqual(expect.arrayContaining(["SOV-LOC-001", "SOV-KEY-001"]));
  });
});
