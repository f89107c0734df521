interface Waiter {
  priority: number;
  seq: number;
  grant: () => void;
}

/**
 * Bounds how many tasks run at once. `acquire` resolves with a release function; waiters are
 * served lowest `priority` first, then first come first served, and an aborted waiter leaves
 * the queue.
 */
export class Semaphore {
  private active = 0;
  private seq = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit: number) {}

  async acquire(signal?: AbortSignal, priority = 0): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.splice(this.insertionPoint(priority), 0, waiter);
    });
    return this.releaser();
  }

  /** Runs `task` holding one slot. */
  async use<T>(task: () => Promise<T>, signal?: AbortSignal, priority = 0): Promise<T> {
    const release = await this.acquire(signal, priority);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** After every waiter of the same or lower priority (binary search: the queue stays sorted). */
  private insertionPoint(priority: number): number {
    let lo = 0;
    let hi = this.waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.waiting[mid]!.priority <= priority) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays as it is.
      if (next) next.grant();
      else this.active--;
    };
  }
}
