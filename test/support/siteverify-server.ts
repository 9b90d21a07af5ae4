import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A siteverify endpoint on loopback that speaks the protocol of Cloudflare
 * Turnstile or hCaptcha: it reads the form-encoded `secret`, `response` and
 * `remoteip`, records each request, and answers `{ success, error-codes }`
 * as the provider documents it, including the providers' test secrets.
 * `behaviour` makes it fail the ways a real provider can.
 */

export type Provider = 'turnstile' | 'hcaptcha';

/** Turnstile's dummy secret keys (developers.cloudflare.com/turnstile/troubleshooting/testing/). */
export const TURNSTILE_TEST_SECRETS = {
  passes: '1x0000000000000000000000000000000AA',
  fails: '2x0000000000000000000000000000000AA',
  spent: '3x0000000000000000000000000000000AA',
} as const;
/** The token Turnstile's dummy site keys hand out. */
export const TURNSTILE_DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

/** hCaptcha's test secret and the one response it accepts (docs.hcaptcha.com, "Integration Testing"). */
export const HCAPTCHA_TEST_SECRET = '0x0000000000000000000000000000000000000000';
export const HCAPTCHA_TEST_RESPONSE = '10000000-aaaa-bbbb-cccc-000000000001';

/** The secret of the site this server plays the provider for, when no test secret is used. */
export const SITE_SECRET = 'site-secret-0123456789abcdef';

export interface SiteverifyRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  /** The form fields, as sent. */
  readonly fields: Readonly<Record<string, string>>;
}

/** How the server answers the next requests. */
export type Behaviour =
  | 'verify'
  /** HTTP 500 with a JSON body. */
  | 'error'
  /** Accepts the request and never answers. */
  | 'hang'
  /** Sends the status line and headers, then part of the body, then nothing more. */
  | 'stall'
  /** 200 with JSON that is no siteverify result. */
  | 'malformed'
  /** 200 with an HTML page. */
  | 'not-json';

const PATHS: Record<Provider, string> = { turnstile: '/turnstile/v0/siteverify', hcaptcha: '/siteverify' };
/** What each provider calls a token used twice, or one past its lifetime. */
const SPENT: Record<Provider, string> = {
  turnstile: 'timeout-or-duplicate',
  hcaptcha: 'invalid-or-already-seen-response',
};
const EXPIRED: Record<Provider, string> = { turnstile: 'timeout-or-duplicate', hcaptcha: 'expired-input-response' };

export class SiteverifyServer {
  readonly requests: SiteverifyRequest[] = [];
  behaviour: Behaviour = 'verify';
  /** Tokens handed out and not yet verified; the others are spent or expired. */
  private readonly fresh = new Set<string>();
  private readonly spent = new Set<string>();
  private readonly expired = new Set<string>();

  private constructor(
    readonly provider: Provider,
    private readonly server: Server,
  ) {}

  static async start(provider: Provider): Promise<SiteverifyServer> {
    const server = createServer();
    const siteverify = new SiteverifyServer(provider, server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void siteverify.answer(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return siteverify;
  }

  /** What CAPTCHA_VERIFY_URL is set to. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${PATHS[this.provider]}`;
  }

  /** A token as the widget hands one to a visitor who solved it: valid once. */
  issueToken(): string {
    const token = `${this.provider}.${randomUUID()}`;
    this.fresh.add(token);
    return token;
  }

  /** A token that was handed out and has outlived its lifetime unverified. */
  expiredToken(): string {
    const token = `${this.provider}.${randomUUID()}`;
    this.expired.add(token);
    return token;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += (chunk as Buffer).toString('utf8');
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      contentType: req.headers['content-type'] ?? '',
      fields: Object.fromEntries(new URLSearchParams(body)),
    });
    switch (this.behaviour) {
      case 'hang':
        return;
      case 'stall':
        res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"success":');
        return;
      case 'error':
        return send(res, 500, { error: 'internal failure' });
      case 'malformed':
        return send(res, 200, { ok: true });
      case 'not-json':
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
        return;
      case 'verify': {
        const fields = new URLSearchParams(body);
        const errorCodes = this.verify(fields.get('secret') ?? '', fields.get('response') ?? '');
        return send(res, 200, { success: errorCodes.length === 0, 'error-codes': errorCodes });
      }
    }
  }

  /** The error codes the provider would answer; none: a person. */
  private verify(secret: string, response: string): string[] {
    if (secret === '') return ['missing-input-secret'];
    if (response === '') return ['missing-input-response'];
    if (this.provider === 'turnstile') {
      if (secret === TURNSTILE_TEST_SECRETS.passes) return [];
      if (secret === TURNSTILE_TEST_SECRETS.fails) return ['invalid-input-response'];
      if (secret === TURNSTILE_TEST_SECRETS.spent) return ['timeout-or-duplicate'];
    } else if (secret === HCAPTCHA_TEST_SECRET) {
      return response === HCAPTCHA_TEST_RESPONSE ? [] : ['invalid-input-response'];
    }
    if (secret !== SITE_SECRET) return ['invalid-input-secret'];
    if (this.expired.has(response)) return [EXPIRED[this.provider]];
    if (this.spent.has(response)) return [SPENT[this.provider]];
    if (!this.fresh.delete(response)) return ['invalid-input-response'];
    this.spent.add(response);
    return [];
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** An address on loopback where nothing listens: connecting to it is refused. */
export async function refusingUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}/siteverify`;
}
