import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'portfolio-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Defence in depth: request logging never passes headers, but an error object might.
    redact: {
      paths: ['*.authorization', '*.headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
