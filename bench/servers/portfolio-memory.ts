/**
 * portfolio-api on `memory` storage over the benchmark's data set. `main`
 * can only seed memory storage with the small sample, so this launcher does
 * what `main` does — configuration from the environment, the production
 * logger, the same container, app and HTTP server — with the generated
 * content instead. Bundled as the service is (bench/build.ts).
 *
 * Env: CONTENT_FILE, MESSAGES_FILE (optional: messages already in the inbox),
 * and the service's own variables.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/adapters/config/config.js';
import { createApp } from '../../src/adapters/http/app.js';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { openMemoryStorage } from '../../src/adapters/persistence/memory/memory.storage.js';
import { createLogger } from '../../src/adapters/system/logger.js';
import { appDependencies, buildContainer, createRateLimiter, httpTimeouts } from '../../src/composition-root.js';
import type { Content } from '../../src/domain/storage/content.js';
import type { Message } from '../../src/domain/messages/message.js';

const config = loadConfig({ ...process.env, STORAGE: 'memory' });
const logger = createLogger(config.logLevel);
const content = JSON.parse(readFileSync(process.env.CONTENT_FILE!, 'utf8')) as Content;
const storage = openMemoryStorage(content);
if (process.env.MESSAGES_FILE) {
  const messages = JSON.parse(readFileSync(process.env.MESSAGES_FILE, 'utf8')) as Message[];
  for (const message of messages) await storage.messages.create(message);
}
const rateLimiter = await createRateLimiter(config, logger);
const container = buildContainer({ config, logger, storage, rateLimiter });
const server = createHttpServer(createApp(appDependencies(container)), logger, httpTimeouts(config));
server.listen(config.port, config.host);
await once(server, 'listening');
logger.info({ host: config.host, port: config.port, storage: 'memory' }, 'listening');

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
