import pg from 'pg';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';

/**
 * SQLSTATEs that say "the database cannot serve you now" rather than "this
 * statement is wrong": connection exceptions (08), insufficient resources (53),
 * shutdowns and the statement timeout (57), failed authentication (28), a
 * missing database (3D000) and a read-only server after a failover (25006).
 */
const UNAVAILABLE_STATES = /^(08|53|28|57P0[1-4]$|57014$|3D000$|25006$)/;

/** Node socket errors met while connecting to or talking with the server. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** What pg and pg-pool throw, without a code, when a connection fails or times out. */
const DRIVER_MESSAGES =
  /^(timeout expired|timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|The server does not support SSL|There was an error establishing an SSL connection)/;

export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (error instanceof pg.DatabaseError) return typeof code === 'string' && UNAVAILABLE_STATES.test(code);
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  return DRIVER_MESSAGES.test(error.message);
}

export function unavailable(cause: unknown, message = 'PostgreSQL did not answer'): StorageUnavailableError {
  const error = new StorageUnavailableError(message);
  error.cause = cause;
  return error;
}

/** Connection trouble becomes the domain's 503; anything else is left as it is. */
export function translate(error: unknown): unknown {
  return isUnreachable(error) ? unavailable(error) : error;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === constraint;
}
