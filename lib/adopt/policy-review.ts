/**
 * How the organization policies that exist already relate to what the
 * landing zone declares, before anything is deployed: an import block for
 * each existing policy the stacks declare at the same name, and one readable
 * line for every existing policy above the landing zone (on the
 * organization, on `landingZone.parentFolderId` or its ancestors): overridden
 * by the root folder's own policy (harmless, even when looser), or in force
 * inside the landing zone and then judged against the boundary (looser,
 * conflicting, or fine); and whether it stops the operator's key project,
 * which sits outside the root folder, from getting what key custody needs.
 */
import { guardrailPolicies, type PolicyRule } from "../catalog/guardrail-policies";
import { referencedResource } from "../checks/rules/helpers";
import { locationValueInside } from "../checks/rules/SOV-GRD-002";
import type { TfDocument } from "../checks/types";
import type { SovereigntyProfile } from "../profiles/profile";
import type { ImportBlock } from "./imports";
import type { ExistingPolicy, ExistingRule } from "./policy-export";
import { plural } from "../plural";

/** What the review needs to know of the landing zone beyond its stacks. */
export interface ReviewFacts {
  readonly profile: SovereigntyProfile;
  /** Numeric organization id. */
  readonly organizationId: string;
  /** Allowed member and contact domain (a fact of the guardrail values). */
  readonly domain: string;
  /** `landingZone.parentFolderId`: the folder holding the root folder; absent: the organization. */
  readonly landingZoneParentFolderId?: string;
  readonly operatorProjectId: string;
  /** Where the operator's project is: `organizations/<id>` or `folders/<id>`; absent when it exists elsewhere (not created). */
  readonly operatorParent?: string;
}

export interface ReviewLine {
  /** The existing policy's name, or `-` for a line about several. */
  readonly policy: string;
  /** Looser than the boundary, conflicting with what the landing zone needs, or not judgeable. */
  readonly finding: boolean;
  readonly text: string;
}

export interface PolicyReview {
  /** Import blocks by stack, for existing policies the stacks declare at the same name. */
  readonly imports: Readonly<Record<string, readonly ImportBlock[]>>;
  readonly lines: readonly ReviewLine[];
}

/** The landing zone's own policy of a constraint on its root folder, as synthesized. */
interface RootPolicy {
  readonly live: boolean;
  readonly dryRun: boolean;
  readonly inherits: boolean;
}

/** What the stacks declare: policies by literal name, root-folder policies by constraint, key protection levels. */
function declared(docs: readonly TfDocument[], top: string, operatorProjectId: string) {
  const byName = new Map<string, { stack: string; address: string }>();
  const onRoot = new Map<string, RootPolicy>();
  const levels = new Set<string>();
  let rootFound = false;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  for (const doc of docs) {
    for (const r of doc.resources) {
      if (r.type === "google_folder" && r.body.parent === top) rootFound = true;
      if (r.type === "google_kms_crypto_key") {
        const level = first(r.body.version_template)?.protection_level;
        const ring = typeof r.body.key_ring === "string" ? referencedResource(doc, r.body.key_ring) : undefined;
        if (typeof level === "string" && String(ring?.body.project ?? "").replace(/^[a-z0-9]+:/, "") === operatorProjectId) levels.add(level);
      }
      if (r.type !== "google_org_policy_policy" || typeof r.body.name !== "string") continue;
      if (!r.body.name.includes("${")) byName.set(r.body.name, { stack: doc.stack, address: r.address });
      const folder = typeof r.body.parent === "string" ? referencedResource(doc, r.body.parent) : undefined;
      if (folder?.type !== "google_folder" || folder.body.parent !== top) continue;
      const spec = first(r.body.spec);
      onRoot.set(r.body.name.split("/policies/")[1], {
        live: !!spec,
        dryRun: !!first(r.body.dry_run_spec),
        inherits: spec?.inherit_from_parent === true || spec?.inherit_from_parent === "TRUE",
      });
    }
  }
  return { byName, onRoot, levels, rootFound };
}

