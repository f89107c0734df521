import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinPlaybooks } from './playbook-library.ts';
import { playbookDocument, searchPlaybooks } from './playbook-search.ts';

const library = builtinPlaybooks();
const top = (query: string, n = 3): string[] =>
  searchPlaybooks(library, (b) => b.playbook, query, n).map((hit) => hit.item.playbook.id);

describe('searching playbooks', () => {
  it('finds playbooks by the words users use, not only their ids', () => {
    assert.equal(top('power off vms')[0], 'stop-compute-instance');
    assert.equal(top('stop ec2')[0], 'stop-compute-instance');
    assert.equal(top('release elastic ip')[0], 'delete-network-ip');
    assert.equal(top('public s3 bucket')[0], 'restrict-storage-bucket');
    assert.equal(top('open ssh security group')[0], 'restrict-network-firewall');
    assert.equal(top('kubectl nodes')[0], 'list-kubernetes-nodes');
    assert.ok(top('label gke cluster').includes('tag-container-cluster'));
  });

  it('matches prefixes, scores in (0, 1], and leaves out what matches nothing', () => {
    const hits = searchPlaybooks(library, (b) => b.playbook, 'snap', 100);
    assert.ok(hits.length > 0 && hits.every((h) => h.score > 0 && h.score <= 1));
    assert.deepEqual(
      hits.slice(0, 3).map((h) => [h.item.playbook.id.split('-')[0], h.score]),
      [
        ['snapshot', 1],
        ['snapshot', 1],
        ['snapshot', 1],
      ],
    );
    assert.deepEqual(
      searchPlaybooks(library, (b) => b.playbook, 'zzzz qqqq'),
      [],
    );
    assert.deepEqual(
      searchPlaybooks(library, (b) => b.playbook, '  '),
      [],
    );
  });

  it('describes a playbook in searchable text', () => {
    const doc = playbookDocument(library.find((b) => b.playbook.id === 'stop-compute-instance')!.playbook);
    for (const word of [
      'Stop compute instances',
      'shut down',
      'virtual machine',
      'EC2',
      'compute.instance.stop',
    ]) {
      assert.ok(doc.includes(word), word);
    }
  });
});
