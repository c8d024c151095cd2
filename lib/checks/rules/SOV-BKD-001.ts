import type { Rule, RuleContext, TfDocument } from "../types";
import { UNRESOLVED, resolve } from "../values";
import { keyProblem } from "./helpers";

/** What is wrong with one backend: not GCS (local excepted), or GCS without an operator key. */
function problemsOf(doc: TfDocument, backend: TfDocument["backends"][number], context: RuleContext) {
  if (backend.type === "local") return [];
  const address = `terraform.backend.${backend.type}`;
  const hit = (message: string) => [{ stack: doc.stack, address, message }];
  if (backend.type !== "gcs") return hit(`backend ${backend.type} stores the state outside the boundary (allowed: gcs, local)`);
  const key = backend.body.kms_encryption_key;
  if (key === undefined) return hit("gcs backend has no kms_encryption_key: the state is not under an operator key (allowed: an operator key)");
  const value = resolve(doc, key);
  const problem = keyProblem(typeof value === "string" ? value : UNRESOLVED, "kms_encryption_key", context);
  return problem ? hit(problem) : [];
}

/** SOV-BKD-001: the state lives in a GCS bucket under an operator key, never in another cloud or a SaaS. */
export const backendRule: Rule<"SOV-BKD-001"> = {
  id: "SOV-BKD-001",
  severity: "error",
  title: "The state backend is GCS, encrypted with an operator key",
  why: "The state holds every attribute and secret of the stack: in S3, Terraform Cloud or another remote it leaves the boundary",
  fix: 'Use backend "gcs" with a bucket in the region and kms_encryption_key set to an operator key (config state.backend: gcs)',
  scope: "stack",
  check: (docs, context) =>
    docs.flatMap((doc) => {
      const several =
        doc.backends.length > 1
          ? [
              {
                stack: doc.stack,
                address: "terraform.backend",
                message: `${doc.backends.length} backends (${doc.backends.map((b) => b.type).join(", ")}): which one holds the state cannot be verified (allowed: one gcs or local backend)`,
              },
            ]
          : [];
      // Another stack's state read through terraform_remote_state lives where its backend says.
      const remote = (doc.data ?? [])
        .filter((d) => d.type === "terraform_remote_state")
        .flatMap((d) => {
          const type = resolve(doc, d.body.backend);
          const backend = { type: typeof type === "string" ? type : "(unresolved)", body: (d.body.config ?? {}) as Record<string, any> };
          return problemsOf(doc, backend, context).map((hit) => ({ ...hit, address: d.address, message: `reads a state: ${hit.message}` }));
        });
      return [...several, ...doc.backends.flatMap((backend) => problemsOf(doc, backend, context)), ...remote];
    }),
};
