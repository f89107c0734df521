import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FaultConfigSchema } from './core/faults.ts';
import { describeSettings } from './settings.ts';
import { startSimulator } from './server.ts';

const HELP = `escher-sim — a local AWS, Azure and GCP API simulator

Usage: escher-sim [options]

  --seed N               estate seed (default 1)
  --size S               small | medium | large | a total resource count (default small)
  --epoch ISO            estate reference time (default: start of today, UTC)
  --port N               AWS port; Azure is N+1, GCP is N+2 (default 4600; 0 picks free ports)
  --host H               bind address (default 127.0.0.1)
  --ca-file PATH         write the Azure endpoint's certificate (PEM) to PATH
  --latency MS           added latency per call
  --error-rate P         probability of a 5xx per call (0..1)
  --no-rate-limits       serve without the clouds' rate limits
  --rate-limit-scale X   multiply every rate limit by X
  --page-size N          cap every page at N items
  --empty-page-every N   every Nth page is empty but carries a next token
  --outage SPEC          cloud[:service[:region]] outage, repeatable (e.g. aws:ec2:eu-west-1)
  --json                 print endpoints as JSON only
  -h, --help             this help
`;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    size: { type: 'string', default: 'small' },
    epoch: { type: 'string' },
    port: { type: 'string', default: '4600' },
    host: { type: 'string', default: '127.0.0.1' },
    'ca-file': { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    'no-rate-limits': { type: 'boolean', default: false },
    'rate-limit-scale': { type: 'string' },
    'page-size': { type: 'string' },
    'empty-page-every': { type: 'string' },
    outage: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function fail(message: string): never {
  console.error(`escher-sim: ${message}`);
  process.exit(1);
}

const num = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) fail(`--${name} must be a number, got "${value}"`);
  return n;
};

const faults = FaultConfigSchema.safeParse({
  latencyMs: num('latency', values.latency),
  errorRate: num('error-rate', values['error-rate']),
  rateLimits: {
    enabled: !values['no-rate-limits'],
    scale: num('rate-limit-scale', values['rate-limit-scale']) ?? 1,
  },
  pagination: {
    maxPageSize: num('page-size', values['page-size']),
    emptyPageEvery: num('empty-page-every', values['empty-page-every']),
  },
  outages: values.outage.map((spec) => {
    const [cloud, service, region] = spec.split(':');
    return { cloud, service: service || undefined, region: region || undefined };
  }),
});
if (!faults.success)
  fail(
    `invalid fault settings: ${faults.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );

const base = num('port', values.port)!;
const epoch = values.epoch ? Date.parse(values.epoch) : undefined;
if (epoch !== undefined && Number.isNaN(epoch)) fail(`--epoch must be an ISO date, got "${values.epoch}"`);

try {
  const sim = await startSimulator({
    seed: num('seed', values.seed)!,
    size: values.size,
    epoch,
    host: values.host,
    ports: base === 0 ? { aws: 0, azure: 0, gcp: 0 } : { aws: base, azure: base + 1, gcp: base + 2 },
    faults: faults.data,
  });
  const caFile = values['ca-file'];
  if (caFile) writeFileSync(caFile, sim.endpoints.azureCaCert, { mode: 0o644 });
  const manifest = sim.estate().manifest;
  if (values.json) {
    console.log(JSON.stringify({ ...sim.endpoints, caFile, totalResources: manifest.totalResources }));
  } else {
    console.log(
      `escher-sim: seed ${manifest.seed}, size ${manifest.size}: ${manifest.totalResources} resources generated in ${manifest.generatedInMs} ms\n`,
    );
    console.log(describeSettings(sim.endpoints, caFile));
    console.log('\nPress Ctrl+C to stop.');
  }
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE')
    fail(`port in use (${(error as Error).message}); pick another with --port or --port 0`);
  fail(error instanceof Error ? error.message : String(error));
}
