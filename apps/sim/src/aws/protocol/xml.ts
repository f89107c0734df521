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

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Serialises `value` as the content of an element (no enclosing tag). */
export function toXml(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

/** `<name xmlns="…">content</name>` with the XML declaration. */
export function xmlDocument(root: string, xmlns: string | undefined, content: unknown): string {
  const ns = xmlns ? ` xmlns="${xmlns}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${toXml(content)}</${root}>`;
}

function write(value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (value instanceof XmlList) {
    for (const item of value.items) {
      out.push(`<${value.itemName}>`);
      write(item, out);
      out.push(`</${value.itemName}>`);
    }
    return;
  }
  if (value instanceof Date) {
    out.push(value.toISOString());
    return;
  }
  if (typeof value === 'object') {
    if (Array.isArray(value)) throw new TypeError('XML arrays need an item name: wrap them with xmlList()');
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (child === undefined || child === null) continue;
      out.push(`<${key}>`);
      write(child, out);
      out.push(`</${key}>`);
    }
    return;
  }
  out.push(escapeXml(String(value)));
}
