/**
 * Where everything of one deployment lives on NATS. The prefix (empty in production) lets test runs and a
 * local platform share one server without hearing each other.
 */
export class Naming {
  private readonly streamPrefix: string;

  constructor(readonly prefix: string) {
    this.streamPrefix = prefix.replace(/\.$/, '_').toUpperCase();
  }

  /** Request-reply subject of a query or command, e.g. `wallet.transfer.create`. */
  rpc(subject: string): string {
    return `${this.prefix}${subject}`;
  }

  /** JetStream subject of a domain event type, e.g. `events.marketplace.order.placed`. */
  event(type: string): string {
    return `${this.prefix}events.${type}`;
  }

  /** Where an event goes after its consumer's last failed delivery. */
  deadLetter(type: string): string {
    return `${this.prefix}dlq.events.${type}`;
  }

  get eventsStream(): string {
    return `${this.streamPrefix}EVENTS`;
  }

  get deadLetterStream(): string {
    return `${this.streamPrefix}DLQ`;
  }

  /** Strips the prefix from a subject received on the wire. */
  local(subject: string): string {
    return subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : subject;
  }

  /** Durable consumer name of one app's handler: JetStream names allow no dots. */
  durable(app: string, consumer: string): string {
    return `${app}__${consumer}`.replace(/[.*>\s]/g, '_');
  }
}
