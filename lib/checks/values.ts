/**
 * Values, not only literals: resolves Terraform expressions of a document the
 * way Terraform would for what can be known before apply — constant templates,
 * functions over literals (`lower`, `format`, `join`...), variables (their
 * default, or a plan's value), locals, and attributes of resources and data
 * sources of the same document. Anything else is UNRESOLVED, which the rules
 * report (fail closed).
 */
import { cryptoKeyIdInRing, keyRingId } from "../naming";
import { lastAt } from "./address-index";
import type { TfDocument, TfResource } from "./types";

/** A value that cannot be known before apply, or that the resolver does not understand. */
export const UNRESOLVED: unique symbol = Symbol("unresolved");
export type Resolved = unknown;

const MAX_DEPTH = 24;

/**
 * What Terraform itself fails on, for `try` and `can`: reading an attribute or an element a value does not have, where
 * the value is exactly Terraform's (see EXACT). Outside `try` it is as unresolved as UNRESOLVED.
 */
const FAILS: unique symbol = Symbol("fails");

/**
 * Objects and lists whose shape (keys, length) is exactly Terraform's: literals of an expression or of a `locals`
 * block, and the values of variables with no type conversion to apply (`exactVariables`). A typed variable's object
 * may gain optional attributes or lose extra ones, a resource's body lacks what the provider computes: reading what
 * they do not have is unresolved, never a failure.
 */
const EXACT = new WeakSet<object>();

/**
 * Mark a value, and every object and list inside it, as exactly Terraform's: `deep: false` marks the value alone;
 * `lists: false` leaves lists unmarked (a plan's value may be a set, which cannot be indexed).
 */
export function markExact(value: unknown, { deep = true, lists = true }: { deep?: boolean; lists?: boolean } = {}): void {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || EXACT.has(v)) continue;
    if (lists || !Array.isArray(v)) EXACT.add(v);
    if (deep) for (const child of Object.values(v)) stack.push(child);
  }
}

/** How deep inside `try` or `can` the evaluation is: there, what Terraform evaluates eagerly must be evaluated too. */
let IN_TRY = 0;

