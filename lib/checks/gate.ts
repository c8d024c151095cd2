/**
 * The sovereignty gate: the rule pack judges each stack's file as written in
 * the output directory, the file `cdktf deploy` will use. It wraps the
 * stack's synthesizer, so it runs whatever the order of construction, under
 * `new App({ skipValidation: true })` and with
 * `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`. On a finding it removes the
 * failing stack files and the manifest, writes the report, and throws: synth
 * fails and leaves nothing non-sovereign to deploy.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { IConstruct } from "constructs";
import { Manifest, TerraformResource, TerraformStack, type IStackSynthesizer, type ISynthesisSession } from "../core";
import { evaluate, failing, formatFinding, rulesOf } from "./engine";
import { assertLibraryProfile } from "../profiles/profile";
import { SOVEREIGNTY_RULES, type RulePack } from "./pack";
import { buildReport, reportToMarkdown, stackReportsOf, type SovereigntyReport, type StackReport } from "./report";
import { documentFromConfigText } from "./terraform-json";
import type { Finding, Rule, RuleContext, TfDocument, Waiver } from "./types";
import { waiversCovering, waiversOn } from "./waivers";
import { deepFreeze } from "../freeze";

/** Report file names, in the output directory. */
export const REPORT_FILES = deepFreeze({ json: "sovereignty-report.json", markdown: "sovereignty-report.md" } as const);

/** What the gate checks a stack against. */
export interface GateOptions extends RuleContext {
  /**
   * Also run the rules that span stacks (the location guardrail must be in
   * one of the gated stacks): for an app that is a whole landing zone.
   * @default false
   */
  readonly acrossStacks?: boolean;
  /** The rules to run: the sovereignty pack's, every one of them, plus any of your own (default: the sovereignty pack). */
  readonly rules?: readonly Rule[];
  /** User-supplied packs run in addition. */
  readonly packs?: readonly RulePack[];
  /** The projects of the tenant this stack belongs to: its IAM grants name only their service accounts and agents (SOV-IAM-003). @default - the whole landing zone's */
  readonly tenantProjects?: readonly string[];
}

/** A stack checked in a synth run: what the rules across stacks and the report need (plain data: it crosses threads). */
export interface CheckedStack {
  /** The stack's path in the app. */
  readonly stack: string;
  /** The stack's file, as written. */
  readonly file: string;
  /** The stack's file, as the rules read it. */
  readonly doc: TfDocument;
  readonly report: StackReport;
  /** Whether the stack asked for the rules across stacks. */
  readonly acrossStacks: boolean;
}

const GATED = new WeakMap<TerraformStack, GateOptions>();
/** One synth run (cdktf makes one session object per `app.synth()`): the gated stacks, and those checked so far. */
const RUNS = new WeakMap<ISynthesisSession, { gated: readonly TerraformStack[]; checked: CheckedStack[] }>();
/** Sessions of `synthesizeChecked`: the stacks checked so far, the rules across stacks left to `finishGate`. */
const PARTS = new WeakMap<ISynthesisSession, CheckedStack[]>();
/** The last report, per app. */
const REPORTS = new WeakMap<IConstruct, SovereigntyReport>();
/** The documents the last synth judged, per app. */
const DOCUMENTS = new WeakMap<IConstruct, readonly TfDocument[]>();

/** Synth failed the gate: the message lists every finding. */
export class SovereigntyGateError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(`sovereignty check failed; non-sovereign stacks were not written:\n  ${findings.map(formatFinding).join("\n  ")}`);
    this.name = "SovereigntyGateError";
  }
}

/** The gate runs every rule of the pack: `rules` that leave one out (`rules: []`) or replace one under its id would switch it off for the whole stack, without a waiver. */
function assertWholePack(path: string, rules: readonly Rule[] | undefined): void {
  const missing = rules ? SOVEREIGNTY_RULES.filter((r) => !rules.includes(r)).map((r) => r.id) : [];
  if (missing.length) {
    throw new Error(
      `${path}: rules: leaves out or replaces ${missing.join(", ")} (allowed: the pack's rules, SOVEREIGNTY_RULES, plus your own; switch a rule off for one resource with a waiver)`,
    );
  }
}

export class SovereigntyGate {
  /**
   * Gate `stack`: from now on its synthesis is checked by the rule pack.
   * `SovereignStack` calls it itself; for a plain `TerraformStack` use
   * `enforceSovereignty(stack, { profile })`. Calling it again replaces
   * the options.
   */
  static protect(stack: TerraformStack, options: GateOptions): void {
    assertLibraryProfile(stack.node.path, options.profile);
    assertWholePack(stack.node.path, options.rules);
    const already = GATED.has(stack);
    GATED.set(stack, options);
    if (already) return;
    let inner = stack.synthesizer;
    const gated: IStackSynthesizer = { synthesize: (session) => synthesizeGated(stack, inner, session) };
    // A synthesizer assigned later (`stack.synthesizer = ...`) runs behind the gate too: it cannot take the stack out of it.
    Object.defineProperty(stack, "synthesizer", {
      get: () => gated,
      set: (next: IStackSynthesizer) => {
        if (next !== gated) inner = next;
      },
      configurable: false,
      enumerable: true,
    });
  }

