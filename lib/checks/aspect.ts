/**
 * The rule pack as a cdktf Aspect: each stack is checked once, on its
 * synthesized JSON, so the Aspect and the standalone checker share every
 * rule. A finding becomes an error annotation on the offending resource,
 * which fails synth with the stack, the address, the rule and the fix.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { Annotations, Aspects, TerraformResource, TerraformStack, type App, type IAspect } from "../core";
import { SovereignStack } from "../stack";
import { evaluate, formatFinding } from "./engine";
import { buildReport, reportToMarkdown, stackReportsOf, type SovereigntyReport, type StackReport } from "./report";
import { suppressionsFor, waiversOf } from "./suppressions";
import { documentFromConfig } from "./terraform-json";
import type { RuleContext, TfDocument } from "./types";

/** Report file names, in the output directory. */
export const REPORT_FILES = { json: "sovereignty-report.json", markdown: "sovereignty-report.md" } as const;

export class SovereigntyChecks implements IAspect {
  /** Add the rule pack to every stack of `app` (cdktf applies aspects per stack, so call it once the stacks exist). */
  static apply(app: App, context: RuleContext): SovereigntyChecks {
    const checks = new SovereigntyChecks(context);
    for (const stack of app.node.children.filter(TerraformStack.isStack)) Aspects.of(stack).add(checks);
    return checks;
  }

  /** The last check of each stack, by stack name (a stack validated twice is reported once). */
  private readonly checked = new Map<string, { doc: TfDocument; report: StackReport }>();

  constructor(readonly context: RuleContext) {}

  /**
   * Rules run as a validation of each stack: after every aspect (ours may
   * not be the last) and before cdktf collects error annotations.
   */
  visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) node.node.addValidation({ validate: () => (this.check(node), []) });
  }

  private check(node: TerraformStack): void {
    const constructs = node.node.findAll();
    for (const c of constructs) {
      const suppressions = TerraformResource.isTerraformResource(c) ? suppressionsFor(c) : [];
      if (suppressions.length) (c as TerraformResource).addOverride("//.sovereignty.suppressions", suppressions);
    }
    const waivers = constructs.flatMap((c) => waiversOf(c).map((w) => ({ ...w, path: c.node.path })));
    if (waivers.length) node.addOverride("//.sovereignty.waivers", waivers);

    const json = node instanceof SovereignStack ? node.resolveOnce() : node.toTerraform();
    const doc = documentFromConfig(json, node.node.id);
    const { findings, suppressed } = evaluate([doc], this.context, { scope: "stack" });
    if (findings.length) {
      const byPath = new Map(constructs.map((c) => [c.node.path, c]));
      for (const f of findings) {
        const [type, name] = f.address.split(".");
        const path: string | undefined = json.resource?.[type]?.[name]?.["//"]?.metadata?.path;
        Annotations.of((path && byPath.get(path)) || node).addError(formatFinding(f));
      }
    }
    this.checked.set(doc.stack, { doc, report: stackReportsOf([doc], findings, suppressed)[0] });
  }

  /** Check the rules that span stacks, and build the report of everything checked so far. */
  report(): SovereigntyReport {
    const checked = [...this.checked.values()];
    const { findings } = evaluate(
      checked.map((c) => c.doc),
      this.context,
      { scope: "set" },
    );
    return buildReport(
      this.context,
      checked.map((c) => c.report),
      findings,
    );
  }

  /**
   * Write the report into `outdir` (after `app.synth()`); throws, naming
   * each finding, if a rule that spans stacks failed.
   */
  writeReport(outdir: string): SovereigntyReport {
    const report = this.report();
    writeFileSync(join(outdir, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(outdir, REPORT_FILES.markdown), reportToMarkdown(report));
    if (report.landingZoneFindings.length) {
      throw new Error(`sovereignty check failed:\n  ${report.landingZoneFindings.map(formatFinding).join("\n  ")}`);
    }
    return report;
  }
}
