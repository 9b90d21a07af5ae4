import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Date.now() when it arrived. */
  readonly receivedAt: number;
}

/** How the receiver answers: a status, a redirect to a path, or no answer at all. */
export type Answer = number | { readonly redirect: string } | 'hang';

export interface ReceiverOptions {
  /** How long each answer waits, so that deliveries sent in parallel would overlap. */
  readonly delayMs?: number;
}

/**
 * A webhook subscriber on loopback, as real as one gets: a Node HTTP server
 * that records every request and answers by path. `/ok` answers 200; a path
 * given answers in `answer` is answered with them in turn, then as its last
 * one keeps answering. It also counts, per `webhook-id`, how many requests
 * were in flight at once.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  /** The most requests with one webhook-id that were in flight at the same time. */
  maxInFlightPerId = 0;
  private readonly scripts = new Map<string, Answer[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) =>
      receiver.handle(req, res, options.delayMs ?? 0),
    );
    return receiver;
  }

  url(path = '/ok'): string {
    return `${this.base}${path}`;
  }

  /** `path` answers these, in turn; its last one stays. */
  answer(path: string, ...answers: Answer[]): void {
    this.scripts.set(path, answers);
  }

  /** The requests to `path` (every path when absent). */
  requests(path?: string): ReceivedRequest[] {
    return this.received.filter((request) => path === undefined || request.path === path);
  }

  /** Resolves once `count` requests (to `path`, when given) have arrived; rejects after `timeoutMs`. */
  async waitFor(count: number, path?: string, timeoutMs = 4000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests(path).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`expected ${count} requests${path ? ` to ${path}` : ''}, got ${this.requests(path).length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.requests(path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse, delayMs: number): void {
    const chunks: Buffer[] = [];
    const id = String(req.headers['webhook-id'] ?? '');
    const now = (this.inFlight.get(id) ?? 0) + 1;
    this.inFlight.set(id, now);
    this.maxInFlightPerId = Math.max(this.maxInFlightPerId, now);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      this.received.push({
        path,
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      });
      for (const wake of this.waiters.splice(0)) wake();
      const answer = this.next(path);
      const done = () => this.inFlight.set(id, (this.inFlight.get(id) ?? 1) - 1);
      if (answer === 'hang') {
        req.socket.on('close', done);
        return;
      }
      setTimeout(() => {
        done();
        if (typeof answer === 'number') res.writeHead(answer).end('ignored');
        else res.writeHead(302, { location: answer.redirect }).end();
      }, delayMs);
    });
  }

  private next(path: string): Answer {
    const script = this.scripts.get(path);
    if (!script) return path === '/ok' ? 200 : 404;
    return script.length > 1 ? script.shift()! : script[0]!;
  }
}

/**
 * What the receiver's own Standard Webhooks verifier (the `standardwebhooks`
 * package, not the service's code) makes of a request: the parsed payload,
 * or a throw when the signature, id or timestamp do not hold.
 */
export function verified(secret: string, request: ReceivedRequest): { type: string; timestamp: string; data: any } {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: any };
}
