/** The rule pack's per-document indexes and caches answer what a scan of the document would. */
import { eachGrant, iamGrants, referencedResource, resourceAt, resourcesOfType } from "../../lib/checks/rules/helpers";
import { waitsFor } from "../../lib/checks/rules/deploy-graph";
import { firstAt, lastAt } from "../../lib/checks/address-index";
import type { TfDocument, TfResource } from "../../lib/checks/types";
import { resolve } from "../../lib/checks/values";

const resource = (type: string, name: string, body: Record<string, unknown> = {}): TfResource => ({
  address: `${type}.${name}`,
  type,
  body,
  waivers: [],
});
const docOf = (resources: TfResource[], locals: Record<string, unknown> = {}): TfDocument => ({
  stack: "s",
  source: "config",
  resources,
  providers: {},
  waivers: [],
  backends: [],
  locals,
});

describe("rule indexes", () => {
  test("resourceAt: the first resource at an address, as find() gives it; nothing at an unknown address", () => {
    const first = resource("google_kms_key_ring", "ring", { name: "a" });
    const second = resource("google_kms_key_ring", "ring", { name: "b" });
    const doc = docOf([first, second]);
    expect(resourceAt(doc, "google_kms_key_ring.ring")).toBe(first);
    expect(referencedResource(doc, "${google_kms_key_ring.ring.id}")).toBe(first);
    expect(resourceAt(doc, "google_kms_key_ring.other")).toBeUndefined();
    expect(referencedResource(doc, "${google_kms_key_ring.other.id}")).toBeUndefined();
  });

  test("firstAt, lastAt: one index per list; a repeated address gives the first (as find()) and the last (as a Map built from the list)", () => {
    const first = resource("google_kms_key_ring", "ring", { name: "a" });
    const second = resource("google_kms_key_ring", "ring", { name: "b" });
    const other = resource("google_kms_key_ring", "other", { name: "c" });
    const list = [first, other, second];
    expect(firstAt(list, "google_kms_key_ring.ring")).toBe(first);
    expect(lastAt(list, "google_kms_key_ring.ring")).toBe(second);
    expect([firstAt(list, "google_kms_key_ring.other"), lastAt(list, "google_kms_key_ring.other")]).toEqual([other, other]);
    expect(firstAt(list, "google_kms_key_ring.none")).toBeUndefined();
    expect(lastAt([first, other], "google_kms_key_ring.ring")).toBe(first);
    // The resolver follows a reference to the last block at the address.
    expect(resolve(docOf(list), "${google_kms_key_ring.ring.name}")).toBe("b");
  });

  test("a template that is one plain reference resolves as the parser reads it (the same reference with spaces goes through the parser)", () => {
    const ring = resource("google_kms_key_ring", "r-1", { project: "op", location: "europe-west9", name: "ring", labels: { a: "b" } });
    const data = { ...resource("google_project", "p", { project_id: "slz-p" }), address: "data.google_project.p" };
    const doc: TfDocument = { ...docOf([ring], { flags: { on: true } }), data: [data], variables: { region: "europe-west9" } };
    const references = [
      "google_kms_key_ring.r-1.id",
      "google_kms_key_ring.r-1.labels.a",
      "google_kms_key_ring.r-1.labels.b",
      "google_kms_key_ring.r-1",
      "google_kms_key_ring.other.id",
      "data.google_project.p.project_id",
      "var.region",
      "local.flags.on",
      "true.x",
      "null.x",
      "count.index",
      "module.m.google_kms_key_ring.r-1.id",
      "google_kms_key_ring.r-1.*.id",
    ];
    for (const ref of references) expect([ref, resolve(doc, `\${${ref}}`)]).toEqual([ref, resolve(doc, `\${ ${ref} }`)]);
    expect(resolve(doc, "${google_kms_key_ring.r-1.id}")).toBe("projects/op/locations/europe-west9/keyRings/ring");
    expect(resolve(doc, "${local.flags.on}")).toBe(true);
  });

  test("resourcesOfType: the resources of the types asked, in the document's order; none for a type absent", () => {
    const a = resource("google_storage_bucket", "a");
    const b = resource("google_project_iam_member", "b", { role: "roles/viewer", member: "group:g@example.fr" });
    const c = resource("google_storage_bucket", "c", { predefined_acl: "publicRead" });
    const d = resource("google_folder_iam_member", "d", { role: "roles/viewer", member: "group:h@example.fr" });
    const doc = docOf([a, b, c, d]);
    expect(resourcesOfType(doc, (type) => type.endsWith("_iam_member"))).toEqual([b, d]);
    expect(resourcesOfType(doc, (type) => type !== "google_folder_iam_member")).toEqual([a, b, c]);
    expect(resourcesOfType(doc, (type) => type === "google_kms_key_ring")).toEqual([]);
    // The rules that judge grants visit the resources that grant something, in order, with their grants.
    const visited = eachGrant([doc], (r, grants) => [`${r.address} ${grants.map((g) => g.members.join()).join()}`]).map((h) => h.message);
    expect(visited).toEqual([
      "google_project_iam_member.b group:g@example.fr",
      "google_storage_bucket.c allUsers",
      "google_folder_iam_member.d group:h@example.fr",
    ]);
  });

  test("iamGrants: read once per resource of a document, and again for another document (whose values differ)", () => {
    const grant = resource("google_project_iam_member", "m", { role: "roles/viewer", member: "${local.who}" });
    const a = docOf([grant], { who: "group:a@example.fr" });
    const b = docOf([grant], { who: "group:b@example.fr" });
    expect(iamGrants(a, grant)).toBe(iamGrants(a, grant));
    expect(iamGrants(a, grant)).toEqual([{ role: "roles/viewer", members: ["group:a@example.fr"] }]);
    expect(iamGrants(b, grant)).toEqual([{ role: "roles/viewer", members: ["group:b@example.fr"] }]);
  });

  test("waitsFor: every address reached through depends_on and references, each document on its own", () => {
    const key = resource("google_kms_crypto_key", "k", { key_ring: "${google_kms_key_ring.r.id}" });
    const ring = resource("google_kms_key_ring", "r", { depends_on: ["google_project_service.kms"] });
    const grant = resource("google_kms_crypto_key_iam_member", "g", { crypto_key_id: "${google_kms_crypto_key.k.id}" });
    expect([...waitsFor(docOf([key, ring, grant]), grant)].sort()).toEqual([
      "google_kms_crypto_key.k",
      "google_kms_key_ring.r",
      "google_project_service.kms",
    ]);
    expect([...waitsFor(docOf([key, grant]), grant)].sort()).toEqual(["google_kms_crypto_key.k", "google_kms_key_ring.r"]);
  });
});
