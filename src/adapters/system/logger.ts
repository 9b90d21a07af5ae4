import { pino, type DestinationStream, type Logger } from 'pino';
import { BufferedLogDestination } from './log-destination.js';

const STDOUT = 1;

/**
 * The service's logger: JSON lines on stdout, buffered (see
 * BufferedLogDestination) unless another destination is given.
 */
export function createLogger(
  level: string,
  destination: DestinationStream = new BufferedLogDestination(STDOUT),
): Logger {
  return pino(
    {
      level,
      base: { service: 'portfolio-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: request logging never passes headers, but an error object might carry
      // those of a request it made or received. Named paths, not `*.…`: a wildcard in first place
      // is tried against every key of every line, a fifth of what logging a request costs.
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          'err.authorization',
          'err.*.authorization',
          'err.*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** For a command that exits right after its last line: each line is written before `log` returns. */
export function synchronousStdout(): DestinationStream {
  return pino.destination({ dest: STDOUT, sync: true });
}

/** Resolves once what the logger buffered is written, or after `timeoutMs`, whichever comes first. */
export function flushLogger(logger: Logger, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    logger.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
