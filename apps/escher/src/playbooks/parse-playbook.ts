import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ATTRIBUTE_FLAGS } from '@escher/knowledge';
import {
  checkPlaybook,
  PlaybookSchema,
  type Playbook,
  type PlaybookProblem,
  type PlaybookValidation,
} from '@escher/protocol';
import { positionOf } from './yaml-positions.ts';

/** A playbook file read and checked: the playbook when it has no errors, and every problem found. */
export interface ParsedPlaybook {
  file: string;
  text: string;
  /** SHA-256 of the text: what a kept version is pinned to. */
  sha256: string;
  playbook: Playbook | undefined;
  /** Sorted by line; each with `line` and `col`. */
  problems: PlaybookProblem[];
}

type Path = (string | number)[];

/** Aliases expand: a few are handy, thousands are an attack (the "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a playbook's YAML and checks it completely — YAML syntax, the schema, then the rules
 * of `checkPlaybook` — giving each problem the line and column of the value at fault. Stops
 * after the first stage that finds errors, since later stages would only echo them.
 */
export function parsePlaybook(text: string, file: string): ParsedPlaybook {
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const lines = new LineCounter();
  // YAML 1.2 core schema: `no` stays a string, `1.0` is a number (the schema says to quote versions).
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const done = (playbook: Playbook | undefined, problems: PlaybookProblem[]): ParsedPlaybook => ({
    file,
    text,
    sha256,
    playbook,
    problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)),
  });

  const syntax = [...doc.errors, ...doc.warnings].map((e): PlaybookProblem => ({
    severity: 'error',
    code: 'yaml-syntax',
    message: (e.message.split(' at line ')[0] ?? e.message).trim(),
    path: [],
    line: e.linePos?.[0].line ?? 1,
    col: e.linePos?.[0].col ?? 1,
  }));
  if (syntax.length > 0) return done(undefined, syntax);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return done(undefined, [
      {
        severity: 'error',
        code: 'yaml-syntax',
        message: (error as Error).message,
        path: [],
        line: 1,
        col: 1,
      },
    ]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return done(undefined, [
      {
        severity: 'error',
        code: 'schema',
        message: 'a playbook is a YAML map (id:, name:, steps: …)',
        path: [],
        line: 1,
        col: 1,
      },
    ]);
  }

  const parsed = PlaybookSchema.safeParse(value);
  if (!parsed.success) {
    const problems = flattenIssues(parsed.error.issues, value, []).map((p) =>
      locate(doc, lines, text, value, p),
    );
    return done(undefined, dedupe(problems));
  }
  const problems = checkPlaybook(parsed.data, { flags: ATTRIBUTE_FLAGS }).map((p) => ({
    ...p,
    ...positionOf(doc, lines, p.path),
  }));
  const hasErrors = problems.some((p) => p.severity === 'error');
  return done(hasErrors ? undefined : parsed.data, problems);
}

/** `escher playbooks validate --json` for one parsed file. */
export function toValidation(parsed: ParsedPlaybook): PlaybookValidation {
  const errors = parsed.problems.filter((p) => p.severity === 'error').length;
  const source = parsed.playbook;
  return {
    file: parsed.file,
    valid: errors === 0,
    ...(source ? { id: source.id, version: source.version } : {}),
    errors,
    warnings: parsed.problems.length - errors,
    problems: parsed.problems,
  };
}

/** `file:line:col: message`, the form editors and terminals turn into links. */
export function formatProblem(file: string, p: PlaybookProblem): string {
  return `${file}:${p.line ?? 1}:${p.col ?? 1}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

interface RawProblem {
  path: Path;
  message: string;
  at: 'key' | 'value';
  /** The value was absent: point at the map that should hold it. */
  missing?: boolean;
  expected?: string;
}

/**
 * zod's issues as one problem per fault. For a union (a step is an action or a command) the
 * branch of the right type with the fewest issues is the one the author meant; its issues are
 * reported.
 */
function flattenIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: Path): RawProblem[] {
  const out: RawProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s))];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A branch whose very type is wrong ('auto' where a map was written) was not the one meant.
      const wrongType = (branch: readonly z.core.$ZodIssue[]): number =>
        branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'))
          ? 1
          : 0;
      const best =
        [...issue.errors].sort((a, b) => wrongType(a) - wrongType(b) || a.length - b.length)[0] ?? [];
      if (best.length > 0) {
        out.push(...flattenIssues(best, root, path));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...path, key], message: `unknown key '${key}'`, at: 'key' });
      }
      continue;
    }
    const present = valueAt(root, path) !== undefined;
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && !present) {
      out.push({ path, message: `'${String(path.at(-1))}' is required`, at: 'value', missing: true });
      continue;
    }
    out.push({
      path,
      message: issue.message,
      at: 'value',
      ...(issue.code === 'invalid_type' ? { expected: issue.expected } : {}),
    });
  }
  return out;
}

function locate(
  doc: Document,
  lines: LineCounter,
  text: string,
  root: unknown,
  raw: RawProblem,
): PlaybookProblem {
  const pos = positionOf(doc, lines, raw.path, raw.at);
  const last = raw.path.at(-1);
  const key = [...raw.path].reverse().find((s): s is string => typeof s === 'string');
  let message = raw.message;
  const named = message.startsWith(`${String(last)} `) || message.startsWith(`'${String(last)}'`);
  if (!raw.missing && raw.at === 'value' && typeof last === 'string' && !named)
    message = `${last}: ${message}`;
  // `version: 1.0` is a number in YAML; say how to make it the string the schema wants.
  const value = valueAt(root, raw.path);
  if (raw.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    const source = sourceAt(text, lines, pos);
    message = `${key ?? 'value'}: YAML reads ${source} as a ${typeof value}; quote it ('${source}')`;
  }
  return { severity: 'error', code: 'schema', message, path: raw.path, ...pos };
}

function sourceAt(text: string, lines: LineCounter, pos: { line: number; col: number }): string {
  const start = (lines.lineStarts[pos.line - 1] ?? 0) + pos.col - 1;
  return /^[^\s,\]}#]+/.exec(text.slice(start))?.[0] ?? '';
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const s of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[s];
  }
  return value;
}

function dedupe(problems: PlaybookProblem[]): PlaybookProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
