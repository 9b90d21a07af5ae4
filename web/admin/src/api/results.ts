import type { Schemas } from './client.js';
import { asProblem, fieldErrorsOf, problemKind, type FieldErrors, type Problem } from './problem.js';

type PageMeta = Schemas['PageMeta'];

/** An item as last read or written, with the ETag to send back in `If-Match`. */
export interface Loaded<T> {
  readonly data: T;
  readonly etag: string | undefined;
}

/** What the console does with any answer that is not the one it hoped for. */
export type Failure =
  /** The token is no longer accepted: back to sign-in. */
  | { readonly kind: 'unauthorized'; readonly message: string }
  /** `412`: the item changed since it was read. */
  | { readonly kind: 'conflict'; readonly message: string }
  /** `400` with `errors[]`: shown beside the fields. */
  | { readonly kind: 'invalid'; readonly message: string; readonly errors: FieldErrors }
  /** `409`: a unique value (a slug, a skill's name in its category) is taken. */
  | { readonly kind: 'taken'; readonly message: string }
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export type Result<T> = { readonly kind: 'ok'; readonly item: Loaded<T> } | Failure;

export const CONFLICT_MESSAGE =
  'Someone else changed this item since you opened it, so your change was not saved. Reload it to see the current version, then make your change again.';

/** The shape of what openapi-fetch resolves to, whatever the operation. */
interface Answer<T> {
  readonly data?: { readonly data: T } | undefined;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * An API call's answer as a Result: the `data` of a success with its ETag, or
 * the failure the problem+json body describes. A call that never got an
 * answer (the network, a stopped service) is a failure too, never a throw.
 */
export async function resultOf<T>(call: Promise<Answer<T>>): Promise<Result<T>> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    return { kind: 'failed', message: 'The service could not be reached. Check your connection and try again.' };
  }
  const { response } = answer;
  if (response.ok) {
    return { kind: 'ok', item: { data: answer.data?.data as T, etag: response.headers.get('ETag') ?? undefined } };
  }
  return failureOf(response.status, asProblem(answer.error));
}

export function failureOf(status: number, problem: Problem | undefined): Failure {
  const message = problem?.detail ?? `The service answered ${status}.`;
  switch (status) {
    case 401:
      return { kind: 'unauthorized', message };
    case 412:
      return { kind: 'conflict', message: CONFLICT_MESSAGE };
    case 400:
      return problem && problemKind(problem) === 'validation-error'
        ? { kind: 'invalid', message, errors: fieldErrorsOf(problem) }
        : { kind: 'failed', message };
    case 409:
      return { kind: 'taken', message };
    case 404:
      return { kind: 'missing', message };
    case 503:
      return { kind: 'failed', message: `The service is unavailable right now: ${message}` };
    default:
      return { kind: 'failed', message };
  }
}

/** A page of a paginated list, as the console shows it. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly meta: PageMeta;
}

/** A paginated answer (`{ data: [...], meta }`) as one `data` value, for resultOf. */
export function pageAsData<T>(answer: { data?: { data: T[]; meta: PageMeta }; error?: unknown; response: Response }) {
  return {
    error: answer.error,
    response: answer.response,
    data: answer.data ? { data: { items: answer.data.data, meta: answer.data.meta } } : undefined,
  };
}
