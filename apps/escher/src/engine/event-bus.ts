import type { ExecutionEvent } from '@escher/protocol';
import type { Clock } from '../store/index.ts';
import type { ExecutionTable } from './execution-table.ts';

/** Someone listening to an execution's events (the CLI's `--follow`, the daemon's WebSocket). */
export type ExecutionListener = (event: ExecutionEvent) => void;

/**
 * The execution event stream. Every event is redacted, then stored (so `escher executions ID
 * --follow` in another process, or after the fact, sees the same lines) and handed to the
 * in-process listeners in order.
 */
export class ExecutionBus {
  private readonly listeners = new Set<ExecutionListener>();

  constructor(
    private readonly table: ExecutionTable,
    private readonly clock: Clock,
    private readonly redact: (text: string) => string,
  ) {}

  subscribe(listener: ExecutionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: Omit<ExecutionEvent, 'seq' | 'at' | 'text'> & { text: string }): ExecutionEvent {
    const stored = this.table.appendEvent({
      ...event,
      at: new Date(this.clock.now()).toISOString(),
      text: this.redact(event.text),
    });
    for (const listener of this.listeners) listener(stored);
    return stored;
  }
}
