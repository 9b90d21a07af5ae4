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
    if (issue.expected !== 'never')
      return { path, message: issue.input === undefined ? 'Required' : 'Must be an object' };
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
    : {
        ok: false,
        issues: toFieldIssues([...result.issues, ...laterUnknownKeys(schema, input, result.issues)], readOnly),
      };
}

const isUnknownKey = (issue: v.BaseIssue<unknown>): boolean =>
  issue.type === 'strict_object' && issue.expected === 'never' && (issue.path?.length ?? 0) > 0;

/**
 * Valibot's strictObject reports only the first unknown key of each object.
 * Parsing again without the keys already reported finds the next ones, until
 * every unknown (or read-only) key has been named.
 */
function laterUnknownKeys(
  schema: v.GenericSchema,
  input: unknown,
  issues: readonly v.BaseIssue<unknown>[],
): v.BaseIssue<unknown>[] {
  const found: v.BaseIssue<unknown>[] = [];
  const seen = new Set<string>();
  const fresh = (candidates: readonly v.BaseIssue<unknown>[]) =>
    candidates.filter((issue) => isUnknownKey(issue) && !seen.has(v.getDotPath(issue) ?? ''));
  let pruned = input;
  let unknown = fresh(issues);
  while (unknown.length > 0) {
    for (const issue of unknown) seen.add(v.getDotPath(issue) ?? '');
    pruned = withoutKeys(
      pruned,
      unknown.map((issue) => issue.path!.map((item) => item.key)),
    );
    const again = v.safeParse(schema, pruned, { abortEarly: false });
    unknown = again.success ? [] : fresh(again.issues);
    found.push(...unknown);
  }
  return found;
}

/** A copy of a JSON value without the keys at `paths`. */
function withoutKeys(value: unknown, paths: readonly (readonly unknown[])[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const path of paths) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string, unknown>)[key as string];
    delete (parent as Record<string, unknown>)[path[path.length - 1] as string];
  }
  return copy;
}