/** Whether a value is (or contains) a Terraform expression. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

// ---- tokenizer / parser of one expression -------------------------------------------------------

type Node =
  | { k: "lit"; v: unknown }
  | { k: "tpl"; parts: (string | Node)[] }
  | { k: "ref"; root: string; steps: (string | Node)[] }
  | { k: "call"; name: string; args: Node[] }
  | { k: "list"; items: Node[] }
  | { k: "obj"; entries: [Node, Node][] }
  | { k: "op"; op: string; args: Node[] }
  | { k: "for"; names: string[]; coll: Node; key?: Node; value: Node; cond?: Node };

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(): never {
    throw UNRESOLVED;
  }
  ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  peek() {
    this.ws();
    return this.s[this.i];
  }
  eat(c: string) {
    if (this.peek() !== c) this.fail();
    this.i++;
  }
  done() {
    this.ws();
    return this.i >= this.s.length;
  }

  /** A full expression: conditional, or, and, comparison, negation, then a primary. */
  expr(): Node {
    const cond = this.binary(0);
    if (this.peek() === "?") {
      this.i++;
      const yes = this.expr();
      this.eat(":");
      const no = this.expr();
      return { k: "op", op: "?", args: [cond, yes, no] };
    }
    return cond;
  }

  private static readonly LEVELS = [["||"], ["&&"], ["==", "!="]];

  binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = Parser.LEVELS[level].find((o) => this.s.startsWith(o, this.i));
      if (!op) return left;
      this.i += op.length;
      left = { k: "op", op, args: [left, this.binary(level + 1)] };
    }
  }

  unary(): Node {
    if (this.peek() === "!" && this.s[this.i + 1] !== "=") {
      this.i++;
      return { k: "op", op: "!", args: [this.unary()] };
    }
    return this.primary();
  }

  /** Expressions separated by commas up to `close`, which it consumes: a list's items, a call's arguments. */
  items(close: string): Node[] {
    const items: Node[] = [];
    while (this.peek() !== close) {
      items.push(this.expr());
      if (this.peek() === ",") this.i++;
      else if (this.peek() !== close) this.fail();
    }
    this.i++;
    return items;
  }

  /** After `[` or `{`: whether a `for` expression starts here (`[for s in xs : ...]`, `{for k, v in m : k => v}`). */
  private forAhead(): boolean {
    this.ws();
    return /^for\s+[A-Za-z_][\w-]*(\s*,\s*[A-Za-z_][\w-]*)?\s+in\s/.test(this.s.slice(this.i));
  }

  /** An identifier, or a failure. */
  private name(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
    return m[0];
  }

  /** A `for` expression after its opening bracket, up to and including `close`; grouping (`...`) is not understood. */
  private forExpr(close: "]" | "}"): Node {
    this.i += 3;
    const names = [this.name()];
    if (this.peek() === ",") {
      this.i++;
      names.push(this.name());
    }
    if (this.name() !== "in") this.fail();
    const coll = this.expr();
    this.eat(":");
    let key: Node | undefined;
    let value = this.expr();
    if (close === "}") {
      this.ws();
      if (!this.s.startsWith("=>", this.i)) this.fail();
      this.i += 2;
      key = value;
      value = this.expr();
    }
    let cond: Node | undefined;
    this.ws();
    if (/^if\b/.test(this.s.slice(this.i))) {
      this.i += 2;
      cond = this.expr();
    }
    this.eat(close);
    return { k: "for", names, coll, key, value, cond };
  }

  /** An object literal after its `{`: `{ key = value, "key" = value, (expr) = value }`, entries separated by commas or new lines. */
  private object(): Node {
    const entries: [Node, Node][] = [];
    while (this.peek() !== "}") {
      const k = this.peek();
      let key: Node;
      if (k === '"') key = this.string();
      else if (k === "(") {
        this.i++;
        key = this.expr();
        this.eat(")");
      } else key = { k: "lit", v: this.name() };
      const sep = this.peek();
      if (sep !== "=" && sep !== ":") this.fail();
      this.i++;
      entries.push([key, this.expr()]);
      if (this.peek() === ",") this.i++;
    }
    this.i++;
    return { k: "obj", entries };
  }

  primary(): Node {
    const c = this.peek();
    let node: Node;
    if (c === '"') node = this.string();
    else if (c === "[") {
      this.i++;
      node = this.forAhead() ? this.forExpr("]") : { k: "list", items: this.items("]") };
    } else if (c === "{") {
      this.i++;
      node = this.forAhead() ? this.forExpr("}") : this.object();
    } else if (c !== undefined && /[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(this.s.slice(this.i))!;
      this.i += m[0].length;
      node = { k: "lit", v: Number(m[0]) };
    } else if (c !== undefined && /[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i))![0];
      this.i += name.length;
      if (name === "true" || name === "false") node = { k: "lit", v: name === "true" };
      else if (name === "null") node = { k: "lit", v: null };
      else if (this.peek() === "(") {
        this.i++;
        node = { k: "call", name, args: this.items(")") };
      } else {
        const steps: (string | Node)[] = [];
        for (;;) {
          if (this.s[this.i] === ".") {
            this.i++;
            const m = /^[A-Za-z0-9_*-]+/.exec(this.s.slice(this.i));
            if (!m) this.fail();
            steps.push(m[0]);
            this.i += m[0].length;
          } else if (this.s[this.i] === "[") {
            this.i++;
            steps.push(this.expr());
            this.eat("]");
          } else break;
        }
        node = { k: "ref", root: name, steps };
      }
    } else this.fail();
    return node;
  }

  /** A quoted string, possibly a template itself. */
  string(): Node {
    this.i++;
    const parts: (string | Node)[] = [];
    let lit = "";
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      const c = this.s[this.i];
      if (c === "\\") {
        const n = this.s[this.i + 1];
        lit += n === "n" ? "\n" : n === "t" ? "\t" : n;
        this.i += 2;
      } else if (c === "$" && this.s[this.i + 1] === "{") {
        if (lit) parts.push(lit);
        lit = "";
        this.i += 2;
        parts.push(this.expr());
        this.eat("}");
      } else if (c === "%" && this.s[this.i + 1] === "{") this.fail();
      else {
        lit += c;
        this.i++;
      }
    }
    this.i++;
    if (lit) parts.push(lit);
    return parts.length === 1 && typeof parts[0] === "string" ? { k: "lit", v: parts[0] } : { k: "tpl", parts };
  }
}

