/**
 * `npm run docs:examples`: write the generated examples of docs/examples
 * (from the transpiled stacks/docs-examples.ts).
 */
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { docsExamples } = require("../dist/stacks/docs-examples");

const ROOT = join(__dirname, "..");
for (const [path, text] of Object.entries(docsExamples(ROOT))) {
  writeFileSync(join(ROOT, path), text);
  console.log(`wrote ${path}`);
}
