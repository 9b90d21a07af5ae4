import * as v from 'valibot';
import type { FieldIssue } from '../../domain/shared/errors.js';
import { READ_ONLY_MESSAGE } from './fields.js';

/** A key the body may not carry: one the resource sets itself, or one it does not have. */
const keyNotTaken = (path: string, readOnly: readonly string[]): FieldIssue => ({
  path,
  message: readOnly.includes(path) ? READ_ONLY_MESSAGE : 'Unknown field',
});

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
    return keyNotTaken(path, readOnly);
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
        issues: [...toFieldIssues(result.issues, readOnly), ...laterUnknownKeys(schema, result.issues, readOnly)],
      };
}

const isUnknownKey = (issue: v.BaseIssue<unknown>): boolean =>
  issue.type === 'strict_object' && issue.expected === 'never' && (issue.path?.length ?? 0) > 0;

/**
 * Valibot's strictObject reports only the first unknown key of each object.
 * The others are that object's keys its schema does not define, found in one
 * pass by looking the schema up along the issue's path. (Parsing again once
 * per reported key made a 100 kB body of 13,000 unknown keys run the process
 * out of memory.)
 */
function laterUnknownKeys(
  schema: v.GenericSchema,
  issues: readonly v.BaseIssue<unknown>[],
  readOnly: readonly string[],
): FieldIssue[] {
  const later: FieldIssue[] = [];
  for (const issue of issues.filter(isUnknownKey)) {
    const path = issue.path!;
    const reported = path[path.length - 1]!;
    const parentKeys = path.slice(0, -1).map((item) => item.key);
    const entries = strictEntriesAt(schema, parentKeys);
    if (!entries) continue;
    const prefix = parentKeys.map(String).join('.');
    for (const key of Object.keys(reported.input as object)) {
      if (key === reported.key || Object.hasOwn(entries, key)) continue;
      later.push(keyNotTaken(prefix ? `${prefix}.${key}` : key, readOnly));
    }
  }
  return later;
}

/** The parts of a schema that lead from a value to the schema of what it holds. */
interface SchemaNode {
  readonly type: string;
  readonly entries?: Record<string, SchemaNode>;
  readonly wrapped?: SchemaNode;
  readonly item?: SchemaNode;
  readonly value?: SchemaNode;
}

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable']);

/** The entries of the strict object schema at `keys` below `schema`, if that is what is there. */
function strictEntriesAt(schema: v.GenericSchema, keys: readonly unknown[]): Record<string, SchemaNode> | undefined {
  const unwrap = (node: SchemaNode | undefined) => {
    while (node && WRAPPERS.has(node.type)) node = node.wrapped;
    return node;
  };
  let node = unwrap(schema);
  for (const key of keys) {
    if (!node) return undefined;
    if (node.entries) node = Object.hasOwn(node.entries, String(key)) ? node.entries[String(key)] : undefined;
    else node = node.item ?? node.value;
    node = unwrap(node);
  }
  return node?.type === 'strict_object' ? node.entries : undefined;
}
