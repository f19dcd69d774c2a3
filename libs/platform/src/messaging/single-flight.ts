/**
 * Runs `run` one at a time for workers woken by NOTIFY and by a poll timer (the outbox relay, a delivery
 * worker): a wake while a run is in progress asks for one more run after it, never a second at once.
 */
export class SingleFlight {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly run: () => Promise<void>) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;

      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** The wakes so far are served by the run about to read its work: no extra run for them. */
  served(): void {
    this.again = false;
  }

  /** Wakes and resolves once no run is in progress, so everything pending when called was handled. */
  async settle(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  /** No run starts any more; resolves when the one in progress has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
