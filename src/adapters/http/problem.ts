import type { FieldIssue } from '../../domain/shared/errors.js';

/** The last segment of every problem `type`, as listed in the contract. */
export type ProblemKind =
  | 'validation-error'
  | 'malformed-json'
  | 'bad-request'
  | 'not-found'
  | 'method-not-allowed'
  | 'unauthorized'
  | 'request-timeout'
  | 'conflict'
  | 'precondition-failed'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'captcha-failed'
  | 'headers-too-large'
  | 'service-unavailable'
  | 'internal-error';

export const PROBLEMS: Record<ProblemKind, { status: number; title: string }> = {
  'validation-error': { status: 400, title: 'Request validation failed' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'bad-request': { status: 400, title: 'Bad request' },
  'captcha-failed': { status: 400, title: 'Human check failed' },
  unauthorized: { status: 401, title: 'Authentication required' },
  'not-found': { status: 404, title: 'Resource not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'Request header fields too large' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
};

/** An error that already knows its RFC 9457 representation. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly options: { errors?: readonly FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = PROBLEMS[kind].status;
    this.title = PROBLEMS[kind].title;
  }
}

export function validationProblem(issues: readonly FieldIssue[], detail?: string): HttpProblem {
  const count = issues.length;
  return new HttpProblem('validation-error', detail ?? `${count} ${count === 1 ? 'field is' : 'fields are'} invalid`, {
    errors: issues,
  });
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
