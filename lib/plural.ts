/** A count and its noun, in the singular for one: `plural(1, "stack")` is "1 stack", `plural(2, "stack")` "2 stacks". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
