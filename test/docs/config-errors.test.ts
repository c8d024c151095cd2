/**
 * The config errors shown in docs/getting-started.md are what validation
 * prints: an unknown key lists every key allowed there, which grows with the
 * schema.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { validateConfig } from "../../lib/config/load";
import { defaultConfigInput } from "../helpers";

const GETTING_STARTED = join(__dirname, "..", "..", "docs", "getting-started.md");

/** The message of validating the default config with the three mistakes of the guide. */
function threeMistakes(): string {
  const raw = defaultConfigInput();
  raw.region = "europe-west1";
  raw.tenants[1].colour = "blue";
  raw.tenants[1].id = raw.tenants[0].id;
  try {
    validateConfig(raw, "bad.yaml");
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error("the config with three mistakes was accepted");
}

/** The message of validating the default config with one mistake. */
function oneMistake(): string {
  const raw = defaultConfigInput();
  raw.profile = "france";
  try {
    validateConfig(raw, "bad.yaml");
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error("the config with a wrong profile was accepted");
}

describe("docs/getting-started.md, config errors", () => {
  it("shows the one line a single problem prints", () => {
    const message = oneMistake();
    expect(message).not.toContain("\n");
    expect(readFileSync(GETTING_STARTED, "utf8")).toContain(`(\`${message}\`)`);
  });

  it("shows the message validation prints, line for line", () => {
    const message = threeMistakes();
    expect(message.split("\n")).toHaveLength(4);
    const blocks = [...readFileSync(GETTING_STARTED, "utf8").matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks).toContain(`${message}\n`);
  });
});
