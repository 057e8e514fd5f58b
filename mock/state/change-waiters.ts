/**
 * Readers waiting for the request journal to change (a test double's long polls, not for production):
 * the local journal's and the journal replicas share. At most `limit` wait at once; a new one past it
 * ends the oldest wait, whose reader (often a closed tab, whose request nobody will read) is answered at
 * once. A waiting reader never keeps the process alive.
 */
export class ChangeWaiters {
  readonly #limit: number;
  readonly #waiters = new Set<(changed: boolean) => void>();
  #closed = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** How many readers wait. */
  get size(): number {
    return this.#waiters.size;
  }

  /** Resolves true at the next `wake(true)`, false after `timeoutMs` or once closed. */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (this.#waiters.size >= this.#limit) this.#waiters.values().next().value?.(false);
    return new Promise((resolve) => {
      const wake = (changed: boolean): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve(changed);
      };
      const timer = setTimeout(wake, timeoutMs, false);
      timer.unref();
      this.#waiters.add(wake);
    });
  }

  /** Ends every wait with `changed`. */
  wake(changed: boolean): void {
    if (this.#waiters.size === 0) return;
    for (const wake of [...this.#waiters]) wake(changed);
  }

  /** Ends every wait and refuses new ones. */
  close(): void {
    this.#closed = true;
    this.wake(false);
  }
}
