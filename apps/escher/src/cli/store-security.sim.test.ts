import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTagsCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import {
  createCliHarness,
  initWithSimAccounts,
  type CliHarness,
  type CliRun,
  type ResourceList,
} from './testing/cli-harness.ts';

const CANARY = `canary-7f3a${randomBytes(6).toString('hex')}`;
const SECRET = `secret-canary-${randomBytes(9).toString('hex')}`;
const BUCKET = `${CANARY}-bucket`;
const TAG_VALUE = `${CANARY}-tag-value`;

/** Tag values as hostile as a cloud lets anyone write them. */
const HOSTILE_TAGS: Record<string, string> = {
  shell: '$(touch /tmp/escher-pwned); `id` | tee >(cat) && rm -rf ~ ; echo "$HOME" \'x\' <y> \\',
  lines: 'first line\nsecond line\n\nfourth',
  ansi: '\u001b[31mred\u001b[0m \u001b[2J\u001b[H\u001b]0;title\u0007 bell',
  unicode: 'café 日本語 🚀 \u202eevil\u202c zero\u200bwidth ﷽',
  big: `${'0123456789abcdef'.repeat(640)}`,
};
/**
 * A name that would recolour, forge a table row and erase a line if printed raw. (No CR: XML
 * parsers turn a raw CR into LF, and the simulator's EC2 XML sends it raw.)
 */
const HOSTILE_NAME = `evil\u001b[31m-name\nFAKE-ROW aws compute.instance\t\u001b[2Kgone`;

// The store holds the estate encrypted, the CLI never echoes secrets, and what the cloud
// returns is untrusted text: checked through the real `escher` command and the store's bytes.
describe('escher store and output security', () => {
  let sim: SimTarget;
  let h: CliHarness;
  let instance: { id: string; account: string; region: string };
  let all: ResourceList;

  before(async () => {
    sim = await startSimProcess(['--seed', '17', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-security-' });
    await initWithSimAccounts(h, sim, SECRET);
    instance = await plantCanaries(sim);
  });
  after(async () => {
    await sim?.stop();
    h?.cleanup();
  });

  it('shows the planted canaries, with hostile tag values intact in JSON', async () => {
    // The human form, so the secrets check below also covers its progress and summary lines.
    const r = await h.run('sync');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+ resources \(\+\d+ ~0 -0\), \d+ API calls/);

    all = await h.list();
    const bucket = all.resources.find((x) => x.type === 'storage.bucket' && x.name === BUCKET);
    assert.ok(bucket, `the bucket ${BUCKET} is listed`);
    for (const [key, value] of Object.entries(HOSTILE_TAGS)) assert.equal(bucket.tags[key], value, key);
    const tagged = all.resources.filter((x) => x.tags['canary'] === TAG_VALUE);
    assert.equal(tagged.length, 1);
    const vm = tagged[0]!;
    assert.equal(vm.name, HOSTILE_NAME);
    assert.equal(vm.tags['shell'], HOSTILE_TAGS['shell']);
    assert.equal(vm.tags['unicode'], HOSTILE_TAGS['unicode']);
    assert.ok(vm.id.includes(instance.id));
  });

  it('keeps the human table one line per resource, with control characters made visible', async () => {
    const r = await h.run('resources');
    assert.equal(r.code, 0, r.stderr);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, all.count + 1, 'one line per resource and the count');
    assert.ok(lines.some((l) => l.endsWith(BUCKET)));
    const evil = lines.filter((l) => l.includes('evil'));
    assert.equal(evil.length, 1);
    assert.ok(evil[0]!.includes('evil\\x1b[31m-name\\nFAKE-ROW'), evil[0]);
    assert.ok(!lines.some((l) => l.startsWith('FAKE-ROW')));
  });

  it('keeps no canary in plain text in the store, its WAL or any other file of the home', () => {
    const files = homeFiles(h).filter((f) => !f.endsWith('secrets.json'));
    assert.ok(files.some((f) => f.endsWith('store.db')));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of [CANARY, SECRET, 'second line', '日本語']) {
        assert.ok(!bytes.includes(needle), `${file} holds '${needle}' in plain text`);
        assert.ok(!bytes.includes(Buffer.from(needle, 'utf16le')), `${file} holds '${needle}' as UTF-16`);
      }
    }
  });

  it('refuses a wrong passphrase plainly and leaves the store byte for byte as it was', async () => {
    const before = storeHashes(h);
    for (const args of [
      ['resources', '--json'],
      ['sync', '--json'],
    ]) {
      const r = await h.runWith({ ESCHER_PASSPHRASE: 'not the passphrase' }, ...args);
      assertOneLineError(r, 1, /key|passphrase/i);
    }
    assert.deepEqual(storeHashes(h), before);
  });

  it('says plainly when there is no key at all, without minting a new one', async () => {
    const before = storeHashes(h);
    const r = await h.runWith({ ESCHER_PASSPHRASE: undefined }, 'resources', '--json');
    assertOneLineError(r, 1, /key/i);
    assert.ok(!existsSync(join(h.home.dir, 'store.key')), 'no new key file for an existing store');
    assert.deepEqual(storeHashes(h), before);
  });

  it('never prints the account secret, and keeps it out of every file but secrets.json', async () => {
    await h.run('accounts', 'list', '--json');
    assert.ok(h.runs.length >= 10);
    for (const r of h.runs) {
      assert.ok(!r.stdout.includes(SECRET), `stdout of escher ${r.args.join(' ')}`);
      assert.ok(!r.stderr.includes(SECRET), `stderr of escher ${r.args.join(' ')}`);
    }
    for (const file of homeFiles(h).filter((f) => !f.endsWith('secrets.json'))) {
      assert.ok(!readFileSync(file).includes(SECRET), file);
    }
  });
});

