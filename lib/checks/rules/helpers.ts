/** Helpers shared by the rules. */
import type { Hit, TfDocument, TfResource } from "../types";

/** Run `fn` on every resource of every document; each message becomes a hit. */
export function eachResource(docs: readonly TfDocument[], fn: (r: TfResource, doc: TfDocument) => string[]): Hit[] {
  return docs.flatMap((doc) => doc.resources.flatMap((r) => fn(r, doc).map((message) => ({ stack: doc.stack, address: r.address, message }))));
}

/** Whether a value is (or contains) an unresolved Terraform expression. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** The resource a `${type.name.attr}` reference points at, in the same document. */
export function referencedResource(doc: TfDocument, value: string): TfResource | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(value);
  return m ? doc.resources.find((r) => r.type === m[1] && r.address === `${m[1]}.${m[2]}`) : undefined;
}

/** IAM roles and members of an IAM resource (`_iam_member`, `_iam_binding`, `_iam_policy` are all covered). */
export function iamGrants(r: TfResource): { role: string; members: string[] }[] {
  if (!/_iam_(member|binding)$/.test(r.type)) return [];
  const members = [r.body.member, ...(Array.isArray(r.body.members) ? r.body.members : [])].filter((m) => typeof m === "string");
  return typeof r.body.role === "string" ? [{ role: r.body.role, members }] : [];
}
