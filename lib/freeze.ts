/**
 * Facts nobody may change at run time: the profiles, the rule pack, the
 * catalog and the other tables the rules and constructs decide by are shared
 * by every stack, and exported. Were they mutable, one line in an app
 * (`SOVEREIGNTY_RULES.splice(0)`, `typeFacts("google_storage_bucket").location.length = 0`)
 * would switch the boundary off for every stack, without a waiver.
 */

/** A set whose `add`, `delete` and `clear` throw, as assigning to a frozen object does. */
class FrozenSet<T> extends Set<T> {
  private sealed = false;
  constructor(values: Iterable<T>) {
    super(values);
    this.sealed = true;
    Object.freeze(this);
  }
  add(value: T): this {
    if (this.sealed) throw new TypeError("Cannot add to a frozen set");
    return super.add(value);
  }
  delete(): boolean {
    throw new TypeError("Cannot delete from a frozen set");
  }
  clear(): void {
    throw new TypeError("Cannot clear a frozen set");
  }
}

/** A set of facts nobody may change. */
export const frozenSet = <T>(values: Iterable<T>): ReadonlySet<T> => new FrozenSet(values);

/** `value` and every object and array it holds, frozen (functions are left as they are, not their properties). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
