/** A safety rule switched off on purpose, with the written reason an auditor reads. */
export interface Waiver {
  /** What is waived: a guardrail group, a constraint or a rule id. */
  readonly what: string;
  /** Why, in the words of whoever decided it. */
  readonly reason: string;
}

/** Minimum length of a waiver's reason. */
export const MIN_REASON_LENGTH = 10;

/** Throw unless every waiver has a real reason. */
export function assertReasons(path: string, waivers: readonly Waiver[]): void {
  for (const w of waivers) {
    if (!w.reason || w.reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(`${path}: waiving "${w.what}" needs a written reason of at least ${MIN_REASON_LENGTH} characters`);
    }
  }
}
