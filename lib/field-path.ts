/** How messages show the path of a field, in a config or in a construct's props. */

/**
 * `["tenants", 1, "region"]` becomes `tenants[1].region`; a key that is not a
 * plain name is quoted (`landingZone["a b"]`), and the root reads `config`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  if (!path.length) return "config";
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return `${out}[${JSON.stringify(name)}]`;
    return out ? `${out}.${name}` : name;
  }, "");
}
