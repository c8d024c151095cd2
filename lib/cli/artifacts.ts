/** The files the checked documents came from, as SARIF artifacts (URIs relative to the working directory). */
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import type { SarifArtifact } from "../checks/sarif";
import type { TfDocument } from "../checks/types";

export function sarifArtifactsOf(docs: readonly TfDocument[], cwd = process.cwd()): Record<string, SarifArtifact> {
  const out: Record<string, SarifArtifact> = {};
  for (const doc of docs) {
    if (!doc.file) continue;
    out[doc.stack] = { uri: relative(cwd, doc.file).split(sep).join("/"), text: readFileSync(doc.file, "utf8") };
  }
  return out;
}
