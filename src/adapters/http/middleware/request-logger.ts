import type { Context, Next } from 'koa';
import type { Logger } from 'pino';

/**
 * One line per request, with the request id on every line logged during it.
 * Headers and bodies are never logged: they carry the admin token and the
 * contents of contact messages.
 */
export function requestLogger(logger: Logger) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const started = process.hrtime.bigint();
    const log = logger.child({ requestId: ctx.state.requestId });
    ctx.state.log = log;
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, durationMs: Math.round(durationMs * 100) / 100 },
        'request completed',
      );
    }
  };
}
