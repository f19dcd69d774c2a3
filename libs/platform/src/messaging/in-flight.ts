/** Counts work in progress so shutdown can wait for it to finish instead of cutting it off. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Marks one piece of work started; call the returned function once when it is over. */
  begin(): () => void {
    this.count += 1;
    let ended = false;

    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) {
        for (const wake of this.waiters.splice(0)) wake();
      }
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in progress, or after `timeoutMs` whatever remains. */
  async idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }
}
