import { OPERATION_CATALOG, OPERATION_IDS, type OperationId } from '../operations/index.ts';
import { RESOURCE_STATES, type Cloud } from '../resource/vocabulary.ts';
import { OPERATION_REVERSIBILITY } from './operation-reversibility.ts';
import { safeRegExp, validateParamValue } from './param-schema.ts';
import { checkDependencies } from './check-dependencies.ts';
import { closest } from './closest-word.ts';
import { ALLOWED_COMMANDS, classifyArg } from './command-template.ts';
import { checkRefPath, parseTemplate } from './playbook-template.ts';
import type { Playbook, RollbackStep, Step, Verify } from './playbook.schema.ts';
import type { PlaybookProblem } from './playbook-problem.ts';

type Path = (string | number)[];

/** What the caller knows beyond the protocol. */
export interface CheckPlaybookOptions {
  /**
   * The flag names `verify.flags` and `preconditions.flags` may use (the knowledge package's
   * ATTRIBUTE_FLAGS: public, encrypted, unattached …); unchecked when absent.
   */
  flags?: readonly string[];
}

/** Which cloud each CLI talks to (`kubectl` talks to any cluster). */
const COMMAND_CLOUD: Readonly<Record<string, Cloud>> = { aws: 'aws', az: 'azure', gcloud: 'gcp' };

/**
 * The rules a schema cannot express, checked on a playbook that already parsed: operation ids
 * exist and fit the playbook's resource types, commands are argv arrays for the allowed CLIs with
 * placeholders only where a value cannot become an option, every placeholder names a declared
 * parameter or a target field, `rollback: auto` only where the operation has an undo, step ids
 * are unique and `dependsOn` names earlier-declared steps without cycles, and parameter defaults
 * fit their own schemas. Each problem carries the path of the offending value, which the YAML
 * loader turns into a line and column.
 */
export function checkPlaybook(playbook: Playbook, options: CheckPlaybookOptions = {}): PlaybookProblem[] {
  const problems: PlaybookProblem[] = [];
  const error = (code: string, path: Path, message: string): void => {
    problems.push({ severity: 'error', code, path, message });
  };
  const warn = (code: string, path: Path, message: string): void => {
    problems.push({ severity: 'warning', code, path, message });
  };
  const params = Object.keys(playbook.parameters.properties);

  checkParameters(playbook, error);
  if (playbook.preconditions?.state)
    checkStates(playbook.preconditions.state, ['preconditions', 'state'], error);
  checkTemplates(playbook.preconditions?.attributes, ['preconditions', 'attributes'], params, error);
  checkFlags(playbook.preconditions?.flags, ['preconditions', 'flags'], options, error);

  const ids = new Map<string, number>();
  playbook.steps.forEach((step, i) => {
    const at: Path = ['steps', i];
    const first = ids.get(step.id);
    if (first !== undefined)
      error('duplicate-step-id', [...at, 'id'], `step id '${step.id}' is already used by step ${first + 1}`);
    else ids.set(step.id, i);
    checkRunnable(playbook, step, at, params, error, warn);
    checkRollback(playbook, step, at, params, error, warn);
    checkFlags(step.verify?.flags, [...at, 'verify', 'flags'], options, error);
  });

  checkDependencies(playbook, ids, error, warn);

  if (
    playbook.steps.some((s) => s.onFailure === 'rollback') &&
    !playbook.steps.some((s) => s.rollback !== undefined)
  ) {
    const i = playbook.steps.findIndex((s) => s.onFailure === 'rollback');
    warn(
      'rollback-nothing',
      ['steps', i, 'onFailure'],
      'onFailure is rollback, but no step has a rollback to run',
    );
  }
  const { waves, maxTargets } = playbook.execution;
  if (waves && waves.canary > maxTargets) {
    warn(
      'canary-too-large',
      ['execution', 'waves', 'canary'],
      `the canary wave (${waves.canary}) is larger than maxTargets (${maxTargets})`,
    );
  }
  return problems;
}

type Report = (code: string, path: Path, message: string) => void;

function checkParameters(playbook: Playbook, error: Report): void {
  const { properties, required } = playbook.parameters;
  required.forEach((name, i) => {
    if (!properties[name])
      error(
        'unknown-parameter',
        ['parameters', 'required', i],
        `'${name}' is required but not declared in properties`,
      );
  });
  for (const [name, schema] of Object.entries(properties)) {
    const at: Path = ['parameters', 'properties', name];
    if (schema.pattern !== undefined && !safeRegExp(schema.pattern)) {
      error(
        'invalid-pattern',
        [...at, 'pattern'],
        `pattern /${schema.pattern}/ is not a valid regular expression`,
      );
    }
    if (schema.default !== undefined) {
      for (const p of validateParamValue(schema, schema.default)) {
        error(
          'invalid-default',
          [...at, 'default'],
          `the default ${[...p.path].length ? `at ${p.path.join('.')} ` : ''}${p.message}`,
        );
      }
    }
  }
}

function checkFlags(
  flags: Record<string, boolean> | undefined,
  path: Path,
  options: CheckPlaybookOptions,
  error: Report,
): void {
  const known = options.flags;
  if (!flags || !known) return;
  for (const name of Object.keys(flags)) {
    if (!known.includes(name)) {
      const near = closest(name, known);
      error(
        'unknown-flag',
        [...path, name],
        `'${name}' is not a flag${near ? ` (did you mean '${near}'?)` : ''}; flags are ${known.join(', ')}`,
      );
    }
  }
}

