/**
 * The request being read, with the spans already understood blanked out (replaced by spaces, so
 * offsets stay put). Each extractor takes what it understands; what is left goes to the ontology.
 */
export class RequestText {
  readonly original: string;
  private text: string;

  constructor(request: string) {
    this.original = request;
    // Contractions split badly on the apostrophe ("what's" → "what", "s").
    this.text = request
      .replace(/\b(what|who|how|where|that|it)'s\b/gi, '$1 is')
      .replace(/\b(\w+)n't\b/gi, '$1 not')
      .replace(/\b(i|we|you|they)'(d|ll|re|ve|m)\b/gi, '$1')
      .replace(/[’‘]/g, "'")
      .replace(/[“”]/g, '"');
  }

  /** What is left to read. */
  get rest(): string {
    return this.text;
  }

  /** Blanks `[index, index + length)`. */
  blank(index: number, length: number): void {
    this.text = this.text.slice(0, index) + ' '.repeat(length) + this.text.slice(index + length);
  }

  /**
   * Runs a global regex over what is left; for each match `take` returns true to consume it
   * (blanked) or false to leave it for later readers.
   */
  take(re: RegExp, take: (m: RegExpExecArray) => boolean): void {
    // Callers pass module-level patterns; a non-global one is compiled once here and cached.
    const global = re.global ? re : globalOf(re);
    global.lastIndex = 0;
    const matches: RegExpExecArray[] = [];
    for (let m = global.exec(this.text); m; m = global.exec(this.text)) {
      matches.push(m);
      if (m[0].length === 0) global.lastIndex += 1;
    }
    for (const m of matches) if (take(m)) this.blank(m.index, m[0].length);
  }

  /** Whether the (trimmed, lower-cased) text left matches a pattern. */
  test(re: RegExp): boolean {
    return re.test(this.text);
  }
}

const globals = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let global = globals.get(re);
  if (!global) {
    global = new RegExp(re.source, `${re.flags}g`);
    globals.set(re, global);
  }
  return global;
}

/** Trims quotes and surrounding punctuation from a captured value. */
export function unquote(value: string): string {
  return value.replace(/^['"`]+|['"`.,;:!?]+$/g, '');
}
