import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatProblem, parsePlaybook, toValidation } from './parse-playbook.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** What `escher playbooks validate` prints for a fixture, with the directory left out. */
function report(name: string): string[] {
  const parsed = parsePlaybook(readFileSync(`${FIXTURES}${name}`, 'utf8'), name);
  return parsed.problems.map((p) => formatProblem(name, p));
}

/** Asserts each expected `file:line:col` prefix with a message matching the pattern, in order, and nothing else. */
function expectProblems(name: string, expected: [string, RegExp][]): void {
  const lines = report(name);
  assert.equal(lines.length, expected.length, lines.join('\n'));
  expected.forEach(([where, message], i) => {
    const line = lines[i] as string;
    assert.ok(line.startsWith(`${name}:${where}: `), `${line}\nshould be at ${where}`);
    assert.match(line.slice(name.length + where.length + 3), message);
  });
}

describe('playbook validation, with the line and column of each problem', () => {
  it('accepts a valid playbook and fills in the defaults', () => {
    const parsed = parsePlaybook(readFileSync(`${FIXTURES}valid.yaml`, 'utf8'), 'valid.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.playbook?.state, 'draft');
    assert.equal(parsed.playbook?.execution.production, 'requires-typed-count');
    assert.deepEqual(toValidation(parsed), {
      file: 'valid.yaml',
      valid: true,
      id: 'acme.stop-web',
      version: '1.0.0',
      errors: 0,
      warnings: 0,
      problems: [],
    });
  });

  it('YAML syntax errors', () => {
    expectProblems('yaml-syntax.yaml', [
      ['13:1', /All mapping items must start at the same column/],
      ['13:11', /Nested mappings are not allowed/],
      ['13:11', /Implicit keys need to be on a single line/],
      ['15:1', /Flow sequence .* must be sufficiently indented/],
    ]);
    expectProblems('duplicate-key.yaml', [['10:1', /^Map keys must be unique$/]]);
  });

  it('schema errors at the value, the unknown key, or the map that lacks a key', () => {
    expectProblems('schema-errors.yaml', [
      ['1:5', /^id: an id: lowercase/],
      ['4:10', /^version: YAML reads 1\.0 as a number; quote it/],
      ['5:7', /^risk: .*"low"\|"medium"\|"high"\|"critical"/],
      ['13:5', /^unknown key 'timeoutSecs'$/],
      ['14:14', /^retries: .*expected number/],
      ['15:13', /^verify needs a check/],
      ['16:15', /^rollback is 'auto' .* not 'undo'$/],
      ['17:5', /^a step needs action \(a provider operation\) or command \(an argv array\)$/],
    ]);
  });

  it('unknown operation ids, with a suggestion, and operations for other types', () => {
    expectProblems('unknown-operation.yaml', [
      [
        '12:13',
        /^'compute\.instance\.stopp' is not an operation \(did you mean 'compute\.instance\.stop'\?\)/,
      ],
      [
        '14:13',
        /^'database\.instance\.stop' acts on database\.instance, which is not among the playbook's resource types/,
      ],
    ]);
  });

  it('commands other than aws, az, gcloud and kubectl, and shell strings', () => {
    expectProblems('command-not-allowed.yaml', [
      ['12:15', /^'bash' may not be run/],
      ['14:15', /^'\/usr\/bin\/aws' may not be run/],
      ['16:15', /^'aws ec2 describe-instances' looks like a shell command line/],
    ]);
    expectProblems('shell-string.yaml', [
      ['12:14', /^command: a command must be an argv array .* never a shell string$/],
    ]);
  });

  it('placeholders that could build an option or mix with other text', () => {
    expectProblems('unsafe-argument.yaml', [
      ['19:9', /^'--\{\{params\.flag\}\}' lets a value build an option name/],
      ['20:9', /^'Name=\{\{target\.name\}\}' mixes a placeholder with other text/],
    ]);
  });

  it('placeholders that name unknown parameters or target fields, or are not paths', () => {
    expectProblems('unknown-placeholder.yaml', [
      ['17:14', /^'params\.forse' references the unknown parameter 'forse' \(declared: size\)$/],
      ['19:45', /^'target\.instanceId' is not a target field/],
      ['22:15', /no expressions or filters/],
    ]);
  });

  it('rollback: auto where the operation has no undo, or on a command', () => {
    expectProblems('rollback-no-undo.yaml', [
      ['13:15', /^'compute\.instance\.restart' cannot be undone/],
      ['16:15', /^rollback: auto needs an operation's undo; a command has none/],
      ['19:15', /^'compute\.instance\.delete' cannot be undone/],
    ]);
  });

  it('duplicate step ids and dependsOn cycles', () => {
    expectProblems('duplicate-step-ids.yaml', [['13:9', /^step id 'stop' is already used by step 1$/]]);
    expectProblems('depends-on-cycle.yaml', [
      ['15:17', /^dependsOn forms a cycle: a → c → b → a$/],
      ['21:20', /^step 'c' depends on itself$/],
      ['21:23', /^dependsOn names 'z', which is not a step$/],
    ]);
  });

  it('refuses alias bombs and documents that are not maps', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    const parsed = parsePlaybook(bomb, 'bomb.yaml');
    assert.equal(parsed.playbook, undefined);
    assert.match(parsed.problems[0]?.message ?? '', /alias/i);
    assert.match(
      formatProblem('list.yaml', parsePlaybook('- a\n- b\n', 'list.yaml').problems[0]!),
      /^list\.yaml:1:1: a playbook is a YAML map/,
    );
  });
});
