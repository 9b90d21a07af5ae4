import type { LookupAddress, LookupOptions } from 'node:dns';
import type { Agent, fetch as undiciFetch } from 'undici';
import type { AttemptOutcome } from '../../domain/events/delivery.js';
import type { WebhookRequest, WebhookSender } from '../../domain/events/webhook-sender.js';
import { addressLiteralOf } from './address-range.js';
import { refusalFor, systemResolver, type Resolver } from './url-policy.js';
import { signatureOf } from './webhook-signature.js';

export const ATTEMPT_TIMEOUT_MS = 10_000;

export interface HttpWebhookSenderOptions {
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private addresses, and http, are allowed. */
  readonly allowPrivate: boolean;
  readonly resolve?: Resolver;
  /** Tests shorten it; the contract's is 10 seconds. */
  readonly timeoutMs?: number;
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** Thrown inside the connection's DNS lookup when the name leads to a refused address. */
class RefusedTarget extends Error {}

/**
 * POSTs a delivery as Standard Webhooks describe it. Redirects are not
 * followed (a 3xx fails), each attempt has its own timeout, and the address
 * the name resolves to is checked inside the connection's own DNS lookup: the
 * socket connects to exactly the address that was checked, so a name whose
 * DNS answer changes between a check and the connection (DNS rebinding)
 * cannot reach the owner's network. undici's Agent takes that lookup hook;
 * Node 20's global fetch offers no way to pass one. undici is loaded with the
 * first delivery: most starts send none before their first request is served.
 */
export class HttpWebhookSender implements WebhookSender {
  private client: Promise<{ agent: Agent; fetch: typeof undiciFetch }> | undefined;
  private readonly lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => void;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpWebhookSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
    const resolve = options.resolve ?? systemResolver;
    this.lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
      resolve(hostname).then(
        (found) => {
          const addresses = found.filter(({ family }) => !lookupOptions.family || family === lookupOptions.family);
          const refusal = options.allowPrivate
            ? null
            : addresses.map(({ address }) => refusalFor(address)).find(Boolean);
          if (refusal) return callback(new RefusedTarget(`${hostname}: ${refusal}`), []);
          const [first] = addresses;
          if (!first)
            return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
          if (lookupOptions.all)
            return callback(
              null,
              addresses.map(({ address, family }) => ({ address, family })),
            );
          return callback(null, first.address, first.family);
        },
        (error: Error) => callback(error, []),
      );
    };
  }

  async send(request: WebhookRequest, signal?: AbortSignal): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const refusal = this.refusalOf(request.url);
    if (refusal !== null) return { statusCode: null, error: refusal, durationMs: elapsed() };
    const body = JSON.stringify({ type: request.type, timestamp: request.timestamp, data: request.data });
    const timestamp = Math.floor(request.attemptAt.getTime() / 1000);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const { agent, fetch } = await this.connected();
      const response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'portfolio-api-webhooks',
          'webhook-id': request.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureOf(request.secret, request.id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
        dispatcher: agent,
      });
      // Only the status counts; the body is not read.
      await response.body?.cancel();
      const { status } = response;
      const error = status >= 300 && status < 400 ? `Redirects are not followed (${status})` : null;
      return { statusCode: status, error, durationMs: elapsed() };
    } catch (error) {
      return { statusCode: null, error: this.describe(error, timeout), durationMs: elapsed() };
    }
  }

  /** Closes the connections kept alive to receivers. */
  async close(): Promise<void> {
    await (await this.client)?.agent.close();
  }

  private connected(): Promise<{ agent: Agent; fetch: typeof undiciFetch }> {
    // The default export: bundled, undici (CommonJS) becomes a module whose only export is its exports object.
    return (this.client ??= import('undici').then(({ default: undici }) => ({
      agent: new undici.Agent({ connect: { lookup: this.lookup, timeout: this.timeoutMs } }),
      fetch: undici.fetch,
    })));
  }

  /** Checks what the connection's lookup never sees: the scheme, and a host that is an address already. */
  private refusalOf(text: string): string | null {
    const url = new URL(text);
    if (url.protocol !== 'https:' && !(this.options.allowPrivate && url.protocol === 'http:')) {
      return 'Must be an https URL unless WEBHOOK_ALLOW_PRIVATE=true';
    }
    const literal = addressLiteralOf(url.hostname);
    return literal === null || this.options.allowPrivate ? null : refusalFor(literal);
  }

  private describe(error: unknown, timeout: AbortSignal): string {
    if (timeout.aborted) return `No answer within ${this.timeoutMs / 1000} s`;
    if (error instanceof Error && error.name === 'AbortError') return 'The attempt was interrupted';
    let cause: unknown = error;
    while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
    if (cause instanceof RefusedTarget) return cause.message;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const message = cause instanceof Error ? cause.message : String(cause);
    return code && !message.includes(code) ? `${message} (${code})` : message;
  }
}