/** A parsed expression, for readers of expression-like texts (a variable's type constraint). */
export type ExpressionNode = Node;

/** One expression (`object({ a = optional(string, "x") })`), or UNRESOLVED thrown when it is not understood. */
export function parseExpression(text: string): ExpressionNode {
  const p = new Parser(text);
  const node = p.expr();
  if (!p.done()) throw UNRESOLVED;
  return node;
}

/** A document with nothing to refer to. */
const LITERALS_ONLY: TfDocument = { stack: "", source: "config", resources: [], providers: {}, waivers: [], backends: [] };

/** The value of an expression made of literals only (a type constraint's default), or UNRESOLVED thrown. */
export function literalValue(node: ExpressionNode): unknown {
  return evalNode(LITERALS_ONLY, node, 0);
}

const PARSED = new Map<string, (string | Node)[] | typeof UNRESOLVED>();

/** A template's parts, parsed once per distinct string. */
function parseTemplate(s: string): (string | Node)[] {
  let parts = PARSED.get(s);
  if (parts === undefined) {
    try {
      parts = parseTemplateText(s);
    } catch (e) {
      if (e !== UNRESOLVED) throw e;
      parts = UNRESOLVED;
    }
    if (PARSED.size > 50_000) PARSED.clear();
    PARSED.set(s, parts);
  }
  if (parts === UNRESOLVED) throw UNRESOLVED;
  return parts;
}

/** A template that is one plain reference (`${google_kms_key_ring.r.id}`), the most common form: the parser's node, without the parser. */
const PLAIN_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_*-]+)+)\}$/;

/** Split a string into literal parts and `${...}` expressions (`$${` is an escaped `${`). */
function parseTemplateText(s: string): (string | Node)[] {
  const plain = PLAIN_REFERENCE.exec(s);
  if (plain && plain[1] !== "true" && plain[1] !== "false" && plain[1] !== "null") {
    return [{ k: "ref", root: plain[1], steps: plain[2].slice(1).split(".") }];
  }
  const parts: (string | Node)[] = [];
  let lit = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i)) {
      lit += "${";
      i += 3;
    } else if (s.startsWith("${", i)) {
      let depth = 1;
      let j = i + 2;
      let quoted = false;
      for (; j < s.length && depth; j++) {
        const c = s[j];
        if (c === "\\" && quoted) j++;
        else if (c === '"') quoted = !quoted;
        else if (!quoted && c === "{") depth++;
        else if (!quoted && c === "}") depth--;
      }
      if (depth) throw UNRESOLVED;
      const inner = s.slice(i + 2, j - 1);
      const p = new Parser(inner);
      const node = p.expr();
      if (!p.done()) throw UNRESOLVED;
      if (lit) parts.push(lit);
      lit = "";
      parts.push(node);
      i = j;
    } else if (s.startsWith("%{", i)) throw UNRESOLVED;
    else lit += s[i++];
  }
  if (lit) parts.push(lit);
  return parts;
}

// ---- evaluation ---------------------------------------------------------------------------------

const unresolved = (): never => {
  throw UNRESOLVED;
};
const str = (v: unknown): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw UNRESOLVED;
};
const list = (v: unknown): unknown[] =>
  Array.isArray(v)
    ? v
    : (() => {
        throw UNRESOLVED;
      })();

/** A value with nothing unknown inside (what `jsonencode` may serialize). */
const known = (v: unknown): unknown => {
  if (v === undefined || typeof v === "symbol" || typeof v === "function") throw UNRESOLVED;
  if (Array.isArray(v)) v.forEach(known);
  else if (v && typeof v === "object") Object.values(v).forEach(known);
  return v;
};