const list = (values: readonly string[]) => values.join(", ");
const plain = (v: string) => v.replace(/^is:/, "");

/** How a set of existing rules compares with the rule the landing zone needs. */
interface Judgement {
  /** Allows what the boundary forbids. */
  readonly looser: string[];
  /** Forbids what the landing zone needs. */
  readonly conflicts: string[];
  /** Cannot be compared. */
  readonly unsure: string[];
}

/** Whether an existing allowed value stays inside what `needed` allows. */
function covered(constraint: string, profile: SovereigntyProfile, value: string, needed: readonly string[]): boolean {
  if (needed.some((n) => plain(n) === plain(value))) return true;
  return constraint === "gcp.resourceLocations" && locationValueInside(profile, value);
}

function judgeRule(constraint: string, profile: SovereigntyProfile, r: ExistingRule, b: PolicyRule, out: Judgement): void {
  const allowed = r.allowedValues ?? [];
  const denied = r.deniedValues ?? [];
  const hasValues = allowed.length > 0 || denied.length > 0;
  if (b.enforce !== undefined) {
    if (r.enforce === false) out.looser.push("it is not enforced");
    else if (r.enforce !== true) out.unsure.push("it is not a boolean rule");
    else if (b.parameters && JSON.stringify(r.parameters ?? {}) !== JSON.stringify(b.parameters)) {
      out.unsure.push(`its parameters ${JSON.stringify(r.parameters ?? {})} differ from the landing zone's ${JSON.stringify(b.parameters)}`);
    }
  } else if (b.allowAll) {
    if (!r.allowAll && r.enforce !== false) out.conflicts.push("it restricts a constraint the landing zone deliberately leaves open");
  } else if (b.denyAll) {
    if (r.allowAll) out.looser.push("it allows every value");
    else if (allowed.length) out.looser.push(`it allows ${list(allowed)}`);
    else if (!r.denyAll) out.looser.push(denied.length ? `it allows every value but ${list(denied)}` : "it sets no value");
  } else if (b.allowedValues) {
    const needed = b.allowedValues;
    if (r.allowAll) out.looser.push("it allows every value");
    else if (r.denyAll) out.conflicts.push(`it denies every value, and the landing zone needs ${list(needed)}`);
    else if (allowed.length) {
      const extra = allowed.filter((v) => !covered(constraint, profile, v, needed));
      const inside = allowed.some((v) => covered(constraint, profile, v, needed));
      if (extra.length) out.looser.push(`it also allows ${list(extra)}`);
      if (!inside) {
        // A region's own value group (in:europe-west9-locations) holds that region only; wider groups (in:eu-locations) may hold ours.
        const groups = extra.filter((v) => v.startsWith("in:") && !/^in:[a-z]+(?:-[a-z]+)*[0-9]+-locations$/.test(v));
        if (groups.length) out.unsure.push(`it is unknown whether ${list(groups)} includes ${list(needed)}, which the landing zone needs`);
        else out.conflicts.push(`it does not allow ${list(needed)}, which the landing zone needs`);
      }
    } else if (denied.length) {
      out.looser.push(`it allows every value but ${list(denied)}`);
      const blocked = needed.filter((n) => denied.some((d) => plain(d) === plain(n)));
      if (blocked.length) out.conflicts.push(`it denies ${list(blocked)}, which the landing zone needs`);
    } else out.unsure.push("it sets no value");
  } else if (b.deniedValues) {
    const needed = b.deniedValues;
    if (r.allowAll) out.looser.push("it allows every value");
    else if (r.denyAll) return;
    else if (denied.length) {
      const missing = needed.filter((n) => !denied.some((d) => plain(d) === plain(n)));
      if (missing.length) out.looser.push(`it does not deny ${list(missing)}`);
    } else if (allowed.length) {
      const open = allowed.filter((v) => needed.some((n) => plain(n) === plain(v)));
      if (open.length) out.looser.push(`it allows ${list(open)}`);
    } else out.unsure.push("it sets no value");
  }
  if (b.enforce !== undefined && hasValues) out.unsure.push("it has list values on a boolean constraint");
}

