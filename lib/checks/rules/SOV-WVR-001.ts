import type { Rule, Waiver } from "../types";
import { todayUtc, waiverProblem } from "../waivers";

/** Same waiver (the resource-level copy of an inventory entry). */
const same = (a: Waiver, b: Waiver) => a.ruleId === b.ruleId && a.path === b.path && a.attribute === b.attribute && a.reason === b.reason;

export const waiverValidityRule: Rule<"SOV-WVR-001"> = {
  id: "SOV-WVR-001",
  severity: "error",
  title: "Every waiver names a rule of the pack, gives a reason of at least 10 characters, and has not expired",
  why: "A waiver switches a safety rule off: it must say why, and a temporary one must end; a waiver that does not is not honoured",
  fix: "Correct the waiver (rule id, reason, expires as YYYY-MM-DD), renew it with a new date, or fix what it waived",
  scope: "stack",
  check: (docs, context) => {
    // Today's date only when a waiver is read (most stacks have none).
    let today = context.today;
    return docs.flatMap((doc) => {
      const onResources = doc.resources.flatMap((r) => r.waivers.map((w) => ({ w, address: r.address })));
      const elsewhere = doc.waivers.filter((w) => !onResources.some((o) => same(o.w, w))).map((w) => ({ w, address: `waiver ${w.path}` }));
      return [...onResources, ...elsewhere].flatMap(({ w, address }) => {
        const problem = waiverProblem(w, today === undefined ? (today = todayUtc()) : today);
        return problem ? [{ stack: doc.stack, address, message: `waiver ${String(w.ruleId)}: ${problem}` }] : [];
      });
    });
  },
};
