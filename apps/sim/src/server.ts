import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAwsFrontend } from './aws/frontend.ts';
import { createAzureFrontend } from './azure/frontend.ts';
import { AZURE_TENANT_ID } from './azure/constants.ts';
import { CallLog } from './core/call-log.ts';
import { OffsetClock, type SimClock } from './core/clock.ts';
import { createAdmin } from './core/admin.ts';
import { FaultInjector, type FaultConfigInput } from './core/faults.ts';
import type { CloudFrontend, SimContext, SimTiming } from './core/frontend.ts';
import { createListener } from './core/pipeline.ts';
import { generateCertificate } from './core/tls.ts';
import { generateEstate, todayEpoch, type Estate } from './estate/estate.ts';
import { createGcpFrontend } from './gcp/frontend.ts';

export interface SimulatorOptions {
  seed?: number;
  /** small | medium | large | a total resource count. */
  size?: string;
  /** Reference instant of the estate (ms); defaults to the start of today (UTC). */
  epoch?: number;
  /** Always loopback unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  ports?: { aws?: number; azure?: number; gcp?: number };
  faults?: FaultConfigInput;
  clock?: SimClock;
  /** Simulated duration of state changes (default 5,000 ms; 0 = immediate). */
  transitionMs?: number;
}

/** Where each cloud is served, and what a client needs to trust and reach it. */
export interface SimEndpoints {
  aws: string;
  azure: string;
  gcp: string;
  /** PEM of the Azure endpoint's self-signed certificate (trust it via `tlsOptions.ca`). */
  azureCaCert: string;
  azureTenantId: string;
  azureAuthorityHost: string;
}

export interface RunningSimulator {
  endpoints: SimEndpoints;
  timing: SimTiming;
  clock: SimClock;
  faults: FaultInjector;
  log: CallLog;
  estate(): Estate;
  close(): Promise<void>;
}

/**
 * Starts the three cloud endpoints on loopback with a generated estate.
 *
 * @example
 * const sim = await startSimulator({ seed: 7, size: 'small', ports: { aws: 0, azure: 0, gcp: 0 } });
 * const ec2 = new EC2Client({ endpoint: sim.endpoints.aws, region: 'us-east-1', credentials });
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? new OffsetClock();
  const faults = new FaultInjector(options.faults);
  const log = new CallLog();
  let settings = {
    seed: options.seed ?? 1,
    size: options.size ?? 'small',
    epoch: options.epoch ?? todayEpoch(clock.now()),
  };
  let estate = generateEstate(settings);
  const timing: SimTiming = { transitionMs: options.transitionMs ?? 5_000 };
  const ctx: SimContext = { clock, faults, estate: () => estate, timing };

  const tls = await generateCertificate();
  const awsServer = createHttpServer();
  const azureServer = createHttpsServer({ key: tls.key, cert: tls.cert });
  const gcpServer = createHttpServer();
  const ports = options.ports ?? {};
  const [awsPort, azurePort, gcpPort] = await Promise.all([
    listen(awsServer, ports.aws ?? 0, host),
    listen(azureServer, ports.azure ?? 0, host),
    listen(gcpServer, ports.gcp ?? 0, host),
  ]);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const endpoints: SimEndpoints = {
    aws: `http://${urlHost}:${awsPort}`,
    azure: `https://${urlHost}:${azurePort}`,
    gcp: `http://${urlHost}:${gcpPort}`,
    azureCaCert: tls.cert,
    azureTenantId: AZURE_TENANT_ID,
    azureAuthorityHost: `https://${urlHost}:${azurePort}`,
  };
  const admin = createAdmin({
    clock,
    faults,
    log,
    estate: () => estate,
    reset: (next) => {
      settings = {
        seed: next.seed ?? settings.seed,
        size: next.size ?? settings.size,
        epoch: next.epoch ?? settings.epoch,
      };
      estate = generateEstate(settings);
      log.clear();
      return estate;
    },
    endpoints: () => ({ ...endpoints, azureCaCert: undefined }),
    timing,
  });
  const wire = (server: Server, frontend: CloudFrontend): void => {
    server.on('request', createListener(frontend, ctx, log, admin));
  };
  wire(awsServer, createAwsFrontend(ctx, { baseUrl: endpoints.aws }));
  wire(azureServer, createAzureFrontend(ctx, { baseUrl: endpoints.azure }));
  wire(gcpServer, createGcpFrontend(ctx, { baseUrl: endpoints.gcp }));

  return {
    endpoints,
    timing,
    clock,
    faults,
    log,
    estate: () => estate,
    close: async () => {
      await Promise.all([awsServer, azureServer, gcpServer].map(close));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