  /** Whether `stack` is gated. */
  static isGated(stack: TerraformStack): boolean {
    return GATED.has(stack);
  }

  /** The report of the last synth of the app `scope` belongs to (written as well to `sovereignty-report.json`). */
  static reportOf(scope: IConstruct): SovereigntyReport | undefined {
    return REPORTS.get(scope.node.root);
  }

  /**
   * The stacks the last synth of the app `scope` belongs to judged, as the
   * rules read them from the written files (each with its `file`), in the
   * app's order: what a tool reading the output directory again would read.
   */
  static documentsOf(scope: IConstruct): readonly TfDocument[] | undefined {
    return DOCUMENTS.get(scope.node.root);
  }
}

/**
 * Synthesize `stacks` into `session` (each stack's own synthesizer, so the
 * gated ones are checked one by one) and return what the gate found in
 * them, leaving the rules across stacks, the report and the verdict to
 * `finishGate`: for an app whose stacks are synthesized in parts (in several
 * threads). A stack that breaks a rule has its file removed, as in `app.synth()`.
 */
export function synthesizeChecked(stacks: readonly TerraformStack[], session: ISynthesisSession): CheckedStack[] {
  const checked: CheckedStack[] = [];
  PARTS.set(session, checked);
  try {
    for (const stack of stacks) stack.synthesizer.synthesize(session);
  } finally {
    PARTS.delete(session);
  }
  return checked;
}

/**
 * Write the waivers into the stack's JSON, where the engine (and
 * `sovereign-lz check`) read them: on each resource those that cover it, on
 * the stack every waiver placed in it (for the report).
 */
function recordInJson(stack: TerraformStack, options: GateOptions, appWaived: boolean): void {
  // An app whose constructs carry no waiver (its walk at the run's first gated stack) has none to record: no walk of the stack.
  const constructs = appWaived ? stack.node.findAll() : [];
  const waivers: Waiver[] = [];
  for (const c of constructs) {
    const on = waiversOn(c);
    if (on.length) waivers.push(...on);
  }
  // Waivers cover a resource from the resource or its scopes: with none in the stack or above it, no resource has any.
  if (waivers.length || (appWaived && waivedAbove(stack))) {
    for (const c of constructs) {
      const covering = TerraformResource.isTerraformResource(c) ? waiversCovering(c) : [];
      if (covering.length) (c as TerraformResource).addOverride("//.sovereignty.waivers", covering);
    }
  }
  if (waivers.length) stack.addOverride("//.sovereignty.waivers", waivers);
  stack.addOverride("//.sovereignty.profile", options.profile.name);
  if (options.operatorProjectId) stack.addOverride("//.sovereignty.operatorProjectId", options.operatorProjectId);
  if (options.organizationDomain) stack.addOverride("//.sovereignty.organizationDomain", options.organizationDomain);
  if (options.landingZonePrefix) stack.addOverride("//.sovereignty.landingZonePrefix", options.landingZonePrefix);
  if (options.tenantProjects) stack.addOverride("//.sovereignty.tenantProjects", options.tenantProjects);
}

/** Whether a scope above `stack` carries a waiver. */
function waivedAbove(stack: TerraformStack): boolean {
  for (let scope = stack.node.scope; scope; scope = scope.node.scope) if (waiversOn(scope).length) return true;
  return false;
}

/** Files Terraform loads from a stack's directory besides the stack's own: configurations (override files too) and variable values. */
const TERRAFORM_LOADS = /\.tf$|\.tf\.json$|^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/;

/**
 * What the gate needs of the whole app, from one walk per synth run at its
 * first gated stack, before that stack is written: the stacks in the app's
 * order, how many share each id (cdktf writes each stack to `stacks/<id>`),
 * and whether any construct carries a waiver. Waivers are placed when the
 * app is built (`waive`); one placed while a stack is being written (by an
 * aspect) was not recorded for that stack before either.
 */
interface AppWalk {
  readonly stacks: readonly TerraformStack[];
  readonly ids: ReadonlyMap<string, number>;
  readonly waived: boolean;
}
const APP_WALKS = new WeakMap<ISynthesisSession, AppWalk>();

function appWalk(stack: TerraformStack, session: ISynthesisSession): AppWalk {
  let walk = APP_WALKS.get(session);
  if (!walk) {
    const stacks: TerraformStack[] = [];
    const ids = new Map<string, number>();
    let waived = false;
    for (const c of stack.node.root.node.findAll()) {
      if (TerraformStack.isStack(c)) {
        stacks.push(c);
        ids.set(c.node.id, (ids.get(c.node.id) ?? 0) + 1);
      }
      if (!waived && waiversOn(c).length) waived = true;
    }
    APP_WALKS.set(session, (walk = { stacks, ids, waived }));
  }
  return walk;
}

