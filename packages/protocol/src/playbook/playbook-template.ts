import { UserError } from '../errors/index.ts';

/**
 * Placeholders in playbook steps: `{{ target.nativeId }}`, `{{ params.size }}`,
 * `{{ target.tags.owner }}`, `{{ target.tags["app.kubernetes.io/name"] }}`.
 *
 * Resource names and tags are untrusted (SPEC section 9), so what a value may become is decided by
 * where the placeholder stands, never by the value: in a structured step's input it becomes one
 * typed field of an SDK request; in a command it becomes exactly one argv element, or the value
 * half of one `--option=value` element. Nothing is ever run through a shell, so `$(…)`, `;`,
 * backticks and newlines are inert text, and the rules below stop the one thing argv alone does
 * not: a value that starts with `-` being read as an option.
 */

/** The objects a placeholder may start from. */
export const TEMPLATE_ROOTS = ['target', 'params', 'execution', 'playbook'] as const;
export type TemplateRoot = (typeof TEMPLATE_ROOTS)[number];

/** Scalar fields of the target (SPEC section 3) a placeholder may read; `tags.K` and `attributes.K` too. */
export const TARGET_FIELDS = [
  'id',
  'nativeId',
  'name',
  'cloud',
  'account',
  'region',
  'zone',
  'type',
  'nativeType',
  'state',
  'environment',
  'createdAt',
] as const;

const ROOT_FIELDS: Readonly<Record<Exclude<TemplateRoot, 'target' | 'params'>, readonly string[]>> = {
  execution: ['id', 'planId'],
  playbook: ['id', 'version'],
};

/** One `{{ … }}` in a string: its text, offset in the string, and its path (`['target','tags','env']`). */
export interface TemplateRef {
  source: string;
  offset: number;
  path: string[];
}

/** A string split into literal text and placeholders. */
export type TemplatePart = string | TemplateRef;

/** Thrown as data by `parseTemplate`: what is wrong with a string's placeholders. */
export interface TemplateSyntaxError {
  message: string;
  offset: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+/;

/**
 * Splits a string into literals and placeholders, or says why it cannot. A string without
 * `{{` is one literal. `}}` outside a placeholder is literal text.
 */
export function parseTemplate(text: string): { parts: TemplatePart[] } | { error: TemplateSyntaxError } {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return { error: { message: `'{{' without a closing '}}'`, offset: open } };
    const source = text.slice(open, close + 2);
    const path = parseRefPath(text.slice(open + 2, close).trim());
    if (typeof path === 'string') return { error: { message: `${path} in '${source}'`, offset: open } };
    parts.push({ source, offset: open, path });
    i = close + 2;
  }
  return { parts };
}

function parseRefPath(inner: string): string[] | string {
  if (inner === '') return 'an empty placeholder';
  const path: string[] = [];
  let rest = inner;
  const root = SEGMENT.exec(rest);
  if (!root) return 'a placeholder must start with a name';
  path.push(root[0]);
  rest = rest.slice(root[0].length);
  while (rest.length > 0) {
    if (rest.startsWith('.')) {
      const seg = SEGMENT.exec(rest.slice(1));
      if (!seg) return `a name must follow '.'`;
      path.push(seg[0]);
      rest = rest.slice(1 + seg[0].length);
    } else if (rest.startsWith('["') || rest.startsWith("['")) {
      const quote = rest[1] as string;
      const end = rest.indexOf(`${quote}]`, 2);
      if (end < 0) return `an unclosed [${quote}…${quote}]`;
      path.push(rest.slice(2, end));
      rest = rest.slice(end + 2);
    } else {
      return `unexpected '${rest.trim()}' (a placeholder is a path such as target.tags.owner: no expressions or filters)`;
    }
  }
  return path;
}

/** The placeholders of a string (an empty list for plain text or a malformed string). */
export function templateRefs(text: string): TemplateRef[] {
  const parsed = parseTemplate(text);
  return 'parts' in parsed ? parsed.parts.filter((p): p is TemplateRef => typeof p !== 'string') : [];
}

/**
 * Why a placeholder path names nothing a run will have, or undefined when it is fine.
 * `params` are the parameter names the playbook declares.
 */
