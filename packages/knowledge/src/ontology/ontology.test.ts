import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLOUDS,
  ENVIRONMENT_SYNONYMS,
  NATIVE_TYPES,
  RESOURCE_STATES,
  RESOURCE_TYPES,
  type Environment,
  type Resource,
} from '@escher/protocol';
import { resource } from '../testing/resources.testing.ts';
import { conceptKey } from './concept.ts';
import { normaliseEngine } from './engines.ts';
import { canCarryTags, hasFlag } from './flags.ts';
import { conceptsOf, lexiconEntries, lookupPhrase, ontologyVocabulary } from './lexicon.ts';
import {
  resolveCloud,
  resolveEngine,
  resolveEnvironment,
  resolveFlag,
  resolveRegions,
  resolveStates,
  resolveTypes,
} from './resolve.ts';
import { TYPE_TERMS } from './resource-types.ts';
import { STATE_SYNONYMS } from './states.ts';

const typesOf = (phrase: string) => conceptsOf(phrase, 'type').flatMap((c) => c.value);
const strengthOf = (phrase: string, kind: string) =>
  lookupPhrase(phrase).find((s) => s.concept.kind === kind)?.strength;

describe('ontology: resource types', () => {
  it('gives every type agnostic words and each cloud that has it a service name', () => {
    for (const type of RESOURCE_TYPES) {
      assert.ok(TYPE_TERMS[type].words.length >= 1, type);
      for (const cloud of CLOUDS) {
        if (NATIVE_TYPES[type][cloud].length > 0)
          assert.ok(TYPE_TERMS[type].services[cloud].length >= 1, `${type} ${cloud}`);
      }
    }
  });

  it('maps every native type, any casing, to its type and cloud', () => {
    for (const type of RESOURCE_TYPES) {
      for (const cloud of CLOUDS) {
        for (const native of NATIVE_TYPES[type][cloud]) {
          assert.deepEqual(typesOf(native.toLowerCase()), [type], native);
          assert.equal(conceptsOf(native, 'cloud')[0]?.value, cloud, native);
        }
      }
    }
  });

  it('knows what users call things on every cloud', () => {
    const cases: [string, string][] = [
      ['VM', 'compute.instance'],
      ['virtual machines', 'compute.instance'],
      ['droplet', 'compute.instance'],
      ['EC2', 'compute.instance'],
      ['Compute Engine', 'compute.instance'],
      ['bucket', 'storage.bucket'],
      ['blob', 'storage.bucket'],
      ['object storage', 'storage.bucket'],
      ['storage account', 'storage.bucket'],
      ['GCS', 'storage.bucket'],
      ['db', 'database.instance'],
      ['RDS', 'database.instance'],
      ['Relational Database Service', 'database.instance'],
      ['Cloud SQL', 'database.instance'],
      ['Azure Database for PostgreSQL', 'database.instance'],
      ['lambda', 'serverless.function'],
      ['serverless', 'serverless.function'],
      ['function app', 'serverless.function'],
      ['k8s', 'container.cluster'],
      ['kubernetes', 'container.cluster'],
      ['GKE', 'container.cluster'],
      ['AKS', 'container.cluster'],
      ['EKS', 'container.cluster'],
      ['vnet', 'network.vpc'],
      ['subnetwork', 'network.subnet'],
      ['security group', 'network.firewall'],
      ['NSG', 'network.firewall'],
      ['firewall rule', 'network.firewall'],
      ['ALB', 'network.loadbalancer'],
      ['forwarding rule', 'network.loadbalancer'],
      ['Elastic IP', 'network.ip'],
      ['IAM user', 'iam.user'],
      ['managed identity', 'iam.role'],
      ['service account', 'iam.role'],
      ['KMS', 'security.key'],
      ['Key Vault', 'security.key'],
      ['Cloud KMS', 'security.key'],
      ['EBS', 'compute.volume'],
      ['persistent disk', 'compute.volume'],
      ['snapshots', 'compute.snapshot'],
    ];
    for (const [phrase, type] of cases) assert.deepEqual(typesOf(phrase), [type], phrase);
  });

  it('marks ambiguous words weak and service clouds implied', () => {
    assert.equal(strengthOf('server', 'type'), 'weak');
    assert.equal(strengthOf('cluster', 'type'), 'weak');
    assert.equal(strengthOf('vm', 'type'), 'strong');
    assert.equal(strengthOf('RDS', 'cloud'), 'weak');
    assert.equal(strengthOf('Azure SQL', 'cloud'), 'strong');
    assert.equal(strengthOf('Cloud SQL', 'cloud'), 'weak');
    assert.equal(conceptsOf('Azure Database for PostgreSQL', 'engine')[0]?.value, 'postgres');
  });
});

