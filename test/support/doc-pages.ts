import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The repository's root. */
export const ROOT = join(__dirname, "..", "..");

/** Every page a reader is pointed to: the README and each Markdown file under docs/, as paths from the root. */
export const DOC_PAGES: readonly string[] = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];
