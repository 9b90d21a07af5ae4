import { once } from 'node:events';
import { ConfigError, loadConfig } from './adapters/config/config.js';
import { createLogger, flushLogger } from './adapters/system/logger.js';
import { TOKENS } from './tokens.js';

/** The contract allows 10 s from the signal to exit; leave a margin for closing storage. */
const DRAIN_TIMEOUT_MS = 8000;
/** The most a log that nobody reads may delay an exit. */
const LOG_FLUSH_TIMEOUT_MS = 1000;
/** Past this, something other than requests holds the stop (storage that does not close): exit anyway. */
const EXIT_DEADLINE_MS = 9500;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Loaded once the configuration is valid: a bad one is reported without first
  // loading the app, the storage drivers and everything they import.
  const [
    { createApp },
    { createHttpServer, stopServer },
    { appDependencies, buildContainer, createRateLimiter, httpTimeouts, openStorage },
  ] = await Promise.all([
    import('./adapters/http/app.js'),
    import('./adapters/http/server.js'),
    import('./composition-root.js'),
  ]);
  const logger = createLogger(config.logLevel);
  if (config.adminToken === undefined) logger.warn('ADMIN_TOKEN is not set: every admin endpoint answers 401');

  let storage;
  try {
    storage = await openStorage(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `cannot open ${config.storage} storage: ${(error as Error).message}`);
    await flushLogger(logger, LOG_FLUSH_TIMEOUT_MS);
    process.exit(1);
  }
  const rateLimiter = await createRateLimiter(config, logger);
  const container = buildContainer({ config, logger, storage, rateLimiter });
  const server = createHttpServer(createApp(appDependencies(container)), logger, httpTimeouts(config));
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { host: config.host, port, storage: config.storage, humanCheck: config.captcha?.provider ?? 'off' },
    `listening on http://${config.host}:${port}`,
  );
  container.resolve(TOKENS.Deliveries).start();
  // Whoever started the service waits for this line: it does not wait for the log's timer.
  logger.flush();

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error(`not stopped ${EXIT_DEADLINE_MS} ms after ${signal}: exiting anyway`);
      void flushLogger(logger, 200).then(() => process.exit(1));
    }, EXIT_DEADLINE_MS);
    logger.info({ signal }, 'shutting down: draining requests in flight');
    container.resolve(TOKENS.Readiness).markStopping();
    // Attempts in flight finish meanwhile, or are given back to be sent again after a restart.
    const deliveriesStopped = container.resolve(TOKENS.Deliveries).stop(DRAIN_TIMEOUT_MS);
    await stopServer(server, DRAIN_TIMEOUT_MS);
    await deliveriesStopped;
    await Promise.all([storage.close(), rateLimiter.close()]);
    logger.info('stopped');
    await flushLogger(logger, LOG_FLUSH_TIMEOUT_MS);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`portfolio-api failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
