import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cloud, Resource } from '@escher/protocol';
import type { Clock } from '../clock.ts';
import { staticKeySource } from '../key/static.key-source.ts';
import { Store } from '../store.ts';
import type { StoreScope } from '../store.types.ts';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private time = Date.UTC(2026, 10, 21, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A store in a fresh temporary directory with a random raw key. */
export interface TempStore {
  store: Store;
  dir: string;
  path: string;
  key: Buffer;
  clock: ManualClock;
  /** A second Store on the same file and key (the first must be closed). */
  reopen(): Promise<Store>;
  /** Closes the store and deletes the directory. */
  cleanup(): void;
}

/** Opens a throwaway encrypted store. */
export async function openTempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-store-test-'));
  const path = join(dir, 'store.db');
  const key = randomBytes(32);
  const clock = new ManualClock();
  const make = (): Store =>
    new Store({ path, keySource: staticKeySource({ kind: 'raw', bytes: key }), clock });
  const store = make();
  await store.open();
  const opened: Store[] = [store];
  return {
    store,
    dir,
    path,
    key,
    clock,
    async reopen() {
      const next = make();
      await next.open();
      opened.push(next);
      return next;
    },
    cleanup() {
      for (const s of opened) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A scope for hand-written test resources. */
export function testScope(overrides: Partial<StoreScope> = {}): StoreScope {
  return { cloud: 'aws', account: '111122223333', region: 'us-east-1', service: 'ec2', ...overrides };
}

/** A small EC2 instance in `testScope()`; override anything. */
export function testInstance(name: string, overrides: Partial<Resource> = {}): Resource {
  const cloud: Cloud = overrides.cloud ?? 'aws';
  const account = overrides.account ?? '111122223333';
  const region = overrides.region ?? 'us-east-1';
  const id = overrides.id ?? `arn:aws:ec2:${region}:${account}:instance/i-${name}`;
  return {
    id,
    nativeId: id,
    cloud,
    account,
    region,
    type: 'compute.instance',
    nativeType: 'AWS::EC2::Instance',
    name,
    state: 'running',
    environment: 'dev',
    tags: { env: 'dev', owner: 'ana' },
    attributes: { size: 't3.micro', public: false },
    relationships: [],
    ...overrides,
  };
}
