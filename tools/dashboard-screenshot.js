/**
 * `npm run dashboard:screenshot`: open the example dashboard
 * (docs/examples/dashboard.html, written by `npm run docs:examples`) in
 * Debian's headless Chromium and save a screenshot as docs/images/dashboard.png.
 * Not part of `npm test`: it needs Chromium (`apt-get install chromium`).
 * The page fetches nothing; the flags keep Chromium itself off the network.
 */
const { execFileSync } = require("node:child_process");
const { existsSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const ROOT = join(__dirname, "..");
const PAGE = join(ROOT, "docs/examples/dashboard.html");
const OUT = join(ROOT, "docs/images/dashboard.png");
const CANDIDATES = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);

const browser = CANDIDATES.find((p) => existsSync(p));
if (!browser) {
  console.error("error: no Chromium found (install it with `apt-get install chromium`, or set CHROMIUM to its path)");
  process.exit(1);
}
if (!existsSync(PAGE)) {
  console.error(`error: ${PAGE} is missing: run npm run docs:examples first`);
  process.exit(1);
}
mkdirSync(join(ROOT, "docs/images"), { recursive: true });
execFileSync(
  browser,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--hide-scrollbars",
    "--window-size=1280,1500",
    `--screenshot=${OUT}`,
    pathToFileURL(PAGE).href,
  ],
  { stdio: ["ignore", "ignore", "inherit"], timeout: 60_000 },
);
console.log(`wrote ${OUT}`);
