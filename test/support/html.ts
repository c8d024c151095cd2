/**
 * A tiny HTML reader for tests: enough to check that a generated page is
 * well formed (every element closed, in order) and to find elements by tag,
 * attribute and text. Not a general HTML parser: no implied end tags, no
 * unquoted attributes, no `<` inside `<style>`.
 */
export interface HtmlElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (HtmlElement | string)[];
}

const VOID = new Set(["meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base"]);
const TOKEN = /<!--[\s\S]*?-->|<!doctype[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/giy;
const ATTR = /([\w:-]+)(?:="([^"]*)")?/g;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&amp;/g, "&");

/** Parse well-formed HTML; throws on anything unclosed, misnested or unreadable. */
export function parseHtml(text: string): HtmlElement {
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`unreadable HTML at offset ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    const [whole, closing, rawTag, rawAttrs, selfClosing, chars] = m;
    if (chars !== undefined) stack[stack.length - 1].children.push(unescape(chars));
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (!open || open.tag !== tag) throw new Error(`</${tag}> closes <${open?.tag}> at offset ${at}`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (rawAttrs ?? "").matchAll(ATTR)) attrs[a[1].toLowerCase()] = unescape(a[2] ?? "");
    const el: HtmlElement = { tag, attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    if (!VOID.has(tag) && !selfClosing && !whole.endsWith("/>")) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].tag}>`);
  return root;
}

/** Every element below `el` (depth first) that matches. */
export function findAll(el: HtmlElement, match: (e: HtmlElement) => boolean): HtmlElement[] {
  return el.children.flatMap((c) => (typeof c === "string" ? [] : [...(match(c) ? [c] : []), ...findAll(c, match)]));
}

/** The text of an element and its descendants. */
export function textOf(el: HtmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

/** The element with an id, or throws. */
export function byId(root: HtmlElement, id: string): HtmlElement {
  const [el] = findAll(root, (e) => e.attrs.id === id);
  if (!el) throw new Error(`no element #${id}`);
  return el;
}
