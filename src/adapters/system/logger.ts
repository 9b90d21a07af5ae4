import { pino, type Logger } from 'pino';

/**
 * Secrets that must never reach a log line, wherever an object carrying them
 * is logged: the admin token, webhook secrets, and SMTP URLs (which may hold
 * a password), at the top level or one level down.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  ...['authorization', 'secret', 'smtpUrl', 'SMTP_URL'].flatMap((key) => [key, `*.${key}`]),
  '*.headers.authorization',
  '*.email.smtpUrl',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'portfolio-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Defence in depth: nothing logs these on purpose, but an error or a config object might carry them.
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
