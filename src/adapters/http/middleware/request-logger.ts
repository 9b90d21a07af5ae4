import type { Next } from 'koa';
import type { Logger } from 'pino';
import type { AppContext } from '../state.js';

/**
 * One line per request, with the request id on every line logged during it.
 * Headers and bodies are never logged: they carry the admin token and the
 * contents of contact messages.
 *
 * The request's own child logger (`ctx.state.log`) is made only when
 * something logs through it; the closing line carries the request id itself,
 * which gives the same JSON as a child's binding would.
 */
export function requestLogger(logger: Logger) {
  return async function logRequest(ctx: AppContext, next: Next): Promise<void> {
    const started = process.hrtime.bigint();
    const { requestId } = ctx.state;
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (child ??= logger.child({ requestId })),
      configurable: true,
      enumerable: true,
    });
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        durationMs: Math.round(durationMs * 100) / 100,
      };
      if (child) child.info(line, 'request completed');
      else logger.info({ requestId, ...line }, 'request completed');
    }
  };
}