describe('ontology: clouds, environments, states, engines, flags, actions', () => {
  it('resolves clouds by every name', () => {
    for (const [word, cloud] of [
      ['amazon', 'aws'],
      ['AWS', 'aws'],
      ['microsoft', 'azure'],
      ['Azure', 'azure'],
      ['google cloud', 'gcp'],
      ['google', 'gcp'],
      ['gcp', 'gcp'],
    ]) {
      assert.equal(resolveCloud(word!), cloud, word);
    }
    assert.equal(resolveCloud('az'), 'azure');
    assert.equal(strengthOf('az', 'cloud'), 'structured');
    assert.equal(resolveCloud('oracle'), undefined);
  });

  it('uses protocol ENVIRONMENT_SYNONYMS for environments', () => {
    for (const [env, words] of Object.entries(ENVIRONMENT_SYNONYMS) as [Environment, readonly string[]][]) {
      for (const word of words) {
        assert.equal(resolveEnvironment(word.toUpperCase()), env, word);
        assert.equal(strengthOf(word, 'environment'), 'strong', word);
      }
    }
  });

  it('resolves state words, keeping everyday words structured', () => {
    for (const state of RESOURCE_STATES) assert.deepEqual(resolveStates(state), [state]);
    assert.deepEqual(resolveStates('up'), ['running']);
    assert.deepEqual(resolveStates('halted'), ['stopped']);
    assert.deepEqual(resolveStates('deallocated'), ['stopped']);
    for (const word of ['on', 'up', 'off', 'down'])
      assert.equal(strengthOf(word, 'state'), 'structured', word);
    assert.equal(strengthOf('stopped', 'state'), 'strong');
    assert.ok(Object.keys(STATE_SYNONYMS).every((s) => (RESOURCE_STATES as readonly string[]).includes(s)));
  });

  it('normalises engine ids of every cloud', () => {
    const cases: [string, string | undefined][] = [
      ['postgres', 'postgres'],
      ['PostgreSQL', 'postgres'],
      ['pg', 'postgres'],
      ['POSTGRES_15', 'postgres'],
      ['aurora-postgresql', 'postgres'],
      ['aurora-mysql', 'mysql'],
      ['aurora', 'mysql'],
      ['MYSQL_8_0', 'mysql'],
      ['mariadb', 'mariadb'],
      ['sqlserver-ee', 'sqlserver'],
      ['SQLSERVER_2019_STANDARD', 'sqlserver'],
      ['mssql', 'sqlserver'],
      ['oracle-se2', 'oracle'],
      ['custom-oracle-ee', 'oracle'],
      ['mongodb', undefined],
      ['', undefined],
    ];
    for (const [id, engine] of cases) assert.equal(normaliseEngine(id), engine, id);
    assert.equal(resolveEngine('sql server'), 'sqlserver');
  });

  it('reads flags from normalised attributes, unknown being neither way', () => {
    const db = resource({ id: 'db', attributes: { public: true, encrypted: false } });
    assert.equal(hasFlag(db, 'public'), true);
    assert.equal(hasFlag(db, 'private'), false);
    assert.equal(hasFlag(db, 'unencrypted'), true);
    assert.equal(hasFlag(db, 'encrypted'), false);
    const cluster = resource({ id: 'c', attributes: { endpointPublic: true } });
    assert.equal(hasFlag(cluster, 'public'), true);
    const sg = resource({ id: 'sg', attributes: { openSsh: true, openRdp: false } });
    assert.equal(hasFlag(sg, 'public'), true);
    const bare = resource({ id: 'bare' });
    for (const flag of [
      'public',
      'private',
      'encrypted',
      'unencrypted',
      'unattached',
      'attached',
      'idle',
    ] as const) {
      assert.equal(hasFlag(bare, flag), false, flag);
    }
    assert.equal(hasFlag(bare, 'untagged'), true);
    assert.equal(
      hasFlag(resource({ id: 't', tags: { Environment: 'prod', Owner: 'a' } }), 'untagged'),
      false,
    );
    assert.equal(hasFlag(resource({ id: 'ip', attributes: { associated: false } }), 'unattached'), true);
    assert.equal(
      hasFlag(resource({ id: 'i', state: 'running', attributes: { cpuAvg7d: 2.5 } }), 'idle'),
      true,
    );
    assert.equal(
      hasFlag(resource({ id: 'i', state: 'stopped', attributes: { cpuAvg7d: 2.5 } }), 'idle'),
      false,
    );
    assert.equal(resolveFlag('internet-facing'), 'public');
    assert.equal(resolveFlag('orphaned'), 'unattached');
  });

  it('counts as untagged only what its cloud lets carry tags', () => {
    const bare = (over: Partial<Resource>): boolean => hasFlag(resource({ id: 'x', ...over }), 'untagged');
    // GCP networks, subnetworks, firewall rules and service accounts have no labels at all.
    for (const nativeType of [
      'compute.googleapis.com/Network',
      'compute.googleapis.com/Subnetwork',
      'compute.googleapis.com/Firewall',
      'iam.googleapis.com/ServiceAccount',
    ])
      assert.equal(bare({ cloud: 'gcp', nativeType }), false, nativeType);
    assert.equal(bare({ cloud: 'gcp', nativeType: 'compute.googleapis.com/Instance' }), true);
    assert.equal(bare({ cloud: 'azure', type: 'network.subnet', attributes: { taggable: false } }), false);
    // KMS refuses tags on AWS managed keys; customer managed keys and service-linked roles take them.
    const key = { type: 'security.key', nativeType: 'AWS::KMS::Key' } as const;
    assert.equal(bare({ ...key, attributes: { customerManaged: false } }), false);
    assert.equal(bare({ ...key, attributes: { customerManaged: true } }), true);
    assert.equal(bare({ type: 'iam.role', attributes: { serviceLinked: true } }), true);
    assert.equal(canCarryTags(resource({ id: 'vm' })), true);
  });

  it('calls a firewall public when any ingress is open to the world, on any port', () => {
    const https = resource({
      id: 'sg',
      type: 'network.firewall',
      attributes: { openToWorld: true, openSsh: false, openRdp: false, openAll: false },
    });
    assert.equal(hasFlag(https, 'public'), true);
    assert.equal(hasFlag(https, 'private'), false);
    const closed = resource({
      id: 'sg2',
      type: 'network.firewall',
      attributes: { openToWorld: false, openSsh: false, openRdp: false, openAll: false },
    });
    assert.equal(hasFlag(closed, 'public'), false);
    assert.equal(hasFlag(closed, 'private'), true);
  });

  it('carries the actions of SPEC section 4 for intent parsing', () => {
    assert.deepEqual(
      conceptsOf('shut down', 'action').map((c) => c.value),
      ['stop'],
    );
    assert.deepEqual(
      conceptsOf('how many', 'action').map((c) => c.value),
      ['count'],
    );
    assert.deepEqual(
      conceptsOf('tear down', 'action').map((c) => c.value),
      ['delete'],
    );
    assert.deepEqual(
      conceptsOf('make private', 'action').map((c) => c.value),
      ['restrict'],
    );
    // "snapshot" is both a thing and a thing to do.
    assert.deepEqual(
      lookupPhrase('snapshot')
        .map((s) => s.concept.kind)
        .sort(),
      ['action', 'type'],
    );
  });
});