function checkStates(states: string | readonly string[], path: Path, error: Report): void {
  const list = typeof states === 'string' ? [states] : states;
  list.forEach((state, i) => {
    // A placeholder (`{{params.state}}`) is checked as a template, and its value at run time.
    if (state.includes('{{')) return;
    if (!(RESOURCE_STATES as readonly string[]).includes(state)) {
      const near = closest(state, RESOURCE_STATES);
      error(
        'unknown-state',
        typeof states === 'string' ? path : [...path, i],
        `'${state}' is not a resource state${near ? ` (did you mean '${near}'?)` : ''}; states are ${RESOURCE_STATES.join(', ')}`,
      );
    }
  });
}

/** Every placeholder in strings anywhere inside `value` must parse and name something known. */
function checkTemplates(value: unknown, path: Path, params: readonly string[], error: Report): void {
  if (typeof value === 'string') {
    const parsed = parseTemplate(value);
    if ('error' in parsed) {
      error('template-syntax', path, parsed.error.message);
      return;
    }
    for (const part of parsed.parts) {
      if (typeof part === 'string') continue;
      const why = checkRefPath(part.path, params);
      if (why) error('unknown-placeholder', path, why);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkTemplates(v, [...path, i], params, error));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) checkTemplates(v, [...path, k], params, error);
  }
}

function checkArgv(
  argv: readonly string[],
  path: Path,
  playbook: Playbook,
  params: readonly string[],
  error: Report,
  warn: Report,
): void {
  const program = argv[0] ?? '';
  if (!(ALLOWED_COMMANDS as readonly string[]).includes(program)) {
    error(
      'command-not-allowed',
      [...path, 0],
      /\s/.test(program)
        ? `'${program}' looks like a shell command line; a command is an argv array whose first element is one of ${ALLOWED_COMMANDS.join(', ')}`
        : `'${program}' may not be run; a command's first element is one of ${ALLOWED_COMMANDS.join(', ')} (no paths, no shells)`,
    );
  } else {
    const cloud = COMMAND_CLOUD[program];
    const others = playbook.applicability.clouds.filter((c) => c !== cloud);
    if (cloud && others.length > 0) {
      warn(
        'command-cloud-mismatch',
        [...path, 0],
        `'${program}' only reaches ${cloud}, but the playbook also applies to ${others.join(', ')}`,
      );
    }
  }
  argv.forEach((arg, i) => {
    const t = classifyArg(arg);
    if (t.kind === 'invalid') {
      error(i === 0 ? 'command-not-allowed' : 'unsafe-argument', [...path, i], t.message);
      return;
    }
    if (i === 0 && t.kind !== 'literal') return;
    if (t.kind !== 'literal') {
      const why = checkRefPath(t.ref.path, params);
      if (why) error('unknown-placeholder', [...path, i], why);
    }
  });
}

function checkVerify(
  verify: Verify,
  path: Path,
  playbook: Playbook,
  params: readonly string[],
  error: Report,
  warn: Report,
): void {
  if (verify.state !== undefined) checkStates(verify.state, [...path, 'state'], error);
  for (const key of ['state', 'attributes', 'tags', 'tagsAbsent'] as const) {
    checkTemplates(verify[key], [...path, key], params, error);
  }
  if (verify.command) checkArgv(verify.command, [...path, 'command'], playbook, params, error, warn);
  const pattern = verify.expect?.stdoutMatches;
  if (pattern !== undefined && !safeRegExp(pattern)) {
    error(
      'invalid-pattern',
      [...path, 'expect', 'stdoutMatches'],
      `/${pattern}/ is not a valid regular expression`,
    );
  }
}

/** What a step or a written-out rollback runs: an operation that fits the playbook, or a safe argv. */
function checkRunnable(
  playbook: Playbook,
  step: Step | RollbackStep,
  path: Path,
  params: readonly string[],
  error: Report,
  warn: Report,
): void {
  if ('action' in step) {
    const op = step.action;
    if (!(OPERATION_IDS as readonly string[]).includes(op)) {
      const near = closest(op, OPERATION_IDS);
      error(
        'unknown-operation',
        [...path, 'action'],
        `'${op}' is not an operation${near ? ` (did you mean '${near}'?)` : ''}; see the catalogue in docs/playbooks.md`,
      );
    } else {
      const type = OPERATION_CATALOG[op as OperationId].type;
      const types = playbook.applicability.resourceTypes;
      if (type !== '*' && !(types as readonly string[]).includes(type)) {
        error(
          'operation-not-applicable',
          [...path, 'action'],
          `'${op}' acts on ${type}, which is not among the playbook's resource types (${types.join(', ')})`,
        );
      }
    }
    checkTemplates(step.input, [...path, 'input'], params, error);
  } else {
    checkArgv(step.command, [...path, 'command'], playbook, params, error, warn);
  }
  if (step.verify) checkVerify(step.verify, [...path, 'verify'], playbook, params, error, warn);
}

function checkRollback(
  playbook: Playbook,
  step: Step,
  path: Path,
  params: readonly string[],
  error: Report,
  warn: Report,
): void {
  const rollback = step.rollback;
  if (rollback === undefined) return;
  const at: Path = [...path, 'rollback'];
  if (rollback !== 'auto') {
    checkRunnable(playbook, rollback, at, params, error, warn);
    return;
  }
  if (!('action' in step)) {
    error(
      'rollback-not-possible',
      at,
      `rollback: auto needs an operation's undo; a command has none, so write the rollback step out`,
    );
    return;
  }
  const reversible = OPERATION_REVERSIBILITY[step.action as OperationId];
  if (reversible === 'never') {
    error(
      'rollback-not-possible',
      at,
      `'${step.action}' cannot be undone, so rollback: auto has nothing to run; remove it or write a rollback step`,
    );
  } else if (reversible === 'sometimes') {
    warn(
      'rollback-uncertain',
      at,
      `'${step.action}' can be undone only on some clouds or resources; rollback: auto may find nothing to run`,
    );
  }
}
