import type { Next } from 'koa';
import type { Logger } from 'pino';
import type { AppContext } from '../state.js';

/**
 * The log of one request (`ctx.state.log`): its lines carry the request id.
 * The child logger that adds it is made only when something logs through
 * this, which most requests never do: a child costs as much as the request's
 * own line.
 */
export class RequestLog implements Pick<Logger, 'error' | 'warn'> {
  #child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly requestId: unknown,
  ) {}

  /** The child logger, if something has logged through this one. */
  get child(): Logger | undefined {
    return this.#child;
  }

  error(obj: unknown, msg?: string, ...args: unknown[]): void {
    this.logger().error(obj, msg, ...args);
  }

  warn(obj: unknown, msg?: string, ...args: unknown[]): void {
    this.logger().warn(obj, msg, ...args);
  }

  private logger(): Logger {
    return (this.#child ??= this.parent.child({ requestId: this.requestId }));
  }
}

/**
 * One line per request, with the request id on every line logged during it.
 * Headers and bodies are never logged: they carry the admin token and the
 * contents of contact messages.
 */
export function requestLogger(logger: Logger) {
  return async function logRequest(ctx: AppContext, next: Next): Promise<void> {
    const started = performance.now();
    const { requestId } = ctx.state;
    const log = new RequestLog(logger, requestId);
    ctx.state.log = log;
    try {
      await next();
    } finally {
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      const { method, path, status } = ctx;
      // Through the child if there is one, which has the request id; the same JSON either way.
      if (log.child) log.child.info({ method, path, status, durationMs }, 'request completed');
      else logger.info({ requestId, method, path, status, durationMs }, 'request completed');
    }
  };
}