/** Judge an existing policy's live rules against the rule the landing zone needs. */
function judge(p: ExistingPolicy, profile: SovereigntyProfile, b: PolicyRule): Judgement {
  const out: Judgement = { looser: [], conflicts: [], unsure: [] };
  if (p.reset) {
    if (!b.allowAll) out.looser.push("it resets the constraint to Google's default");
    return out;
  }
  const rules = p.rules ?? [];
  // Nothing of its own: it only passes on what is above it, which the export judges where it is set.
  if (!rules.length && p.inheritFromParent) return out;
  if (rules.some((r) => r.condition)) out.unsure.push("it has conditional rules (tags), which only a person can weigh");
  const plainRules = rules.filter((r) => !r.condition);
  if (!plainRules.length) out.unsure.push("it has no unconditional rule");
  for (const r of plainRules) judgeRule(p.constraint, profile, r, b, out);
  return out;
}

const verdict = (j: Judgement): string[] => [
  ...(j.looser.length ? [`looser than the boundary: ${j.looser.join("; ")}`] : []),
  ...(j.conflicts.length ? [`in conflict with what the landing zone needs: ${j.conflicts.join("; ")}`] : []),
  ...(j.unsure.length ? [`for a person to judge: ${j.unsure.join("; ")}`] : []),
];
const empty = (j: Judgement) => !j.looser.length && !j.conflicts.length && !j.unsure.length;

