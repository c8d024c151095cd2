/**
 * JSON text that says more than `JSON.parse` keeps: an object that repeats a
 * key. `JSON.parse` keeps the last value; YAML refuses it; HCL's JSON reader
 * keeps every one (two `resource` members are two sets of blocks:
 * https://github.com/hashicorp/hcl/blob/main/json/spec.md, "Preserve
 * multiple definitions of the same property name"), so a reader using
 * `JSON.parse` would judge less than Terraform deploys.
 */

/** Whether valid JSON `text`, parsed as `value`, repeats a key in one of its objects. */
export function repeatsKey(text: string, value: unknown): boolean {
  // The parsed objects then hold fewer keys than the text has members.
  return keyCount(value) !== memberCount(text);
}

/** Keys of all objects in a parsed JSON value. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keyCount(v), 0);
  if (value === null || typeof value !== "object") return 0;
  return Object.values(value).reduce((n: number, v) => n + 1 + keyCount(v), 0);
}

/** Object members written in valid JSON text: its colons outside strings. */
function memberCount(text: string): number {
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a) members++;
  }
  return members;
}

/** How deeply `json` nests arrays and objects, walked without recursion; stops counting past `limit`. */
export function depthOf(json: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[json, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== "object") continue;
    max = Math.max(max, depth);
    if (max > limit) return max;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return max;
}
