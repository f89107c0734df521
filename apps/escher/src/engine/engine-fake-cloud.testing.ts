import { OPERATION_PARAMS, PlaybookSchema, type PlaybookInput, type Resource } from '@escher/protocol';
import type { OperationRequest, ProviderActions } from '@escher/provider-api';
import type { LoadedPlaybook } from '../playbooks/index.ts';
import type { GraphView } from './blast-radius.ts';

// The engine tests' in-memory cloud and fixtures (shared by engine.test.ts and engine-safety.test.ts).

/** A dev AWS instance `i-N`, running. */
export const instance = (n: number, extra: Partial<Resource> = {}): Resource => ({
  id: `i-${n}`,
  nativeId: `i-${n}`,
  cloud: 'aws',
  account: '111122223333',
  region: 'us-east-1',
  type: 'compute.instance',
  nativeType: 'AWS::EC2::Instance',
  name: `web-${n}`,
  state: 'running',
  environment: 'dev',
  tags: {},
  attributes: {},
  relationships: [],
  ...extra,
});

/** A playbook as the catalogue loads it, from its fields. */
export const loaded = (input: Partial<PlaybookInput> & Pick<PlaybookInput, 'steps'>): LoadedPlaybook => ({
  playbook: PlaybookSchema.parse({
    id: 'test.pb',
    name: 'Test',
    description: 'Test playbook',
    version: '1.0.0',
    risk: 'low',
    applicability: { clouds: ['aws'], resourceTypes: ['compute.instance'], actions: ['stop'] },
    ...input,
  }),
  source: 'user',
  text: '',
  sha256: '0'.repeat(64),
  file: 'test.yaml',
});

/** An in-memory cloud: stop takes `stopMs` of (manual) clock time to reach `stopped`. */
export class FakeCloud implements ProviderActions {
  readonly states = new Map<string, { state: string; at: number }>();
  inFlight = 0;
  maxInFlight = 0;
  calls: string[] = [];
  failFirst = new Set<string>();
  /** Every operation step a dry run or run reached, for the dry-run-every-step checks. */
  dryRuns: string[] = [];
  /** A dry run of resize refuses with this (a later step refused for the current state). */
  resizeRefusal: Error | undefined;
  /** The start operation reports success but changes nothing (an undo that does not hold). */
  brokenUndo = false;
  readonly deleted = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly stopMs = 0,
  ) {}

  readonly operations = [
    {
      id: 'compute.instance.stop' as const,
      params: OPERATION_PARAMS['compute.instance.stop'],
      run: async (req: OperationRequest) => this.change(req, 'stopped', 'compute.instance.start'),
    },
    {
      id: 'compute.instance.start' as const,
      params: OPERATION_PARAMS['compute.instance.start'],
      run: async (req: OperationRequest) =>
        this.brokenUndo ? this.pretend(req) : this.change(req, 'running', 'compute.instance.stop'),
    },
    {
      id: 'compute.instance.resize' as const,
      params: OPERATION_PARAMS['compute.instance.resize'],
      run: async (req: OperationRequest) => {
        this.dryRuns.push(`resize:${req.target.id}`);
        if (req.dryRun && this.resizeRefusal) throw this.resizeRefusal;
        return { status: 'succeeded' as const, message: 'resized' };
      },
    },
    {
      id: 'compute.instance.delete' as const,
      params: OPERATION_PARAMS['compute.instance.delete'],
      run: async (req: OperationRequest) => {
        if (!req.dryRun) this.deleted.add(req.target.id);
        return { status: 'succeeded' as const, message: 'deleted' };
      },
    },
  ];

  async refresh(resource: Resource): Promise<Resource | undefined> {
    if (this.deleted.has(resource.id)) return undefined;
    const s = this.states.get(resource.id);
    const state = s && this.now() >= s.at ? s.state : (resource.state ?? 'running');
    return { ...resource, state };
  }

  private async pretend(req: OperationRequest) {
    if (!req.dryRun) this.calls.push(`pretend-start:${req.target.id}`);
    return { status: 'succeeded' as const, message: 'started (not really)' };
  }

  private async change(
    req: OperationRequest,
    to: string,
    undo: 'compute.instance.start' | 'compute.instance.stop',
  ) {
    if (req.dryRun) return { status: 'dry-run-ok' as const, message: 'ok' };
    this.calls.push(`${to}:${req.target.id}`);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setImmediate(r));
    this.inFlight -= 1;
    if (this.failFirst.delete(req.target.id)) throw new RangeError('throttled, try again');
    this.states.set(req.target.id, { state: to, at: this.now() + this.stopMs });
    return {
      status: 'accepted' as const,
      message: `${req.target.id} → ${to}`,
      undo: { operation: undo, params: {} },
    };
  }
}

/** A resource graph with no edges. */
export const noGraph: GraphView = { incoming: () => [], known: () => new Map() };
