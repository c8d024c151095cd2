/** One rule for project ids: on S3NS every id sent to an API carries the `s3ns:` prefix, display names and bucket names never do. */
import { configWith, resourcesOf, synthAll, toS3ns } from "../helpers";

describe.each([
  ["paris", configWith(), ""],
  ["s3ns", configWith(toS3ns), "s3ns:"],
])("project ids on %s", (_name, config, prefix) => {
  const stacks = synthAll(config);
  const all = Object.values(stacks).flatMap((json) => resourcesOf(json));

  it("creates every project with the universe prefix and a display name without it", () => {
    const projects = all.filter(([type]) => type === "google_project").map(([, , body]) => body);
    expect(projects.length).toBe(1 + 1 + 3); // operator, audit, three tenant environments
    for (const p of projects) {
      expect(p.project_id.startsWith(prefix)).toBe(true);
      expect(p.project_id.slice(prefix.length)).not.toContain(":");
      expect(p.name).toBe(p.project_id.slice(prefix.length));
    }
  });

  it("refers to projects by the same prefixed id in every literal project attribute and sink destination", () => {
    const literals = all.flatMap(([type, , body]) =>
      typeof body.project === "string" && !body.project.includes("${") ? [[type, body.project]] : [],
    );
    expect(literals.length).toBeGreaterThan(10);
    for (const [, project] of literals) expect(project.startsWith(prefix) && !project.slice(prefix.length).includes(":")).toBe(true);
    for (const [, , sink] of all.filter(([type]) => type === "google_logging_folder_sink")) {
      expect(sink.destination).toMatch(new RegExp(`^logging\\.googleapis\\.com/projects/${prefix}[a-z]`));
    }
  });

  it("names buckets from the bare id (a colon is not allowed in a bucket name)", () => {
    const buckets = all.filter(([type]) => type === "google_storage_bucket").map(([, , body]) => body.name as string);
    expect(buckets.length).toBeGreaterThan(0);
    for (const name of buckets) expect(name).not.toContain(":");
  });
});