const FUNCTIONS: Record<string, (args: unknown[]) => unknown> = {
  lower: ([s]) => str(s).toLowerCase(),
  length: ([v]) =>
    Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : typeof v === "string" ? v.length : unresolved(),
  upper: ([s]) => str(s).toUpperCase(),
  title: ([s]) => str(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([s]) => str(s).trim(),
  tostring: ([s]) => str(s),
  tolist: ([l]) => list(l),
  toset: ([l]) => [...new Set(list(l))],
  join: ([sep, ...ls]) => ls.flatMap(list).map(str).join(str(sep)),
  split: ([sep, s]) => str(s).split(str(sep)),
  concat: (ls) => ls.flatMap(list),
  element: ([l, i]) => {
    const xs = list(l);
    const index = Number(i);
    // Terraform refuses an empty list and a negative or fractional index.
    if (!xs.length || !Number.isInteger(index) || index < 0) throw UNRESOLVED;
    return xs[index % xs.length];
  },
  lookup: ([m, k, d]) => {
    if (!m || typeof m !== "object" || Array.isArray(m)) throw UNRESOLVED;
    const v = hasOwn(m, str(k)) ? (m as Record<string, unknown>)[str(k)] : undefined;
    // The default only for a key an exact map lacks: a resource's map may gain the key from the provider.
    if (v === undefined && (d === undefined || !EXACT.has(m))) throw UNRESOLVED;
    return v === undefined ? d : v;
  },
  coalesce: (args) => {
    const v = args.find((a) => a !== null && a !== undefined && a !== "");
    if (v === undefined) throw UNRESOLVED;
    return v;
  },
  replace: ([s, from, to]) => {
    const f = str(from);
    if (f.startsWith("/") && f.endsWith("/")) throw UNRESOLVED;
    return str(s).split(f).join(str(to));
  },
  jsonencode: ([v]) => JSON.stringify(known(v)),
  format: ([fmt, ...args]) => {
    let i = 0;
    return str(fmt).replace(/%(%|[-+#0 ]*\d*[sdvq])/g, (m) => {
      if (m === "%%") return "%";
      const v = args[i++];
      // Terraform refuses %d of what is not a whole number.
      if (m.endsWith("d") && !/^-?\d+$/.test(str(v))) throw UNRESOLVED;
      return m.endsWith("q") ? JSON.stringify(str(v)) : str(v);
    });
  },
};

/** A body's `provider` meta-argument as Terraform reads it (`google.keys`, also written `${google.keys}`), if it has one. */
export function providerReference(body: Record<string, unknown>): string | undefined {
  return typeof body.provider === "string" ? body.provider.replace(/^\$\{|\}$/g, "") : undefined;
}

/** The provider block a resource body uses: its `provider` meta-argument (`google.keys`), else its provider's default block (the `google` one when it names none). */
export function providerBlock(doc: TfDocument, body: Record<string, unknown>): Record<string, any> | undefined {
  const [name, alias] = (providerReference(body) ?? "google").split(".");
  return (doc.providers[name] ?? []).find((p) => (alias ? p.alias === alias : !p.alias));
}

/** Ids that Google composes from a resource's attributes, for references to `.id`/`.name` of key rings and keys. */
function composedAttribute(doc: TfDocument, r: TfResource, attr: string, depth: number): unknown {
  if (attr !== "id" && !(attr === "name" && r.type === "google_kms_crypto_key") && attr !== "self_link") throw UNRESOLVED;
  const get = (k: string) => str(resolveIn(doc, r.body[k], depth + 1));
  if (r.type === "google_kms_key_ring")
    return keyRingId(
      r.body.project === undefined ? str(resolveIn(doc, providerBlock(doc, r.body)?.project, depth + 1)) : get("project"),
      get("location"),
      get("name"),
    );
  if (r.type === "google_kms_crypto_key") return cryptoKeyIdInRing(get("key_ring"), get("name"));
  if (r.type === "google_project_iam_custom_role") return `projects/${get("project")}/roles/${get("role_id")}`;
  if (r.type === "google_organization_iam_custom_role") return `organizations/${get("org_id")}/roles/${get("role_id")}`;
  throw UNRESOLVED;
}

/** Whether `name` is an own member of `value`: a name Terraform allows (`__proto__`, `constructor`) is never read from a prototype. */
const hasOwn = (value: object, name: string): boolean => Object.prototype.hasOwnProperty.call(value, name);

/**
 * Step into a value along `steps`. `exact`: whether the value itself, when it is not an object or a list, is exactly
 * Terraform's (an untyped variable's `null`); an object's or a list's exactness is its own (EXACT). Reading what an
 * exact value does not have fails as in Terraform (FAILS); reading what another value does not have is unresolved.
 */
function traverse(doc: TfDocument, value: unknown, steps: (string | Node)[], depth: number, exact = false): unknown {
  let v = value;
  for (const step of steps) {
    const key = typeof step === "string" ? step : evalNode(doc, step, depth);
    // A splat (`.*`) is not understood.
    if (key === "*") throw UNRESOLVED;
    const raw = v;
    v = resolveIn(doc, v, depth + 1);
    const known = v !== null && typeof v === "object" ? EXACT.has(v) : v === raw && exact;
    if (known && v !== undefined) {
      // Terraform: an attribute of null or of a primitive, an attribute of a list, an index past a list's end, a missing key.
      const index = typeof key === "number" ? key : /^\d+$/.test(String(key)) ? Number(key) : undefined;
      if (v === null || typeof v !== "object") throw FAILS;
      if (Array.isArray(v) ? index === undefined || !Number.isInteger(index) || index >= v.length : !hasOwn(v, String(key))) throw FAILS;
    }
    if (Array.isArray(v) && !known && typeof key === "string" && !/^\d+$/.test(key)) v = v.length === 1 ? v[0] : undefined;
    if (v === null || v === undefined || typeof v !== "object" || !hasOwn(v, String(key))) throw UNRESOLVED;
    exact = EXACT.has(v);
    v = (v as Record<string, unknown>)[String(key)];
    if (v === undefined) throw UNRESOLVED;
  }
  return resolveIn(doc, v, depth + 1);
}

/**
 * An attribute of a resource or a data source as a configuration writes it: `null` there is "not set", which the
 * provider may fill in at apply (an optional and computed attribute), so it is not known to be null. A plan's or a
 * state's null is the value.
 */
const written = (doc: TfDocument, value: unknown): unknown => {
  if (value === null && doc.source === "config") throw UNRESOLVED;
  return value;
};

function evalRef(doc: TfDocument, node: Extract<Node, { k: "ref" }>, depth: number): unknown {
  // Index access rather than `[first, ...rest]`: the resolver runs for every reference of every checked stack.
  const first = node.steps[0];
  const rest = node.steps.slice(1);
  if (BOUND && hasOwn(BOUND, node.root)) return traverse(doc, BOUND[node.root], node.steps, depth);
  if (node.root === "count" || node.root === "each") {
    const scope = CURRENT_INSTANCE?.[node.root];
    if (!scope || typeof first !== "string" || !hasOwn(scope, first)) throw UNRESOLVED;
    return traverse(doc, (scope as Record<string, unknown>)[first], rest, depth);
  }
  if (node.root === "path" || node.root === "self") throw UNRESOLVED;
  switch (node.root) {
    case "var": {
      const vars = doc.variables ?? {};
      if (typeof first !== "string" || !hasOwn(vars, first) || vars[first] === undefined) throw UNRESOLVED;
      return traverse(doc, vars[first], rest, depth, doc.exactVariables?.includes(first) === true);
    }
    case "local": {
      const locals = doc.locals ?? {};
      if (typeof first !== "string" || !hasOwn(locals, first)) throw UNRESOLVED;
      return traverse(doc, locals[first], rest, depth);
    }
    case "data": {
      const name = rest[0];
      const attr = rest[1];
      const r = typeof first === "string" && typeof name === "string" ? doc.data && lastAt(doc.data, `data.${first}.${name}`) : undefined;
      if (!r) throw UNRESOLVED;
      if (typeof attr !== "string") return inInstance(doc, r, rest.slice(1), depth);
      if (attr in r.body) return written(doc, traverse(doc, r.body, rest.slice(1), depth));
      return traverse(doc, composedAttribute(doc, r, attr, depth), rest.slice(2), depth);
    }
    default: {
      // `module.a.module.b.type.name.attr` addresses a resource inside modules (plans and states).
      let prefix = "";
      let root = node.root;
      let steps = node.steps;
      while (root === "module" && typeof steps[0] === "string" && typeof steps[1] === "string") {
        prefix += `module.${steps[0]}.`;
        root = steps[1];
        steps = steps.slice(2);
      }
      const name = steps[0];
      const attr = steps[1];
      const r = typeof name === "string" ? lastAt(doc.resources, `${prefix}${root}.${name}`) : undefined;
      if (!r) throw UNRESOLVED;
      if (typeof attr !== "string") return inInstance(doc, r, steps.slice(1), depth);
      if (attr in r.body) return written(doc, traverse(doc, r.body, steps.slice(1), depth));
      return traverse(doc, composedAttribute(doc, r, attr, depth), steps.slice(2), depth);
    }
  }
}

/**
 * `type.name[key].attr` in a configuration: the attribute of that instance of a `count` or `for_each` resource, its
 * body read with `count.index` or `each.*` bound to the instance (a key the resource's instances do not resolve to,
 * or a whole object that would be read outside the instance, is unresolved).
 */
function inInstance(doc: TfDocument, r: TfResource, steps: (string | Node)[], depth: number): unknown {
  const [index, attr] = steps;
  if (typeof index === "string" || index === undefined || typeof attr !== "string") throw UNRESOLVED;
  const key = evalNode(doc, index, depth + 1);
  if (r.body.count === undefined && r.body.for_each === undefined) throw UNRESOLVED;
  // As instancesOf reads them, within this evaluation's depth (a for_each naming its own instances is a cycle).
  const instance = instancesWith(r.body, (v) => resolveIn(doc, v, depth + 1)).find(
    (i) => i !== undefined && (i.count ? i.count.index === key : i.each?.key === key),
  );
  if (!instance) throw UNRESOLVED;
  const previous = CURRENT_INSTANCE;
  CURRENT_INSTANCE = instance;
  try {
    const rest = steps.slice(1);
    const v = attr in r.body ? traverse(doc, r.body, rest, depth) : traverse(doc, composedAttribute(doc, r, attr, depth), rest.slice(1), depth);
    if (v !== null && typeof v === "object") throw UNRESOLVED;
    return v;
  } finally {
    CURRENT_INSTANCE = previous;
  }
}

function evalNode(doc: TfDocument, node: Node, depth: number): unknown {
  if (depth > MAX_DEPTH) throw UNRESOLVED;
  switch (node.k) {
    case "lit":
      return node.v;
    case "list": {
      const items = node.items.map((n) => evalNode(doc, n, depth + 1));
      EXACT.add(items);
      return items;
    }
    case "obj": {
      const entries = node.entries.map(([k, v]) => [str(evalNode(doc, k, depth + 1)), evalNode(doc, v, depth + 1)] as const);
      // Terraform refuses a key given twice.
      if (new Set(entries.map(([k]) => k)).size !== entries.length) throw UNRESOLVED;
      const object = Object.fromEntries(entries);
      EXACT.add(object);
      return object;
    }
    case "tpl":
      return node.parts.map((p) => (typeof p === "string" ? p : str(evalNode(doc, p, depth + 1)))).join("");
    case "call": {
      if (node.name === "try" || node.name === "can") return evalTry(doc, node.name, node.args, depth);
      const fn = FUNCTIONS[node.name];
      if (!fn) throw UNRESOLVED;
      return fn(node.args.map((a) => evalNode(doc, a, depth + 1)));
    }
    case "ref":
      return evalRef(doc, node, depth);
    case "for":
      return evalFor(doc, node, depth);
    case "op": {
      const [a, b, c] = node.args;
      const bool = (n: Node) => {
        const v = evalNode(doc, n, depth + 1);
        if (typeof v !== "boolean") throw UNRESOLVED;
        return v;
      };
      if (node.op === "?") {
        const [chosen, other] = bool(a) ? [b, c] : [c, b];
        const value = evalNode(doc, chosen, depth + 1);
        if (IN_TRY) unifiable(doc, value, chosen, other, depth);
        return value;
      }
      if (node.op === "!") return !bool(a);
      if (node.op === "&&" || node.op === "||") {
        const left = bool(a);
        // Terraform evaluates both operands (a failing one fails the whole): inside try, the one skipped here must not fail.
        if (left === (node.op === "||")) return IN_TRY ? (skipped(() => bool(b)), left) : left;
        return bool(b);
      }
      const l = evalNode(doc, a, depth + 1);
      const r = evalNode(doc, b, depth + 1);
      // Against null, any value compares (Fabric's `var.x == null ? [] : [""]`); objects and lists with each other are not understood.
      if (l !== null && r !== null && (typeof l === "object" || typeof r === "object")) throw UNRESOLVED;
      return node.op === "==" ? l === r : l !== r;
    }
  }
}

/** The names a `for` expression binds while its body is evaluated (`s` in `[for s in xs : s]`). */
let BOUND: Record<string, unknown> | undefined;

/**
 * A `for` expression as Terraform evaluates it: over a list, one name takes each element and two take the index and
 * the element; over an object, one name takes each value and two take the key and the value, keys in lexical order.
 */
function evalFor(doc: TfDocument, node: Extract<Node, { k: "for" }>, depth: number): unknown {
  const coll = resolveIn(doc, evalNode(doc, node.coll, depth + 1), depth + 1);
  if (coll === null || typeof coll !== "object") throw UNRESOLVED;
  const pairs: [unknown, unknown][] = Array.isArray(coll)
    ? coll.map((v, i) => [i, v])
    : Object.keys(coll)
        .sort()
        .map((k) => [k, (coll as Record<string, unknown>)[k]]);
  const outer = BOUND;
  const items: unknown[] = [];
  const entries: [string, unknown][] = [];
  try {
    for (const [k, v] of pairs) {
      BOUND = { ...outer, ...(node.names.length === 2 ? { [node.names[0]]: k, [node.names[1]]: v } : { [node.names[0]]: v }) };
      if (node.cond) {
        const keep = evalNode(doc, node.cond, depth + 1);
        if (typeof keep !== "boolean") throw UNRESOLVED;
        if (!keep) continue;
      }
      const value = evalNode(doc, node.value, depth + 1);
      if (node.key) entries.push([str(evalNode(doc, node.key, depth + 1)), value]);
      else items.push(value);
    }
  } finally {
    BOUND = outer;
  }
  const exact = EXACT.has(coll);
  if (!node.key) {
    if (exact) EXACT.add(items);
    return items;
  }
  // Two elements with the same key need grouping (`...`), which is not understood.
  if (new Set(entries.map(([k]) => k)).size !== entries.length) throw UNRESOLVED;
  const object = Object.fromEntries(entries);
  if (exact) EXACT.add(object);
  return object;
}

/**
 * Terraform's `try` (the first argument that evaluates without failing) and `can` (whether the argument evaluates
 * without failing), as HCL's tryfunc implements them: an argument that depends on what is not known yet makes the
 * result unknown, never the next argument's (https://developer.hashicorp.com/terraform/language/functions/try,
 * https://github.com/hashicorp/hcl/blob/main/ext/tryfunc/tryfunc.go). Here: an argument that fails on exact values
 * (FAILS) gives way to the next; one that cannot be resolved makes the result unresolved; `try` whose every
 * argument fails fails.
 */
function evalTry(doc: TfDocument, name: "try" | "can", args: readonly Node[], depth: number): unknown {
  if (!args.length || (name === "can" && args.length !== 1)) throw UNRESOLVED;
  IN_TRY++;
  try {
    for (const arg of args) {
      try {
        const value = evalNode(doc, arg, depth + 1);
        return name === "can" ? true : value;
      } catch (e) {
        if (e !== FAILS) throw e;
        if (name === "can") return false;
      }
    }
    throw FAILS;
  } finally {
    IN_TRY--;
  }
}

/** Inside `try`: an operand Terraform evaluates though the result does not need it (`false && x`) must not fail, nor be unknown. */
function skipped(evaluate: () => unknown): void {
  try {
    evaluate();
  } catch {
    throw UNRESOLVED;
  }
}

/**
 * Inside `try`: Terraform evaluates both results of a conditional and unifies their types, failing when it cannot
 * ("Inconsistent conditional result types"; only the chosen result's own errors count: hclsyntax's ConditionalExpr,
 * https://github.com/hashicorp/hcl/blob/main/hclsyntax/expression.go). The other result may fail; otherwise a literal
 * `null` goes with anything, and two non-null primitives unify (a string); anything else (an object, a list, a null
 * of a type not known here) leaves the result unresolved.
 */
function unifiable(doc: TfDocument, value: unknown, chosen: Node, other: Node, depth: number): void {
  let otherValue: unknown;
  try {
    otherValue = evalNode(doc, other, depth + 1);
  } catch (e) {
    if (e === FAILS) return;
    throw UNRESOLVED;
  }
  const literalNull = (n: Node) => n.k === "lit" && n.v === null;
  if (literalNull(chosen) || literalNull(other)) return;
  const primitive = (v: unknown) => v !== null && typeof v !== "object";
  if (!primitive(value) || !primitive(otherValue)) throw UNRESOLVED;
}

function resolveIn(doc: TfDocument, value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw UNRESOLVED;
  if (typeof value !== "string" || (!value.includes("${") && !value.includes("%{"))) return value;
  const parts = parseTemplate(value);
  if (parts.length === 1 && typeof parts[0] !== "string") return evalNode(doc, parts[0], depth + 1);
  return parts.map((p) => (typeof p === "string" ? p : str(evalNode(doc, p, depth + 1)))).join("");
}

/** One instance of a resource with `count` or `for_each`: what `count.index` and `each.key`/`each.value` are. */
export interface Instance {
  readonly count?: { readonly index: number };
  readonly each?: { readonly key: unknown; readonly value: unknown };
}

let CURRENT_INSTANCE: Instance | undefined;

/** The value of an attribute once its expressions are resolved (in one instance of its resource), or UNRESOLVED. */
export function resolve(doc: TfDocument, value: unknown, instance?: Instance): unknown {
  // A value without an expression is itself: most values the rules read are.
  if (typeof value !== "string" || (!value.includes("${") && !value.includes("%{"))) return value;
  const previous = CURRENT_INSTANCE;
  const previousTry = IN_TRY;
  CURRENT_INSTANCE = instance;
  IN_TRY = 0;
  try {
    return resolveIn(doc, value, 0);
  } catch (e) {
    // What fails in Terraform fails its plan: nothing to judge but nothing known either.
    if (e === UNRESOLVED || e === FAILS) return UNRESOLVED;
    throw e;
  } finally {
    CURRENT_INSTANCE = previous;
    IN_TRY = previousTry;
  }
}

/**
 * The instances of a resource body: one per `count` index or `for_each`
 * element when they resolve, one unknown instance when they do not (then
 * `count.index` and `each.*` stay unresolved), one plain instance otherwise.
 */
export function instancesOf(doc: TfDocument, body: Record<string, unknown>): (Instance | undefined)[] {
  return instancesWith(body, (value) => resolve(doc, value));
}

/** `instancesOf` with `count` and `for_each` read by `read` (a resolve within an evaluation's depth, in `inInstance`). */
function instancesWith(body: Record<string, unknown>, read: (value: unknown) => unknown): (Instance | undefined)[] {
  if (body.count !== undefined) {
    const n = read(body.count);
    return typeof n === "number" && n >= 0 && n < 1000 ? Array.from({ length: n }, (_, index) => ({ count: { index } })) : [undefined];
  }
  if (body.for_each !== undefined) {
    const each = read(body.for_each);
    if (Array.isArray(each)) return each.map((v) => ({ each: { key: v, value: v } }));
    if (each && typeof each === "object") return Object.entries(each).map(([key, value]) => ({ each: { key, value } }));
    return [undefined];
  }
  return [{}];
}

/** Resolve, then flatten lists: the strings a location or key attribute holds (UNRESOLVED for each unknown one). */
export function resolvedStrings(doc: TfDocument, value: unknown, instance?: Instance): (string | typeof UNRESOLVED)[] {
  const v = resolve(doc, value, instance);
  if (v === UNRESOLVED) return [UNRESOLVED];
  if (Array.isArray(v)) return v.flatMap((x) => resolvedStrings(doc, x, instance));
  if (v === null || v === undefined || v === "") return [];
  return typeof v === "string" ? [v] : typeof v === "number" ? [String(v)] : [UNRESOLVED];
}
