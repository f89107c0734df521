import { z } from 'zod';

/**
 * A playbook parameter's type: the subset of JSON Schema (draft 2020-12 keywords) that typed
 * parameters need. Unknown keywords are refused rather than silently ignored, so a playbook never
 * looks stricter than it is.
 */
export interface ParamSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  title?: string | undefined;
  description?: string | undefined;
  default?: unknown;
  enum?: unknown[] | undefined;
  const?: unknown;
  /** Never shown in plans or logs, and redacted from the ledger. */
  secret?: boolean | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
  exclusiveMinimum?: number | undefined;
  exclusiveMaximum?: number | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  items?: ParamSchema | undefined;
  minItems?: number | undefined;
  maxItems?: number | undefined;
  uniqueItems?: boolean | undefined;
  properties?: Record<string, ParamSchema> | undefined;
  required?: string[] | undefined;
  additionalProperties?: boolean | ParamSchema | undefined;
}

const Count = z.number().int().nonnegative();

export const ParamSchemaSchema: z.ZodType<ParamSchema> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['string', 'number', 'integer', 'boolean', 'array', 'object']),
    title: z.string().optional(),
    description: z.string().optional(),
    default: z.unknown().optional(),
    enum: z.array(z.unknown()).min(1).optional(),
    const: z.unknown().optional(),
    secret: z.boolean().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    minLength: Count.optional(),
    maxLength: Count.optional(),
    pattern: z.string().optional(),
    items: ParamSchemaSchema.optional(),
    minItems: Count.optional(),
    maxItems: Count.optional(),
    uniqueItems: z.boolean().optional(),
    properties: z.record(z.string(), ParamSchemaSchema).optional(),
    required: z.array(z.string()).optional(),
    additionalProperties: z.union([z.boolean(), ParamSchemaSchema]).optional(),
  }),
);

/** A parameter name: what follows `params.` in a placeholder. */
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A playbook's parameters, as a JSON Schema object: `properties` (one schema per parameter),
 * `required`, and no other parameters accepted.
 */
export const PlaybookParametersSchema = z.strictObject({
  type: z.literal('object').optional(),
  properties: z
    .record(z.string().regex(PARAM_NAME, 'a parameter name: letters, digits and _'), ParamSchemaSchema)
    .default({}),
  required: z.array(z.string()).default([]),
  additionalProperties: z.literal(false).optional(),
});
export type PlaybookParameters = z.infer<typeof PlaybookParametersSchema>;

/** One reason a value does not fit a schema; `path` is inside the value (`['tags', 'env']`). */
export interface ParamProblem {
  path: (string | number)[];
  message: string;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function typeOk(type: ParamSchema['type'], value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * Checks a value against a parameter schema; an empty list means it fits.
 *
 * @example validateParamValue({ type: 'integer', minimum: 1 }, 0) // [{ path: [], message: 'must be ≥ 1' }]
 */
export function validateParamValue(
  schema: ParamSchema,
  value: unknown,
  path: (string | number)[] = [],
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const fail = (message: string): void => {
    problems.push({ path, message });
  };
  if (!typeOk(schema.type, value)) {
    fail(
      `must be ${schema.type === 'integer' || schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type}`,
    );
    return problems;
  }
  if (schema.enum && !schema.enum.some((e) => sameJson(e, value))) {
    fail(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (schema.const !== undefined && !sameJson(schema.const, value))
    fail(`must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must be ≥ ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`must be ≤ ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail(`must be > ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail(`must be < ${schema.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength)
      fail(`must be at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength)
      fail(`must be at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !safeRegExp(schema.pattern)?.test(value))
      fail(`must match /${schema.pattern}/`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(`must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      fail(`must have at most ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
      fail('must not repeat items');
    if (schema.items)
      value.forEach((item, i) =>
        problems.push(...validateParamValue(schema.items as ParamSchema, item, [...path, i])),
      );
  }
  if (schema.type === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (record[name] === undefined) problems.push({ path: [...path, name], message: 'is required' });
    }
    for (const [key, v] of Object.entries(record)) {
      const known = schema.properties?.[key];
      const extra = schema.additionalProperties;
      if (known) problems.push(...validateParamValue(known, v, [...path, key]));
      else if (extra === false) problems.push({ path: [...path, key], message: 'is not allowed' });
      else if (typeof extra === 'object') problems.push(...validateParamValue(extra, v, [...path, key]));
    }
  }
  return problems;
}

/** A pattern as a RegExp (Unicode mode, like JSON Schema's), or undefined when it does not compile. */
export function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/**
 * Turns a parameter given as text (`--param size=t3.large` on the command line) into the type
 * its schema declares: numbers, `true`/`false`, and JSON (or comma-separated text) for lists and
 * objects. Text that does not convert is returned unchanged, so validation reports it.
 */
export function coerceParamText(schema: ParamSchema, text: string): unknown {
  switch (schema.type) {
    case 'string':
      return text;
    case 'number':
    case 'integer':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'array': {
      const json = parseJson(text);
      if (Array.isArray(json)) return json;
      const items = text === '' ? [] : text.split(',').map((s) => s.trim());
      return schema.items ? items.map((item) => coerceParamText(schema.items as ParamSchema, item)) : items;
    }
    case 'object': {
      const json = parseJson(text);
      return typeof json === 'object' && json !== null && !Array.isArray(json) ? json : text;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The parameter values of one run: given values (text coerced when `fromText`), defaults filled
 * in, then each checked against its schema. Problems name the parameter (`path[0]`).
 */
export function resolveParams(
  parameters: PlaybookParameters,
  given: Readonly<Record<string, unknown>>,
  options: { fromText?: boolean } = {},
): { values: Record<string, unknown>; problems: ParamProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ParamProblem[] = [];
  for (const [name, raw] of Object.entries(given)) {
    const schema = parameters.properties[name];
    if (!schema) {
      const known = Object.keys(parameters.properties);
      problems.push({
        path: [name],
        message:
          known.length > 0
            ? `is not a parameter of this playbook (it takes ${known.join(', ')})`
            : 'is not a parameter: this playbook takes none',
      });
      continue;
    }
    values[name] = options.fromText && typeof raw === 'string' ? coerceParamText(schema, raw) : raw;
  }
  for (const [name, schema] of Object.entries(parameters.properties)) {
    if (values[name] === undefined && schema.default !== undefined)
      values[name] = structuredClone(schema.default);
    if (values[name] === undefined) {
      if (parameters.required.includes(name)) problems.push({ path: [name], message: 'is required' });
      continue;
    }
    problems.push(...validateParamValue(schema, values[name], [name]));
  }
  return { values, problems };
}
