import { UnexpectedError } from '@escher/protocol';

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

/**
 * A virtual clock and sleep for tests: sleeping never takes real time; `drive` runs a task to
 * completion, jumping the clock to the next sleeper whenever everything else is idle.
 */
export class VirtualTime {
  now = 0;
  private timers: Timer[] = [];
  private seq = 0;

  readonly clock = { now: (): number => this.now };

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const timer: Timer = { at: this.now + Math.max(0, ms), seq: this.seq++, wake: resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Runs `task` to completion in virtual time. */
  async drive<T>(task: Promise<T>): Promise<T> {
    let settled = false;
    const watched = task.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    let idle = 0;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) {
        if (++idle > 100)
          throw new UnexpectedError('virtual-time-stuck', 'Nothing to wake and the task is not done');
        continue;
      }
      idle = 0;
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
    return watched;
  }
}
