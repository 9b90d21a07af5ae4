import * as v from 'valibot';
import type { FieldIssue } from '../../domain/shared/errors.js';
import { READ_ONLY_MESSAGE } from './fields.js';

/**
 * Valibot's issues as `{ path, message }` pairs with the dotted path a client
 * can act on. Strict objects report both missing and unknown keys with their
 * own message, so those two are told apart here.
 */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[], readOnly: readonly string[] = []): FieldIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    if (issue.type !== 'strict_object' || path === '') return { path, message: issue.message };
    if (issue.expected !== 'never') return { path, message: 'Required' };
    return { path, message: readOnly.includes(path) ? READ_ONLY_MESSAGE : 'Unknown field' };
  });
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  readOnly: readonly string[] = [],
): ParseResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortEarly: false });
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, issues: toFieldIssues(result.issues, readOnly) };
}
