import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request arrived (epoch ms). */
  at: number;
}

export interface ProviderAnswer {
  status: number;
  body: unknown;
}

type Route = (request: RecordedRequest) => ProviderAnswer;

/**
 * A local stand-in for a provider's HTTP API: records every request and answers from a queue per path
 * (then a default), as the provider would: `answer(path, ...)` queues answers for requests whose URL
 * starts with `path`.
 */
export class FakeProvider {
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, ProviderAnswer[]>();
  private readonly defaults = new Map<string, Route>();
  private readonly server: Server = createServer((request, response) => {
    this.handle(request, response);
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;

    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  /** The answer to every request under `path` once its queue is empty. */
  otherwise(path: string, route: Route): void {
    this.defaults.set(path, route);
  }

  /** Answers the next requests under `path`, in order. */
  answer(path: string, ...answers: ProviderAnswer[]): void {
    this.queues.set(path, [...(this.queues.get(path) ?? []), ...answers]);
  }

  reset(): void {
    this.requests.length = 0;
    this.queues.clear();
  }

  /** Requests whose URL starts with `path`. */
  to(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.url?.startsWith(path));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      this.requests.push(recorded);
      const path = [...this.defaults.keys(), ...this.queues.keys()].find((prefix) =>
        recorded.url?.startsWith(prefix),
      );
      const queued = path === undefined ? undefined : this.queues.get(path)?.shift();
      const answer = queued ??
        (path === undefined ? undefined : this.defaults.get(path)?.(recorded)) ?? {
          status: 404,
          body: { error: 'no such route on the fake provider' },
        };
      response.writeHead(answer.status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  }
}
