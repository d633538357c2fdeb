/**
 * One request at a time per host, across all concurrent callers of a Fetcher: agencies'
 * servers are slow and some rate-limit, and a monitor has no reason to hit them in parallel.
 */

interface HostSlot {
  busy: boolean;
  /** FIFO of callers waiting for the host; each is woken by being handed the slot. */
  waiters: Array<() => void>;
}

export class HostQueue {
  private readonly slots = new Map<string, HostSlot>();

  /**
   * Runs `task` once no other task for `host` is running, in arrival order.
   * Aborting `signal` while waiting leaves the queue and rejects with `signal.reason`;
   * once the task has started, aborting is the task's business.
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(host, signal);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private acquire(host: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const slot = this.slots.get(host) ?? { busy: false, waiters: [] };
    this.slots.set(host, slot);
    if (!slot.busy) {
      slot.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        slot.waiters = slot.waiters.filter((w) => w !== wake);
        reject(signal?.reason);
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      slot.waiters.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands the slot straight to the next waiter (it stays busy), or frees it. */
  private release(host: string): void {
    const slot = this.slots.get(host);
    if (!slot) return;
    const next = slot.waiters.shift();
    if (next) {
      next();
      return;
    }
    // Forget idle hosts so the map does not grow with every host ever fetched.
    this.slots.delete(host);
  }
}