export function checkRefPath(path: readonly string[], params: readonly string[]): string | undefined {
  const [root, first, ...rest] = path;
  const shown = path.join('.');
  switch (root) {
    case 'params':
      if (first === undefined) return `'params' needs a parameter name, as in params.${params[0] ?? 'size'}`;
      if (!params.includes(first)) {
        return params.length > 0
          ? `'${shown}' references the unknown parameter '${first}' (declared: ${params.join(', ')})`
          : `'${shown}' references the parameter '${first}', but the playbook declares no parameters`;
      }
      return undefined;
    case 'target':
      if (first === 'tags' || first === 'attributes') {
        return rest.length === 0 ? `'${shown}' needs a key, as in target.${first}.owner` : undefined;
      }
      if (first === undefined || !(TARGET_FIELDS as readonly string[]).includes(first) || rest.length > 0) {
        return `'${shown}' is not a target field (use one of ${TARGET_FIELDS.join(', ')}, tags.KEY, attributes.KEY)`;
      }
      return undefined;
    case 'execution':
    case 'playbook': {
      const fields = ROOT_FIELDS[root];
      if (first === undefined || !fields.includes(first) || rest.length > 0) {
        return `'${shown}' is not known (use ${fields.map((f) => `${root}.${f}`).join(' or ')})`;
      }
      return undefined;
    }
    default:
      return `'${shown}' starts with an unknown name '${root ?? ''}' (use ${TEMPLATE_ROOTS.join(', ')})`;
  }
}

/** What placeholders read at run time. `target` is the resource (SPEC section 3). */
export interface TemplateContext {
  target: {
    tags?: Readonly<Record<string, string>>;
    attributes?: Readonly<Record<string, unknown>>;
    [field: string]: unknown;
  };
  params: Readonly<Record<string, unknown>>;
  execution?: { id?: string; planId?: string };
  playbook?: { id?: string; version?: string };
}

/** The value a placeholder path names, or undefined when the run has none. */
export function resolveRef(path: readonly string[], context: TemplateContext): unknown {
  let value: unknown = context;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The value of one placeholder for a run; a missing one is the user's error to fix. */
export function valueOf(ref: TemplateRef, context: TemplateContext): unknown {
  const value = resolveRef(ref.path, context);
  if (value === undefined || value === null) {
    throw new UserError('template-value-missing', `${ref.source} has no value for this target`, {
      hint:
        ref.path[0] === 'params'
          ? 'Pass the parameter with --param NAME=VALUE'
          : 'Choose targets that have it, or give the playbook a parameter instead',
      details: { placeholder: ref.path.join('.') },
    });
  }
  return value;
}

/** A scalar value as text; lists and objects cannot be `where`. */
export function scalarText(ref: TemplateRef, value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UserError(
    'template-value-not-scalar',
    `${ref.source} is a list or an object and cannot be ${where}`,
    {
      hint: 'Use a structured action step, whose input takes typed values',
    },
  );
}

/**
 * Renders a structured step's input (or a verify expectation) for one target: a string that is
 * exactly one placeholder becomes the value itself, typed (a number stays a number, a map of tags
 * stays a map); placeholders inside longer text are spliced in as text. Lists and objects are
 * walked; a map entry that is exactly one placeholder of a parameter the run does not set is left
 * out. These values go into SDK request fields, never into a command line.
 */
export function renderValue(value: unknown, context: TemplateContext): unknown {
  if (typeof value === 'string') {
    const parsed = parseTemplate(value);
    if ('error' in parsed) {
      throw new UserError('template-invalid', `'${value}': ${parsed.error.message}`, {
        hint: 'Fix the playbook; `escher playbooks validate FILE` shows every problem',
      });
    }
    const [only] = parsed.parts;
    if (parsed.parts.length === 1 && typeof only !== 'string' && only !== undefined)
      return valueOf(only, context);
    return parsed.parts
      .map((p) => (typeof p === 'string' ? p : scalarText(p, valueOf(p, context), 'spliced into text')))
      .join('');
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !isUnsetOptionalParam(v, context))
        .map(([k, v]) => [k, renderValue(v, context)]),
    );
  }
  return value;
}

/**
 * `force: '{{params.force}}'` with no `force` given (and no default) leaves `force` out, so the
 * operation's own default applies; a missing target field is still an error.
 */
function isUnsetOptionalParam(value: unknown, context: TemplateContext): boolean {
  if (typeof value !== 'string') return false;
  const parsed = parseTemplate(value);
  if (!('parts' in parsed) || parsed.parts.length !== 1) return false;
  const [only] = parsed.parts;
  return (
    typeof only !== 'string' && only?.path[0] === 'params' && resolveRef(only.path, context) === undefined
  );
}
