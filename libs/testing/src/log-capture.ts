import Transport from 'winston-transport';

/** A log destination that keeps every line written, as the JSON that would reach stdout. */
export class LogCapture extends Transport {
  readonly entries: Record<string, unknown>[] = [];

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    const line = info[Symbol.for('message')];
    this.entries.push(typeof line === 'string' ? (JSON.parse(line) as Record<string, unknown>) : { ...info });
    next();
  }

  /** Everything logged, as the text an operator would read. */
  text(): string {
    return this.entries.map((entry) => JSON.stringify(entry)).join('\n');
  }
}