/** The review of `existing` against the synthesized `docs`. */
export function reviewExistingPolicies(docs: readonly TfDocument[], existing: readonly ExistingPolicy[], facts: ReviewFacts): PolicyReview {
  const organization = `organizations/${facts.organizationId}`;
  const top = facts.landingZoneParentFolderId ? `folders/${facts.landingZoneParentFolderId}` : organization;
  const { byName, onRoot, levels, rootFound } = declared(docs, top, facts.operatorProjectId);
  const boundary = new Map(guardrailPolicies({ ...facts, operatorProjectId: facts.operatorProjectId }).map((p) => [p.constraint, p]));
  // What key custody needs in the operator's project, which no landing-zone policy reaches.
  const operatorNeeds = new Map<string, PolicyRule>();
  for (const c of ["gcp.resourceLocations", "iam.allowedPolicyMemberDomains", "iam.managed.allowedPolicyMembers"]) {
    const rule = boundary.get(c)?.rule;
    if (rule) operatorNeeds.set(c, rule);
  }
  if (levels.size) operatorNeeds.set("cloudkms.allowedProtectionLevels", { allowedValues: [...levels].sort() });

  // The chains above the landing zone's and the operator's parents: complete when they reach the organization.
  const chainOf = (node: string | undefined): string[] | undefined => {
    if (!node) return undefined;
    if (node === organization) return [organization];
    for (const p of existing) {
      const i = p.ancestors?.indexOf(node) ?? -1;
      if (i >= 0 && p.ancestors![p.ancestors!.length - 1] === organization) return p.ancestors!.slice(i);
    }
    return undefined;
  };
  const lzChain = chainOf(top);
  const opChain = chainOf(facts.operatorParent);
  const place = (parent: string, chain: string[] | undefined, node: string | undefined): "above" | "unknown" | "elsewhere" => {
    if (parent === organization || parent === node || chain?.includes(parent)) return "above";
    if (parent.startsWith("projects/") || (chain && node)) return "elsewhere";
    return "unknown";
  };

  const imports: Record<string, ImportBlock[]> = {};
  const lines: ReviewLine[] = [];
  const elsewhere: string[] = [];
  if (!rootFound) {
    lines.push({
      policy: "-",
      finding: true,
      text: `the stacks hold no root folder under ${top}: every existing policy is judged as in force inside the landing zone`,
    });
  }
  for (const p of [...existing].sort((a, b) => a.name.localeCompare(b.name))) {
    const own = byName.get(p.name);
    if (own) {
      (imports[own.stack] ??= []).push({ to: own.address, id: p.name });
      lines.push({
        policy: p.name,
        finding: false,
        text: `declared by the stack ${own.stack} (${own.address}): imported; terraform plan shows how it differs`,
      });
      continue;
    }
    const inLz = place(p.parent, lzChain, top);
    const inOp = p.parent === `projects/${facts.operatorProjectId}` ? "above" : place(p.parent, opChain, facts.operatorParent);
    if (inLz === "elsewhere" && inOp === "elsewhere") {
      elsewhere.push(p.name);
      continue;
    }
    if (!p.rules) {
      lines.push({ policy: p.name, finding: false, text: "dry run only: it denies nothing" });
      continue;
    }
    const parts: string[] = [];
    let finding = false;
    if (inLz === "unknown" || inOp === "unknown")
      parts.push(`the export does not say whether ${p.parent} is above the landing zone: judged as if it were`);
    const b = boundary.get(p.constraint);
    if (inLz !== "elsewhere") {
      const root = onRoot.get(p.constraint);
      const j = b ? judge(p, facts.profile, b.rule) : undefined;
      if (root?.live && !root.inherits) {
        const why = j && !empty(j) ? `, so harmless there; on its own, ${verdict(j).join("; ")}` : "";
        parts.push(`inside the landing zone: overridden by the root folder's own ${p.constraint} (no inheritance)${why}`);
      } else {
        const setting = root?.live
          ? `the root folder's ${p.constraint} inherits from it`
          : root?.dryRun
            ? `the root folder's ${p.constraint} is dry run only`
            : b
              ? `the landing zone does not set ${p.constraint} (its guardrail group is waived)`
              : `${p.constraint} is not one of the landing zone's guardrails`;
        if (!j) parts.push(`in force inside the landing zone (${setting})`);
        else if (empty(j)) parts.push(`in force inside the landing zone (${setting}), as tight as the boundary or tighter`);
        else {
          finding = true;
          parts.push(`in force inside the landing zone (${setting}): ${verdict(j).join("; ")}`);
        }
      }
    }
    const need = operatorNeeds.get(p.constraint);
    if (inOp !== "elsewhere" && need) {
      const j = judge(p, facts.profile, need);
      const problems = [...j.conflicts, ...j.unsure];
      if (problems.length) {
        finding = true;
        parts.push(`it also applies to the operator's key project ${facts.operatorProjectId}, outside the root folder, where ${problems.join("; ")}`);
      }
    }
    lines.push({ policy: p.name, finding, text: parts.join("; ") });
  }
  if (elsewhere.length) {
    lines.push({
      policy: "-",
      finding: false,
      text: `${elsewhere.length} polic${elsewhere.length === 1 ? "y" : "ies"} on other folders or projects, not above the landing zone: not judged`,
    });
  }
  return { imports, lines };
}

/** The review as Markdown (`cdktf.out/existing-policies.md`): one bullet per line, findings first marked. */
export function reviewToMarkdown(review: PolicyReview, files: readonly string[]): string {
  const findings = review.lines.filter((l) => l.finding).length;
  return [
    "# Existing organization policies and the landing zone",
    "",
    `From ${files.map((f) => `\`${f}\``).join(", ")}: ${plural(review.lines.length, "line")}, ${plural(findings, "finding")}. See docs/brownfield.md.`,
    "",
    ...review.lines.map((l) => `- ${l.finding ? "**finding**" : "ok"}: \`${l.policy}\`: ${l.text}`),
    "",
  ].join("\n");
}
