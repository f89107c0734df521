import { UserError } from '../errors/index.ts';
import {
  parseTemplate,
  scalarText,
  valueOf,
  type TemplateContext,
  type TemplateRef,
} from './playbook-template.ts';

/** The executables a command step may run (SPEC section 5). */
export const ALLOWED_COMMANDS = ['aws', 'az', 'gcloud', 'kubectl'] as const;

/** `--name=` or `-n=`: an option whose value a placeholder may fill. */
const OPTION_WITH_EQUALS = /^--?[A-Za-z0-9][A-Za-z0-9._-]*=$/;

/** How one argv element of a command step is built. */
export type ArgTemplate =
  | { kind: 'literal'; text: string }
  /** The whole element is one value. */
  | { kind: 'whole'; ref: TemplateRef }
  /** `--option=` followed by one value: the value can never be read as an option. */
  | { kind: 'option-value'; option: string; ref: TemplateRef };

/**
 * Classifies one argv element of a command template, or says why it is not allowed. A
 * placeholder may be a whole element (`'{{target.nativeId}}'`) or the whole value after an
 * `--option=` (`'--instance-ids={{target.nativeId}}'`); mixed with other text (`'--{{params.flag}}'`,
 * `'Name={{target.name}}'`, `'{{a}}{{b}}'`) it is refused, because a value would then choose
 * an option's name or be parsed by the tool's own mini-language.
 */
export function classifyArg(arg: string): ArgTemplate | { kind: 'invalid'; message: string } {
  if (arg.includes('\0')) return { kind: 'invalid', message: 'an argument may not contain a NUL character' };
  const parsed = parseTemplate(arg);
  if ('error' in parsed) return { kind: 'invalid', message: parsed.error.message };
  const refs = parsed.parts.filter((p): p is TemplateRef => typeof p !== 'string');
  if (refs.length === 0) return { kind: 'literal', text: arg };
  const [a, b] = parsed.parts;
  if (parsed.parts.length === 1 && typeof a !== 'string' && a !== undefined) return { kind: 'whole', ref: a };
  if (parsed.parts.length === 2 && typeof a === 'string' && typeof b !== 'string' && b !== undefined) {
    if (OPTION_WITH_EQUALS.test(a)) return { kind: 'option-value', option: a, ref: b };
  }
  // A placeholder before the first '=' of an option-looking argument would choose the option itself.
  const buildsOption = arg.startsWith('-') && !(typeof a === 'string' ? a : '').includes('=');
  return {
    kind: 'invalid',
    message: buildsOption
      ? `'${arg}' lets a value build an option name; placeholders may only be a whole argument or the value of --option=`
      : `'${arg}' mixes a placeholder with other text; a placeholder must be a whole argument ('{{target.nativeId}}') or the whole value of an option ('--instance-ids={{target.nativeId}}')`,
  };
}

/**
 * Renders a command step's argv for one target. Each element of the template yields exactly one
 * element of the result, whatever the values contain; a whole-argument value that starts with
 * `-` is refused (it would be read as an option), as is a value holding a NUL.
 *
 * @example renderArgv(['aws', 'ec2', 'stop-instances', '--instance-ids', '{{target.name}}'], ctx)
 */
export function renderArgv(argv: readonly string[], context: TemplateContext): string[] {
  return argv.map((arg, index) => {
    const t = classifyArg(arg);
    if (t.kind === 'invalid') {
      throw new UserError('template-invalid', `argument ${index} of the command: ${t.message}`, {
        hint: 'Fix the playbook; `escher playbooks validate FILE` shows every problem',
      });
    }
    if (t.kind === 'literal') return t.text;
    const text = scalarText(t.ref, valueOf(t.ref, context), 'one command argument');
    if (text.includes('\0')) {
      throw new UserError(
        'template-value-nul',
        `${t.ref.source} contains a NUL character and cannot be passed to a command`,
      );
    }
    if (t.kind === 'option-value') return `${t.option}${text}`;
    if (text.startsWith('-')) {
      throw new UserError(
        'template-value-option-like',
        `${t.ref.source} is '${text.slice(0, 60)}', which starts with '-' and would be read as an option`,
        {
          hint: `Pass it as the value of an option in the playbook ('--name=${t.ref.source}'), which is always safe`,
        },
      );
    }
    return text;
  });
}
