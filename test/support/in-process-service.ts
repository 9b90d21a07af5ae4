import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/adapters/config/config.js';
import { createApp } from '../../src/adapters/http/app.js';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { openMemoryStorage } from '../../src/adapters/persistence/memory/memory.storage.js';
import { MemoryContactRateLimiter } from '../../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { appDependencies, buildContainer, httpTimeouts, type DeliveryTuning } from '../../src/composition-root.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { Storage } from '../../src/domain/storage/storage.js';
import { TOKENS, type Container } from '../../src/tokens.js';
import { ADMIN_TOKEN } from './http-app.js';

/** A clock a test moves: it starts at the real time, so that receivers' timestamp checks hold. */
export class ManualClock implements Clock {
  private millis = Date.now();

  now(): Date {
    return new Date(this.millis);
  }

  advance(ms: number): void {
    this.millis += ms;
  }
}

export interface InProcessService {
  readonly url: string;
  readonly storage: Storage;
  readonly container: Container;
  readonly clock: ManualClock;
  /** `fetch` of a path with the admin token, and a JSON body when given. */
  admin(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export interface InProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly config?: Partial<Config>;
  readonly storage?: Storage;
  readonly deliveries?: DeliveryTuning;
}

/**
 * The whole service in the test process, as main wires it (buildContainer,
 * createApp, the HTTP server, the dispatcher started), listening on loopback:
 * requests go in over real HTTP, deliveries go out over real HTTP and SMTP.
 * Its clock is a ManualClock, and the dispatcher looks every 20 ms, so that a
 * test moves through a retry schedule or a debounce window without waiting.
 */
export async function startInProcess(options: InProcessOptions = {}): Promise<InProcessService> {
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', STORAGE: 'memory', WEBHOOK_ALLOW_PRIVATE: 'true', ...options.env }),
    adminToken: ADMIN_TOKEN,
    ...options.config,
  };
  const storage = options.storage ?? openMemoryStorage();
  const clock = new ManualClock();
  const container = buildContainer({
    config,
    logger: pino({ level: 'silent' }),
    storage,
    rateLimiter: new MemoryContactRateLimiter(1000, 60),
    clock,
    deliveries: { pollMs: 20, webhookTimeoutMs: 500, emailTimeoutMs: 500, ...options.deliveries },
  });
  const server = createHttpServer(
    createApp(appDependencies(container)),
    pino({ level: 'silent' }),
    httpTimeouts(config),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deliveries = container.resolve(TOKENS.Deliveries);
  deliveries.start();
  return {
    url,
    storage,
    container,
    clock,
    admin: (method, path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    stop: async () => {
      await deliveries.stop(1000);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await storage.close();
    },
  };
}

/** Polls `check` until it holds; fails after `timeoutMs` rather than sleeping a fixed time. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 4000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