/** Writes the canaries and hostile values into the simulated AWS estate, as a cloud user would. */
async function plantCanaries(sim: SimTarget): Promise<{ id: string; account: string; region: string }> {
  const account = sim.manifest.accounts['aws']![0]!.id;
  const credentials = { accessKeyId: `AKIA${account}CANARY`, secretAccessKey: 'test' };
  const s3 = new S3Client({ endpoint: sim.aws, region: 'us-east-1', forcePathStyle: true, credentials });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: BUCKET,
        Tagging: { TagSet: Object.entries(HOSTILE_TAGS).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
  } finally {
    s3.destroy();
  }
  for (const region of sim.manifest.regions['aws'] ?? []) {
    const ec2 = new EC2Client({ endpoint: sim.aws, region, credentials });
    try {
      const found = await ec2.send(new DescribeInstancesCommand({}));
      const id = found.Reservations?.flatMap((r) => r.Instances ?? [])[0]?.InstanceId;
      if (!id) continue;
      await ec2.send(
        new CreateTagsCommand({
          Resources: [id],
          Tags: [
            { Key: 'Name', Value: HOSTILE_NAME },
            { Key: 'canary', Value: TAG_VALUE },
            { Key: 'shell', Value: HOSTILE_TAGS['shell']! },
            { Key: 'unicode', Value: HOSTILE_TAGS['unicode']! },
          ],
        }),
      );
      return { id, account, region };
    } finally {
      ec2.destroy();
    }
  }
  assert.fail('the estate has an EC2 instance to tag');
}

function homeFiles(h: CliHarness): string[] {
  return readdirSync(h.home.dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** SHA-256 of the store file and its WAL / shared-memory files, where they exist. */
function storeHashes(h: CliHarness): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${h.home.storeFile}${suffix}`;
    if (existsSync(file))
      hashes[suffix || 'db'] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return hashes;
}

function assertOneLineError(r: CliRun, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, `escher ${r.args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^escher: .+\n$/);
  assert.match(r.stderr, pattern);
}
