/**
 * portfolio-api on `memory` storage over the benchmark's data set. `main`
 * can only seed memory storage with the small sample, so this launcher does
 * what `main` does — configuration from the environment, the production
 * logger, the same container and app — with the generated content instead.
 * It loads the compiled build (`dist/`), as users run it.
 *
 * Env: PORTFOLIO_DIST (absolute path of dist/), CONTENT_FILE, MESSAGES_FILE
 * (optional: messages already in the inbox), and the service's own variables.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ConfigModule from '../../src/adapters/config/config.js';
import type * as AppModule from '../../src/adapters/http/app.js';
import type * as LoggerModule from '../../src/adapters/system/logger.js';
import type * as MemoryModule from '../../src/adapters/persistence/memory/memory.storage.js';
import type * as RootModule from '../../src/composition-root.js';
import type { Content } from '../../src/domain/storage/content.js';
import type { Message } from '../../src/domain/messages/message.js';

const dist = process.env.PORTFOLIO_DIST!;
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(dist, path)).href) as Promise<T>;

const { loadConfig } = await load<typeof ConfigModule>('adapters/config/config.js');
const { createApp } = await load<typeof AppModule>('adapters/http/app.js');
const { createLogger } = await load<typeof LoggerModule>('adapters/system/logger.js');
const { openMemoryStorage } = await load<typeof MemoryModule>('adapters/persistence/memory/memory.storage.js');
const { appDependencies, buildContainer, createRateLimiter } = await load<typeof RootModule>('composition-root.js');

const config = loadConfig({ ...process.env, STORAGE: 'memory' });
const logger =
  process.env.BENCH_ASYNC_LOG === 'true' ? await asyncLogger(config.logLevel) : createLogger(config.logLevel);
const content = JSON.parse(readFileSync(process.env.CONTENT_FILE!, 'utf8')) as Content;
const storage = openMemoryStorage(content);
if (process.env.MESSAGES_FILE) {
  const messages = JSON.parse(readFileSync(process.env.MESSAGES_FILE, 'utf8')) as Message[];
  for (const message of messages) await storage.messages.create(message);
}
const rateLimiter = await createRateLimiter(config, logger);
const container = buildContainer({ config, logger, storage, rateLimiter });
// Koa's handler answers its own errors: the promise it returns never rejects.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
const server = createServer(createApp(appDependencies(container)).callback());
server.listen(config.port, config.host);
await once(server, 'listening');
logger.info({ host: config.host, port: config.port, storage: 'memory' }, 'listening');

/**
 * An experiment, not what users run (`--experiment async-log`): the service's
 * logger with buffered asynchronous writes and without the wildcard redaction,
 * to measure what the per-request log line costs.
 */
async function asyncLogger(level: string) {
  const { pino } = await import('pino');
  return pino(
    { level, base: { service: 'portfolio-api' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
