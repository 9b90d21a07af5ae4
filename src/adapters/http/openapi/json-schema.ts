import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { calendarDate, httpsUrl, STORABLE_TEXT, TEXT_LENGTHS, timestamp } from '../../schemas/fields.js';
import { ProfileInputSchema } from '../../schemas/profile.schema.js';
import { eventTypes, webhookUrl } from '../../schemas/webhook.schema.js';

/**
 * valibot → JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) with
 * `@valibot/to-json-schema`, configured so that nothing is silently lost:
 * every action it cannot express is either translated here or fails the
 * build of the document (`errorMode: 'throw'`).
 */

export type { JsonSchema };

/** Schemas that become `#/components/schemas/<name>`; everything else is inlined. */
export type Components = Record<string, v.GenericSchema>;

/** The single `check` action of a field schema besides its length: its predicate is code, so it is described here. */
function checkOf(schema: v.GenericSchema): unknown {
  const checks = ('pipe' in schema ? (schema.pipe as readonly { type: string }[]) : []).filter(
    (a) => a.type === 'check' && !TEXT_LENGTHS.has(a) && a !== STORABLE_TEXT,
  );
  if (checks.length !== 1) throw new Error(`expected one check action in ${schema.type}`);
  return checks[0];
}

const profileLinks = (ProfileInputSchema.entries.links as v.OptionalSchema<v.GenericSchema, unknown>).wrapped;

/**
 * What each `check` predicate of the shared field schemas accepts, in JSON
 * Schema words. A test feeds the same samples to both and expects the same
 * verdicts, so a change to a predicate that is not reflected here fails.
 */
export const CHECK_TRANSLATIONS = new Map<unknown, JsonSchema>([
  [
    checkOf(httpsUrl),
    { format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]://[^/?#]', description: 'An absolute https URL.' },
  ],
  [checkOf(calendarDate), { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', minLength: 10, maxLength: 10 }],
  [
    checkOf(timestamp),
    {
      format: 'date-time',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
      minLength: 24,
      maxLength: 24,
      description: 'ISO 8601 UTC timestamp with milliseconds.',
    },
  ],
  [checkOf(profileLinks), { maxProperties: 20 }],
  [
    checkOf(webhookUrl),
    { format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]', description: 'An absolute https (or http) URL.' },
  ],
  [checkOf(eventTypes), { uniqueItems: true }],
]);

/** Transformations of the value that JSON Schema cannot express: said in words. */
const TRANSFORM_NOTES: Record<string, string> = {
  trim: 'Surrounding whitespace is trimmed before the length is checked.',
  to_lower_case: 'Lower-cased on write.',
};

function withNote(schema: JsonSchema, note: string): JsonSchema {
  const description = schema.description ? `${schema.description} ${note}` : note;
  return { ...schema, description };
}

function overrideAction(context: { valibotAction: unknown; jsonSchema: JsonSchema }): JsonSchema | undefined {
  const action = context.valibotAction as { type: string; operation?: unknown };
  const { jsonSchema } = context;
  const length = TEXT_LENGTHS.get(action);
  if (length) return { ...jsonSchema, ...length };
  // JSON Schema has no words for it, and a client that sends text, not NUL or half characters, never meets it.
  if (action === STORABLE_TEXT) return { ...jsonSchema };
  if (action.type === 'check') {
    const translation = CHECK_TRANSLATIONS.get(action);
    if (!translation) return undefined; // → errorMode 'throw'
    const note = translation.description;
    const merged: JsonSchema = { ...jsonSchema, ...translation };
    delete merged.description;
    return note ? withNote(merged, note) : merged;
  }
  if (action.type in TRANSFORM_NOTES) return withNote(jsonSchema, TRANSFORM_NOTES[action.type]!);
  if (action.type === 'transform') {
    // A query value checked as digits and then turned into a number is, on the wire, an integer.
    if (action.operation === Number) {
      const { pattern: _digits, ...rest } = jsonSchema;
      return { ...rest, type: 'integer' };
    }
    // Other transforms (`'true'` → true, a tag → [tag]) change the parsed value, not what is sent.
    return { ...jsonSchema };
  }
  return undefined;
}

const REF_PREFIX = '#/components/schemas/';

function config(components: Components, typeMode: 'input' | 'output'): ConversionConfig {
  return {
    target: 'draft-2020-12',
    errorMode: 'throw',
    typeMode,
    definitions: components,
    overrideAction,
    overrideRef: ({ referenceId }) => `${REF_PREFIX}${referenceId}`,
  };
}

/** int32 when the bounds fit, else int64: OpenAPI clients size their integers by it. */
export function withIntegerFormats(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withIntegerFormats);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = withIntegerFormats(value);
  if (out.type === 'integer' && out.format === undefined) {
    const fits = (n: unknown) => typeof n === 'number' && Math.abs(n) <= 2 ** 31 - 1;
    out.format = fits(out.minimum) && fits(out.maximum) ? 'int32' : 'int64';
  }
  return out;
}

function convert(schema: v.GenericSchema, components: Components, typeMode: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, $defs: _components, ...json } = toJsonSchema(schema, config(components, typeMode));
  return withIntegerFormats(json) as JsonSchema;
}

/**
 * The JSON Schema of a body, a response or a path parameter. Input types: a
 * request is described as the client sends it (before trimming); responses
 * hold no transformation, so input and output are the same.
 */
export const schemaOf = (schema: v.GenericSchema, components: Components) => convert(schema, components, 'input');

/** Every named component, converted once, referring to each other by `$ref`. */
export function componentSchemas(components: Components): Record<string, JsonSchema> {
  const { $defs } = toJsonSchema(v.object({}), config(components, 'input'));
  return Object.fromEntries(
    Object.entries($defs ?? {}).map(([name, s]) => [name, withIntegerFormats(s) as JsonSchema]),
  );
}

export interface QueryParameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
  /** A parameter that may be repeated: `tag=a&tag=b`. */
  readonly repeated: boolean;
}

/**
 * The parameters of a query schema. Each value is described as it is checked
 * (typeMode 'output' starts from the last schema of a pipe, past the "given
 * once" guard); the defaults are what the schema fills in when a parameter
 * is absent, so they come from parsing an empty query.
 */
export function queryParameters(schema: v.ObjectSchema<v.ObjectEntries, undefined>): QueryParameter[] {
  const defaults = v.parse(schema, {}) as Record<string, unknown>;
  return Object.entries(schema.entries).map(([name, entry]) => {
    let json = convert(entry, {}, 'output');
    // A single value or a list of them is, in OpenAPI's words, an exploded array.
    const options = json.anyOf as JsonSchema[] | undefined;
    const list = options?.find((option) => option.type === 'array');
    const repeated = list !== undefined;
    if (list) json = { ...list };
    const fallback = defaults[name];
    delete json.default;
    if (fallback !== undefined && !(Array.isArray(fallback) && fallback.length === 0)) json.default = fallback as never;
    return { name, required: !v.safeParse(entry, undefined).success, schema: json, repeated };
  });
}