/**
 * What the gate would not have judged: another stack of the app written to
 * the same directory (cdktf names it by the stack's id alone, so the last
 * one written replaces the judged file), or a file beside the stack's that
 * Terraform loads with it (an override file a synthesizer or an aspect wrote).
 */
function unjudgedProblem(stack: TerraformStack, session: ISynthesisSession, file: string): string | undefined {
  const { ids } = appWalk(stack, session);
  if ((ids.get(stack.node.id) ?? 0) > 1)
    return `${ids.get(stack.node.id)} stacks of the app are named "${stack.node.id}" and written to the same directory: the file deployed would not be the one judged (allowed: a stack id used once in the app)`;
  const dir = dirname(file);
  const others = readdirSync(dir).filter((name) => name !== basename(file) && TERRAFORM_LOADS.test(name));
  if (others.length)
    return `${others.join(", ")} beside the stack's file: Terraform loads them with it, and the gate did not write or judge them (allowed: the stack's ${basename(file)} alone in ${dir})`;
  return undefined;
}

function synthesizeGated(stack: TerraformStack, inner: IStackSynthesizer, session: ISynthesisSession): void {
  const options = GATED.get(stack)!;
  const outdir = session.outdir;
  if (session.manifest.hclOutput) {
    throw new Error(`${stack.node.path}: the sovereignty gate checks Terraform JSON: unset SYNTH_HCL_OUTPUT (allowed: JSON output)`);
  }
  // The stack's entry in the manifest, after the synthesizer made it (cdktf's does, first thing).
  const fileOf = () => join(outdir, session.manifest.forStack(stack).synthesizedStackPath);
  recordInJson(stack, options, appWalk(stack, session).waived);
  try {
    inner.synthesize(session);
  } catch (e) {
    removeDeployable(outdir, [fileOf()]);
    throw e;
  }
  const file = fileOf();
  const unjudged = unjudgedProblem(stack, session, file);
  if (unjudged) {
    removeDeployable(outdir, [file]);
    throw new Error(`${stack.node.path}: ${unjudged}`);
  }
  const doc = documentFromConfigText(readFileSync(file, "utf8"), stack.node.id);
  const rules = rulesOf(options);
  // The stacks judged before it in this run: a cross-stack reference to one of them is read there (SOV-DATA-001).
  const siblings = (PARTS.get(session) ?? RUNS.get(session)?.checked ?? []).map((c) => c.doc);
  const { findings, waived } = evaluate([doc], siblings.length ? { ...options, siblings } : options, { scope: "stack", rules });
  if (failing(findings)) removeDeployable(outdir, [file]);
  const checked: CheckedStack = {
    stack: stack.node.path,
    file,
    doc,
    report: stackReportsOf([doc], findings, waived, rules)[0],
    acrossStacks: options.acrossStacks ?? false,
  };
  const part = PARTS.get(session);
  if (part) return void part.push(checked);
  let run = RUNS.get(session);
  if (!run) {
    const gated = appWalk(stack, session).stacks.filter((s) => GATED.has(s));
    RUNS.set(session, (run = { gated, checked: [] }));
  }
  run.checked.push(checked);
  if (run.gated[run.gated.length - 1] === stack) finishGate(stack.node.root, options, run.checked, outdir);
}

/**
 * After the app's last gated stack (or the stacks of `synthesizeChecked`, in
 * the app's order): the rules across stacks, the report written into
 * `outdir` (and kept for `reportOf(app)`), and the verdict, thrown as a
 * `SovereigntyGateError` when an error is found.
 */
export function finishGate(app: IConstruct, options: GateOptions, checked: readonly CheckedStack[], outdir: string): SovereigntyReport {
  const across = checked.some((c) => c.acrossStacks)
    ? evaluate(
        checked.map((c) => c.doc),
        options,
        { scope: "set", rules: options.rules, packs: options.packs },
      ).findings
    : [];
  const report = buildReport(
    options,
    checked.map((c) => c.report),
    across,
    rulesOf(options),
  );
  REPORTS.set(app, report);
  DOCUMENTS.set(
    app,
    checked.map((c) => ({ ...c.doc, file: c.file })),
  );
  writeFileSync(join(outdir, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outdir, REPORT_FILES.markdown), reportToMarkdown(report));
  const findings = [...across, ...report.stacks.flatMap((s) => s.findings)];
  // Warnings are reported; only errors fail the gate.
  if (!failing(findings)) return report;
  removeDeployable(
    outdir,
    checked.filter((c) => failing(across) || failing(c.report.findings)).map((c) => c.file),
  );
  throw new SovereigntyGateError(findings);
}

/** Remove stack files and the manifest, so that `cdktf deploy` finds nothing to deploy. */
function removeDeployable(outdir: string, files: readonly string[]): void {
  for (const file of [...files, join(outdir, Manifest.fileName)]) if (existsSync(file)) rmSync(file, { force: true });
}
