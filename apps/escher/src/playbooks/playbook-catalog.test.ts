import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EscherError } from '@escher/protocol';
import { openTempLedger, type TempLedger } from '../ledger/ledger.testing.ts';
import { PlaybookCatalog } from './playbook-catalog.ts';

const VALID = readFileSync(new URL('./fixtures/valid.yaml', import.meta.url), 'utf8');
const withVersion = (version: string, extra = ''): string =>
  VALID.replace('version: 1.0.0', `version: ${version}`).replace(
    'description: A test fixture.',
    `description: A test fixture.${extra}`,
  );

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EscherError, String(error));
    return error.code;
  }
  assert.fail('expected an error');
}

describe('the playbook catalogue: user playbooks, versions and lifecycle', () => {
  let t: TempLedger;
  let catalog: PlaybookCatalog;
  let userDir: string;
  let inbox: string;
  const file = (name: string, text: string): string => {
    const path = join(inbox, name);
    writeFileSync(path, text);
    return path;
  };

  before(async () => {
    t = await openTempLedger();
    userDir = join(t.temp.dir, 'playbooks');
    inbox = join(t.temp.dir, 'inbox');
    mkdirSync(inbox);
    catalog = new PlaybookCatalog({
      db: t.db,
      record: (e) => t.ledger.append(e),
      clock: t.temp.clock,
      userDir,
    });
  });
  after(() => t.temp.cleanup());

  it('adds a user playbook as draft, copies it to the user directory and records it', () => {
    const result = catalog.add(file('stop-web.yaml', VALID));
    assert.deepEqual(result.change, { id: 'acme.stop-web', version: '1.0.0', from: null, to: 'draft' });
    assert.equal(readFileSync(join(userDir, 'acme.stop-web.yaml'), 'utf8'), VALID);
    const entry = catalog.list().find((e) => e.id === 'acme.stop-web');
    assert.equal(entry?.source, 'user');
    assert.equal(entry?.state, 'draft');
    const [added] = t.ledger.list({ kind: 'playbook-added' });
    assert.equal(added?.data['playbookId'], 'acme.stop-web');
    assert.equal(added?.data['sha256'], result.parsed.sha256);
    assert.equal(catalog.add(file('again.yaml', VALID)).added, false, 'the same text again changes nothing');
  });

  it('needs a higher version for a change, and keeps old versions readable', () => {
    assert.equal(
      errorCode(() => catalog.add(file('changed.yaml', withVersion('1.0.0', ' Changed.')))),
      'playbook-version-exists',
    );
    catalog.add(file('v1.1.yaml', withVersion('1.1.0', ' Second.')));
    assert.equal(
      errorCode(() => catalog.add(file('older.yaml', withVersion('1.0.5')))),
      'playbook-version-not-higher',
    );
    const current = catalog.get('acme.stop-web');
    assert.equal(current.playbook.playbook.version, '1.1.0');
    assert.deepEqual(
      current.entry.versions.map((v) => v.version),
      ['1.0.0', '1.1.0'],
    );
    const old = catalog.get('acme.stop-web', '1.0.0');
    assert.equal(old.playbook.text, VALID);
    assert.equal(
      errorCode(() => catalog.get('acme.stop-web', '9.9.9')),
      'playbook-version-not-found',
    );
    assert.equal(
      errorCode(() => catalog.get('acme.stop-wb')),
      'playbook-not-found',
    );
  });

  it('refuses an invalid file and a built-in id', () => {
    assert.equal(
      errorCode(() => catalog.add(file('bad.yaml', 'id: x\n'))),
      'playbook-invalid',
    );
    assert.equal(
      errorCode(() =>
        catalog.add(file('builtin.yaml', VALID.replace('acme.stop-web', 'stop-compute-instance'))),
      ),
      'playbook-id-builtin',
    );
    assert.equal(
      errorCode(() => catalog.add(join(inbox, 'missing.yaml'))),
      'file-unreadable',
    );
  });

  it('moves along the lifecycle, refuses illegal moves with the allowed ones, and records each move', () => {
    const before = t.ledger.list({ kind: 'playbook-state-changed' }).length;
    for (const to of ['review', 'testing', 'ready', 'active'] as const) catalog.setState('acme.stop-web', to);
    assert.equal(catalog.get('acme.stop-web').state, 'active');
    assert.equal(catalog.get('acme.stop-web', '1.0.0').state, 'draft', 'each version has its own state');
    try {
      catalog.setState('acme.stop-web', 'draft');
      assert.fail('active → draft must be refused');
    } catch (error) {
      assert.ok(error instanceof EscherError);
      assert.equal(error.code, 'playbook-transition-invalid');
      assert.equal(error.hint, 'From active it can move to: suspended, failed, deprecated');
    }
    const moves = t.ledger.list({ kind: 'playbook-state-changed' }).slice(before);
    assert.deepEqual(
      moves.map((e) => [e.data['from'], e.data['to'], e.data['version']]),
      [
        ['draft', 'review', '1.1.0'],
        ['review', 'testing', '1.1.0'],
        ['testing', 'ready', '1.1.0'],
        ['ready', 'active', '1.1.0'],
      ],
    );
    assert.ok(t.ledger.verify().ok);
  });

  it('keeps a built-in’s state in the store, and hides deleted playbooks unless asked', () => {
    assert.equal(catalog.get('delete-compute-volume').state, 'ready');
    catalog.setState('delete-compute-volume', 'deprecated', { reason: 'replaced by a policy' });
    catalog.setState('delete-compute-volume', 'archived');
    catalog.setState('delete-compute-volume', 'deleted');
    assert.equal(
      catalog.list().some((e) => e.id === 'delete-compute-volume'),
      false,
    );
    assert.equal(catalog.list({ all: true }).find((e) => e.id === 'delete-compute-volume')?.state, 'deleted');
    assert.equal(
      errorCode(() => catalog.setState('delete-compute-volume', 'ready')),
      'playbook-transition-invalid',
    );
    const [last] = t.ledger.list({ kind: 'playbook-state-changed', limit: 3 });
    assert.equal(last?.data['reason'], 'replaced by a policy');
  });

  it('takes in files dropped into the user directory, and says why it skips the others', () => {
    writeFileSync(join(userDir, 'dropped.yaml'), VALID.replace('acme.stop-web', 'acme.dropped'));
    writeFileSync(join(userDir, 'broken.yaml'), 'id: broken\nsteps: [\n');
    writeFileSync(join(userDir, 'edited.yaml'), withVersion('1.1.0', ' Edited in place.'));
    writeFileSync(join(userDir, 'notes.txt'), 'not a playbook');
    const notices = catalog.sync().map((n) => `${n.file.split('/').pop()}: ${n.message}`);
    assert.equal(notices.length, 2, notices.join('\n'));
    assert.match(notices[0] ?? '', /^broken\.yaml: skipped: .*broken\.yaml:\d+:\d+: /);
    assert.match(
      notices[1] ?? '',
      /^edited\.yaml: skipped: 'acme\.stop-web' 1\.1\.0 is already kept with different content$/,
    );
    assert.equal(catalog.get('acme.dropped').state, 'draft');
    assert.deepEqual(catalog.sync().length, 2, 'a kept file is not taken in twice');
    assert.equal(
      t.ledger.list({ kind: 'playbook-added' }).filter((e) => e.data['playbookId'] === 'acme.dropped').length,
      1,
    );
  });
});
