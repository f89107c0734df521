import type { CallRecord } from './call.ts';

/**
 * Every call the simulator answered, in order (bounded; oldest dropped first). Tests read it to
 * see what a client did; the scanner benchmark reads it for the lower bound.
 */
export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  constructor(private readonly max = 2_000_000) {}

  append(record: Omit<CallRecord, 'seq'>): CallRecord {
    const full = { ...record, seq: ++this.seq };
    this.records.push(full);
    if (this.records.length > this.max) this.records.splice(0, this.records.length - this.max);
    return full;
  }

  /** Records after sequence number `since` (exclusive). */
  list(since = 0): CallRecord[] {
    if (since <= 0) return [...this.records];
    return this.records.filter((r) => r.seq > since);
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.records = [];
  }
}
