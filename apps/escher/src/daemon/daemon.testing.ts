import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDaemonClient, type DaemonClient } from '@escher/protocol';
import { resolveHome, type EscherHome } from '../cli/escher-home.ts';
import { openTempStore, testInstance, testScope, type TempStore } from '../store/testing/index.ts';
import { createDaemon, type Daemon, type DaemonOptions } from './create-daemon.ts';

export const TEST_PORT = 7433;
export const TEST_BASE = `http://127.0.0.1:${TEST_PORT}`;
export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';
export const AZURE_VM_ID =
  '/subscriptions/3f2c8a51-7d0e-4b6a-9c1e-2a7b5d9e0f11/resourceGroups/rg-pay/providers/Microsoft.Compute/virtualMachines/pay-vm-1';

/** A daemon over a real temporary store holding a small estate, driven in-process. */
export interface TestDaemon extends Daemon {
  temp: TempStore;
  /** The daemon's home (`<temp>/home`): no accounts, no daemon files. */
  home: EscherHome;
  /** When the second sync ran (ISO): only `api-1` changed then. */
  secondSyncAt: string;
  /** `app.request` with this daemon's Host and token unless overridden. */
  request(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<Response>;
  client: DaemonClient;
  cleanup(): void;
}

/**
 * Two syncs into a temp store: five resources over three clouds, then `api-1` stopped an hour
 * later. Everything else about the daemon is real.
 */
export async function createTestDaemon(overrides: Partial<DaemonOptions> = {}): Promise<TestDaemon> {
  const temp = await openTempStore();
  const { store, clock } = temp;
  const awsEast = testScope();
  const awsWest = testScope({ region: 'us-west-2' });
  const azure = testScope({
    cloud: 'azure',
    account: '3f2c8a51-7d0e-4b6a-9c1e-2a7b5d9e0f11',
    region: 'eastus',
    service: 'compute',
  });
  const api = testInstance('api-1', { tags: { env: 'dev', team: 'payments' } });
  const db = testInstance('db-1', {
    state: 'stopped',
    environment: 'prod',
    tags: { env: 'prod', team: 'payments' },
  });
  const web = testInstance('web-1', {
    region: 'us-west-2',
    environment: 'staging',
    tags: { env: 'staging' },
  });
  const vm = testInstance('pay-vm-1', {
    id: AZURE_VM_ID,
    nativeId: AZURE_VM_ID,
    cloud: 'azure',
    account: azure.account,
    region: 'eastus',
    nativeType: 'Microsoft.Compute/virtualMachines',
    environment: 'prod',
    tags: { env: 'prod', team: 'checkout' },
  });
  const first = store.beginSync();
  store.replaceScope(awsEast, [api, db], first);
  store.replaceScope(awsWest, [web], first);
  store.replaceScope(azure, [vm], first);
  clock.advance(2_000);
  store.finishSync(first, { apiCalls: 7 });

  clock.advance(60 * 60_000);
  const secondSyncAt = new Date(clock.now()).toISOString();
  const second = store.beginSync();
  store.replaceScope(awsEast, [{ ...api, state: 'stopped' }, db], second);
  store.replaceScope(awsWest, [web], second);
  store.replaceScope(azure, [vm], second);
  store.finishSync(second, { apiCalls: 5 });

  const homeDir = join(temp.dir, 'home');
  mkdirSync(homeDir, { recursive: true });
  const home = resolveHome({ ESCHER_HOME: homeDir });
  const daemon = createDaemon({
    store,
    clock,
    home,
    token: TEST_TOKEN,
    port: TEST_PORT,
    version: '9.9.9',
    pid: 4242,
    ...overrides,
  });
  const request: TestDaemon['request'] = (path, init = {}) =>
    Promise.resolve(
      daemon.app.request(`${TEST_BASE}${path}`, {
        method: init.method ?? 'GET',
        headers: { host: `127.0.0.1:${TEST_PORT}`, authorization: `Bearer ${TEST_TOKEN}`, ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
      }),
    );
  const client = createDaemonClient({
    baseUrl: TEST_BASE,
    token: TEST_TOKEN,
    fetch: (input, init) =>
      Promise.resolve(
        daemon.app.request(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), host: `127.0.0.1:${TEST_PORT}` },
        }),
      ),
  });
  return { ...daemon, temp, home, secondSyncAt, request, client, cleanup: () => temp.cleanup() };
}
