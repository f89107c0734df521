/**
 * A minimal, fast XML writer for AWS responses. Plain objects become elements in key order;
 * `undefined`/`null` are omitted; arrays must say their item element name via `xmlList` (EC2 uses
 * `item`, awsQuery `member`, RDS its own names); Dates become ISO 8601.
 */
export class XmlList {
  constructor(
    readonly itemName: string,
    readonly items: readonly unknown[],
  ) {}
}

/** `<Name><item>…</item>…</Name>`: `{ instancesSet: xmlList('item', instances) }`. */
export function xmlList(itemName: string, items: readonly unknown[]): XmlList {
  return new XmlList(itemName, items);
}

/** EC2 lists: `<xSet><item>…</item></xSet>`. */
export const items = (values: readonly unknown[]): XmlList => new XmlList('item', values);
/** awsQuery lists: `<Xs><member>…</member></Xs>`. */
export const members = (values: readonly unknown[]): XmlList => new XmlList('member', values);

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(text: string): string {
  // Most values need no escaping: test first, replace only when needed.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Serialises `value` as the content of an element (no enclosing tag). */
export function toXml(value: unknown): string {
  // String appends (V8 ropes) are much lighter on the GC than pushing millions of small parts.
  return write(value, '');
}

/** `<name xmlns="…">content</name>` with the XML declaration. */
export function xmlDocument(root: string, xmlns: string | undefined, content: unknown): string {
  const ns = xmlns ? ` xmlns="${xmlns}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${toXml(content)}</${root}>`;
}

function write(value: unknown, out: string): string {
  if (value === undefined || value === null) return out;
  if (typeof value === 'string') return out + escapeXml(value);
  if (typeof value !== 'object') return out + escapeXml(String(value));
  if (value instanceof XmlList) {
    const open = `<${value.itemName}>`;
    const close = `</${value.itemName}>`;
    for (const item of value.items) out = write(item, out + open) + close;
    return out;
  }
  if (value instanceof Date) return out + value.toISOString();
  if (Array.isArray(value)) throw new TypeError('XML arrays need an item name: wrap them with xmlList()');
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined || child === null) continue;
    out = write(child, `${out}<${key}>`) + `</${key}>`;
  }
  return out;
}
