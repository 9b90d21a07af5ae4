import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from '../adapters/persistence/postgres/postgres-test-schema.js';
import { startService, type ServiceProcess } from '../support/process.js';
import { SITE_SECRET, SiteverifyServer, type Provider } from '../support/siteverify-server.js';
import { makeTestDir } from '../support/temp-dir.js';

const ADMIN_TOKEN = 'human-check-admin-token-that-is-long-enough-0123';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const message = { name: 'Grace', email: 'grace@example.com', message: 'Hello, shall we talk?' };

interface Storage {
  readonly name: 'memory' | 'file' | 'postgres';
  readonly provider: Provider;
  /** The storage's own variables, and how to clean up after it. */
  open(context: Mocha.Context): Promise<{ env: Record<string, string>; close: () => Promise<void> }>;
}

const STORAGES: Storage[] = [
  {
    name: 'memory',
    provider: 'turnstile',
    open: () => Promise.resolve({ env: { STORAGE: 'memory' }, close: () => Promise.resolve() }),
  },
  {
    name: 'file',
    provider: 'hcaptcha',
    async open() {
      const dir = await makeTestDir('portfolio-human-check-');
      return {
        env: { STORAGE: 'file', DATA_FILE: join(dir, 'portfolio.json') },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    provider: 'turnstile',
    async open(context) {
      skipWithoutDatabase(context, 'the human check on PostgreSQL');
      const schema: TestSchema = await createTestSchema();
      return { env: { STORAGE: 'postgres', DATABASE_URL: schema.url }, close: () => schema.drop() };
    },
  },
];

/** The service's log line holding `text`: written before the answer was sent, but read from the pipe a moment later. */
async function logLine(service: ServiceProcess, text: string): Promise<string> {
  for (let attempt = 0; attempt < 250; attempt += 1) {
    const line = service
      .output()
      .split('\n')
      .find((candidate) => candidate.includes(text));
    if (line) return line;
    await sleep(20);
  }
  throw new Error(`no log line with '${text}' in:\n${service.output()}`);
}

/**
 * The contract's paragraph "Human check (optional)", black-box: the service
 * started as a user starts it, on each storage, asking a siteverify endpoint
 * on loopback (CAPTCHA_VERIFY_URL) behind a trusted proxy.
 */
for (const storage of STORAGES) {
  describe(`the human check on ${storage.name} storage (${storage.provider}, service as a process)`, function () {
    this.timeout(30_000);
    let siteverify: SiteverifyServer;
    let service: ServiceProcess;
    let closeStorage: (() => Promise<void>) | undefined;
    /** Each request comes from its own address, so that the rate limit stays out of the way. */
    let client = 0;

    before(async function () {
      const opened = await storage.open(this);
      closeStorage = opened.close;
      siteverify = await SiteverifyServer.start(storage.provider);
      service = await startService({
        ...opened.env,
        ADMIN_TOKEN,
        TRUST_PROXY: 'true',
        CAPTCHA_PROVIDER: storage.provider,
        CAPTCHA_SECRET: SITE_SECRET,
        CAPTCHA_VERIFY_URL: siteverify.url,
      });
    });

    after(async () => {
      service?.child.kill('SIGTERM');
      await service?.exit();
      await siteverify?.close();
      await closeStorage?.();
    });

    beforeEach(() => {
      siteverify.behaviour = 'verify';
    });

    const send = (body: Record<string, unknown>, address = `198.51.100.${++client}`) =>
      fetch(`${service.url}/api/v1/contact`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
        body: JSON.stringify(body),
      });

    const total = async () => {
      const res = await fetch(`${service.url}/api/v1/messages`, { headers: admin });
      return ((await res.json()) as { meta: { total: number } }).meta.total;
    };

    it('when the token is valid, then 202 and the message is stored without it; the provider got the secret, the token and the address', async () => {
      const token = siteverify.issueToken();
      const res = await send({ ...message, captchaToken: token }, '198.51.100.200');

      expect(res.status).to.equal(202);
      expect(service.output()).to.include(`"humanCheck":"${storage.provider}"`);
      const { id } = ((await res.json()) as { data: { id: string } }).data;
      const stored = await fetch(`${service.url}/api/v1/messages/${id}`, { headers: admin });
      expect(((await stored.json()) as { data: unknown }).data).to.deep.include({ ...message, status: 'new' });
      expect(siteverify.requests.at(-1)!.fields).to.deep.equal({
        secret: SITE_SECRET,
        response: token,
        remoteip: '198.51.100.200',
      });
    });

    for (const [situation, token] of [
      ['missing', undefined],
      ['made up', 'forged-token'],
      ['expired', 'expired'],
      ['reused', 'reused'],
    ] as const) {
      it(`when the token is ${situation}, then 400 captcha-failed and nothing is stored`, async () => {
        let captchaToken: string | undefined = token;
        if (token === 'expired') captchaToken = siteverify.expiredToken();
        if (token === 'reused') {
          captchaToken = siteverify.issueToken();
          expect((await send({ ...message, captchaToken })).status).to.equal(202);
        }
        const before = await total();

        const res = await send({ ...message, ...(captchaToken === undefined ? {} : { captchaToken }) });

        expect(res.status).to.equal(400);
        expect(res.headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
        expect(((await res.json()) as { type: string }).type).to.equal('/problems/captcha-failed');
        expect(await total()).to.equal(before);
      });
    }

    it('when the provider answers 500, then 503 with Retry-After, nothing is stored, and the log says why without the token or the secret', async () => {
      siteverify.behaviour = 'error';
      const before = await total();
      const token = siteverify.issueToken();

      const res = await send({ ...message, captchaToken: token });

      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.equal('30');
      expect(((await res.json()) as { type: string }).type).to.equal('/problems/service-unavailable');
      expect(await total()).to.equal(before);
      const warning = JSON.parse(await logLine(service, 'human check unavailable')) as Record<string, unknown>;
      expect(warning).to.include({ level: 40 });
      expect((warning.err as { message: string }).message).to.match(
        / siteverify at 127\.0\.0\.1:\d+ answered HTTP 500$/,
      );
      expect(service.output()).not.to.include(token);
      expect(service.output()).not.to.include(SITE_SECRET);
    });
  });
}
