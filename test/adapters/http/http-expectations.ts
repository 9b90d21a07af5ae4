import { expect } from 'chai';
import type supertest from 'supertest';
import type { Content } from '../../../src/domain/storage/content.js';

type Response = supertest.Response;

/**
 * The titles the contract's problem types carry, written out here rather than
 * imported from src: a changed title has to fail a test.
 */
const TITLES = {
  'validation-error': 'Request validation failed',
  'malformed-json': 'Malformed JSON body',
  unauthorized: 'Authentication required',
  'not-found': 'Resource not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'precondition-failed': 'Precondition failed',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'rate-limited': 'Too many requests',
  'captcha-failed': 'Human check failed',
  'internal-error': 'Internal server error',
  'service-unavailable': 'Service unavailable',
} as const;

const STATUSES: Record<ProblemKind, number> = {
  'validation-error': 400,
  'malformed-json': 400,
  unauthorized: 401,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'captcha-failed': 400,
  'internal-error': 500,
  'service-unavailable': 503,
};

export type ProblemKind = keyof typeof TITLES;

export interface ExpectedProblem {
  readonly detail: string;
  readonly instance: string;
  readonly errors?: readonly { path: string; message: string }[];
}

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
export const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * Status, media type, no-store and the WHOLE problem body, its requestId being
 * the X-Request-Id the response carries.
 */
export function expectProblem(res: Response, kind: ProblemKind, expected: ExpectedProblem): void {
  const status = STATUSES[kind];
  expect(res.status, `status of ${JSON.stringify(res.body)}`).to.equal(status);
  expect(res.headers['content-type']).to.equal(PROBLEM_JSON);
  expect(res.headers['cache-control']).to.equal('no-store');
  expect(res.headers['x-request-id']).to.be.a('string').that.is.not.empty;
  expect(res.body).to.deep.equal({
    type: `/problems/${kind}`,
    title: TITLES[kind],
    status,
    detail: expected.detail,
    instance: expected.instance,
    requestId: res.headers['x-request-id'],
    ...(expected.errors ? { errors: expected.errors } : {}),
  });
}

/** A 400 validation problem of a write body, with its field list. */
export function expectValidation(
  res: Response,
  instance: string,
  errors: readonly { path: string; message: string }[],
): void {
  const n = errors.length;
  expectProblem(res, 'validation-error', {
    detail: `${n} ${n === 1 ? 'field is' : 'fields are'} invalid`,
    instance,
    errors,
  });
}

/** A 400 validation problem of the query string. */
export function expectQueryValidation(
  res: Response,
  instance: string,
  errors: readonly { path: string; message: string }[],
): void {
  expectProblem(res, 'validation-error', {
    detail: errors.length === 1 ? 'A query parameter is invalid' : 'Query parameters are invalid',
    instance,
    errors,
  });
}

export function expectUnauthorized(res: Response, instance: string, detail = 'A valid admin token is required'): void {
  expectProblem(res, 'unauthorized', { detail, instance });
  expect(res.headers['www-authenticate']).to.equal('Bearer realm="portfolio-api"');
}

export function expectNotFound(res: Response, instance: string, detail: string): void {
  expectProblem(res, 'not-found', { detail, instance });
}

/** Content for testApp's `content` option: only what a test names. */
export function content(parts: Partial<Content>): Content {
  return { profile: null, projects: [], skills: [], experience: [], ...parts };
}

/** An entity as the API shows it: everything but the storage version. */
export function view<T extends { version: number }>(entity: T): Omit<T, 'version'> {
  const { version: _version, ...shown } = entity;
  return shown;
}
