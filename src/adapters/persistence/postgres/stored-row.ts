import * as v from 'valibot';

/** `to_char` keeps dates as the domain's `YYYY-MM-DD`, whatever the session's DateStyle. */
export const isoDate = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/** The exact form the service writes, `2026-11-25T20:17:51.000Z`, whatever the session's time zone. */
export const isoTimestamp = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A row is input like any other: it is checked against the stored entity's
 * schema. SQL NULL in `optional` columns means the field is absent (never
 * `undefined` or null), as in the other adapters.
 */
export function toEntity<S extends v.GenericSchema>(
  schema: S,
  row: Record<string, unknown>,
  resource: string,
  optional: readonly string[] = [],
): v.InferOutput<S> {
  const candidate = Object.fromEntries(
    Object.entries(row).filter(([key, value]) => value !== null || !optional.includes(key)),
  );
  const result = v.safeParse(schema, candidate);
  if (result.success) return result.output;
  const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(row)'}: ${issue.message}`).join('; ');
  const which = typeof row.id === 'string' ? ` '${row.id}'` : '';
  throw new Error(`Stored ${resource}${which} is invalid: ${issues}`);
}