describe('ontology: lexicon', () => {
  it('folds plurals and punctuation in lookups', () => {
    assert.deepEqual(typesOf('databases'), ['database.instance']);
    assert.deepEqual(typesOf('VMs'), ['compute.instance']);
    assert.deepEqual(typesOf('security groups'), ['network.firewall']);
    assert.deepEqual(typesOf('IP addresses'), ['network.ip']);
    assert.deepEqual(lookupPhrase('nonsense-word'), []);
  });

  it('has no duplicate senses in an entry', () => {
    for (const [phrase, senses] of lexiconEntries()) {
      const keys = senses.map((s) => conceptKey(s.concept));
      assert.equal(new Set(keys).size, keys.length, phrase);
    }
  });

  it('exposes its vocabulary for the typo corrector', () => {
    const vocabulary = ontologyVocabulary();
    for (const word of ['postgres', 'production', 'database', 'frankfurt', 'kubernetes', 'virginia']) {
      assert.ok(vocabulary.has(word), word);
    }
  });

  it('resolves filter values for the region slot, codes first', () => {
    assert.deepEqual(resolveRegions('frankfurt'), ['eu-central-1', 'europe-west3', 'germanywestcentral']);
    assert.ok(resolveRegions('eu')!.includes('eu') && resolveRegions('eu')!.includes('eu-west-1'));
    assert.equal(resolveRegions('nowhere'), undefined);
    assert.deepEqual(resolveTypes('compute'), ['compute.instance', 'compute.volume', 'compute.snapshot']);
    assert.equal(resolveTypes('spaceship'), undefined);
  });
});
