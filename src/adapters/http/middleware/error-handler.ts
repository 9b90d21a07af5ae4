import type { Next } from 'koa';
import type { Logger } from 'pino';
import { HumanCheckUnavailableError } from '../../../domain/messages/human-check.js';
import {
  DomainError,
  RateLimitedError,
  RuleViolationError,
  type DomainErrorCode,
} from '../../../domain/shared/errors.js';
import { HttpProblem, PROBLEM_CONTENT_TYPE, validationProblem, type ProblemKind } from '../problem.js';
import type { AppContext } from '../state.js';

/** Headers that describe the error or the connection, so they survive it. */
const KEPT_HEADERS =
  /^(x-request-id|x-content-type-options|allow|www-authenticate|retry-after|vary|access-control-.*)$/i;

/**
 * The one place where errors become HTTP: domain errors by their code, parser
 * and framework errors by their status, anything else as a 500 whose details
 * go to the log only.
 */
export async function errorHandler(ctx: AppContext, next: Next): Promise<void> {
  try {
    await next();
    // Unmatched paths and the router's 405/501 (with their Allow header) arrive here without a body.
    // The router answers 501 to a method no route has (TRACE, PROPFIND); to the contract that is one
    // more method a known path does not allow, and on an unknown path (no Allow) still a 404.
    if (ctx.body === undefined || ctx.body === null) {
      // Koa gives undefined for a header never set, the router '' for a path with no methods.
      const allowed = Boolean(ctx.response.get('Allow'));
      if (ctx.status === 404 || (ctx.status === 501 && !allowed)) {
        ctx.remove('Allow');
        throw new HttpProblem('not-found', `No resource at ${ctx.path}`);
      }
      if (ctx.status === 405 || ctx.status === 501) throw toProblem({ status: 405 });
    }
  } catch (error) {
    const problem = toProblem(error);
    // Absent only when the handler runs without the request logger in front of it.
    const log: Pick<Logger, 'error' | 'warn'> | undefined = ctx.state.log;
    if (problem.status >= 500 && problem.kind !== 'service-unavailable') {
      log?.error({ err: error }, 'request failed');
    } else if (problem.kind === 'service-unavailable') {
      log?.warn(
        { err: error },
        error instanceof HumanCheckUnavailableError ? 'human check unavailable' : 'storage unavailable',
      );
    }
    for (const name of Object.keys(ctx.response.headers)) if (!KEPT_HEADERS.test(name)) ctx.remove(name);
    for (const [name, value] of Object.entries(problem.options.headers ?? {})) ctx.set(name, value);
    ctx.status = problem.status;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = PROBLEM_CONTENT_TYPE;
    ctx.body = {
      type: `/problems/${problem.kind}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: ctx.path,
      requestId: ctx.state.requestId,
      ...(problem.options.errors ? { errors: problem.options.errors } : {}),
    };
  }
}

const DOMAIN_PROBLEMS: Record<DomainErrorCode, ProblemKind> = {
  'not-found': 'not-found',
  conflict: 'conflict',
  'precondition-failed': 'precondition-failed',
  'validation-error': 'validation-error',
  'rate-limited': 'rate-limited',
  'captcha-failed': 'captcha-failed',
  'service-unavailable': 'service-unavailable',
};

/** Statuses that Koa, the router and the body reader raise themselves. */
const FRAMEWORK_PROBLEMS: Record<number, ProblemKind> = {
  400: 'malformed-json',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof RuleViolationError) return validationProblem(error.issues);
  if (error instanceof HumanCheckUnavailableError) {
    return new HttpProblem('service-unavailable', 'The human check could not be made; try again shortly', {
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    });
  }
  if (error instanceof RateLimitedError) {
    return new HttpProblem('rate-limited', error.message, {
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    });
  }
  if (error instanceof DomainError) {
    const kind = DOMAIN_PROBLEMS[error.code];
    return new HttpProblem(
      kind,
      kind === 'service-unavailable' ? 'Storage is unavailable; try again shortly' : error.message,
    );
  }
  const status = (error as { status?: unknown } | null)?.status;
  const kind = typeof status === 'number' ? FRAMEWORK_PROBLEMS[status] : undefined;
  if (kind) return new HttpProblem(kind, frameworkDetail(kind));
  return new HttpProblem('internal-error', 'An unexpected error occurred; the request id identifies it in the log');
}

function frameworkDetail(kind: ProblemKind): string {
  switch (kind) {
    case 'payload-too-large':
      return 'The request body is larger than the configured limit';
    case 'unsupported-media-type':
      return 'The request body must be application/json';
    case 'method-not-allowed':
      return 'The resource does not support this method; see the Allow header';
    case 'malformed-json':
      return 'The request body could not be read';
    default:
      return 'The request could not be processed';
  }
}
