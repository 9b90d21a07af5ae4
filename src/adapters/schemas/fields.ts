import * as v from 'valibot';

/**
 * Field schemas shared by request bodies (HTTP), stored documents (file) and
 * rows read back (PostgreSQL): one definition of every length and format.
 */

/**
 * The JSON Schema bounds of each text length check below, for the OpenAPI
 * document: the checks count what JSON Schema's minLength and maxLength count.
 */
export const TEXT_LENGTHS = new Map<unknown, { minLength: number } | { maxLength: number }>();

/**
 * Text is measured in characters as JSON Schema measures it, Unicode code
 * points, not in UTF-16 units as valibot's minLength/maxLength (String.length)
 * do: '🚀' is one character, so 60 of them make a valid skill name for the
 * service as for a client that checks a value against the OpenAPI document.
 */
const characters = (value: string): number => [...value].length;

export function minChars(
  min: number,
  message = min === 1 ? 'Must not be empty' : `Must be at least ${min} characters`,
) {
  const action = v.check((value: string) => characters(value) >= min, message);
  TEXT_LENGTHS.set(action, { minLength: min });
  return action;
}

export function maxChars(max: number) {
  const action = v.check((value: string) => characters(value) <= max, `Must be at most ${max} characters`);
  TEXT_LENGTHS.set(action, { maxLength: max });
  return action;
}

/**
 * Text every storage keeps exactly as accepted: PostgreSQL refuses NUL in
 * text, and its driver turns an unpaired surrogate (`"\ud800"`, valid JSON
 * but no character) into U+FFFD after the write was acknowledged.
 */
export const STORABLE_TEXT = v.check(
  (value: string) => !value.includes('\0') && value.isWellFormed(),
  'Must not contain NUL characters or unpaired surrogates',
);

/** A single-line text: trimmed, then its length checked. */
export const line = (min: number, max: number) =>
  v.pipe(v.string('Must be a string'), v.trim(), STORABLE_TEXT, minChars(min), maxChars(max));

/** Free text (Markdown), kept exactly as sent. */
export const prose = (max: number, min = 0) =>
  v.pipe(
    v.string('Must be a string'),
    STORABLE_TEXT,
    minChars(min, `Must be at least ${min} characters`),
    maxChars(max),
  );

export const httpsUrl = v.pipe(
  v.string('Must be a string'),
  STORABLE_TEXT,
  maxChars(2048),
  v.check(isHttpsUrl, 'Must be an https URL'),
);

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

export const email = v.pipe(
  v.string('Must be a string'),
  v.trim(),
  STORABLE_TEXT,
  maxChars(254),
  v.email('Must be a valid email address'),
);

/** `YYYY-MM-DD` naming a day that exists. */
export const calendarDate = v.pipe(
  v.string('Must be a date (YYYY-MM-DD)'),
  v.check(isCalendarDate, 'Must be a date (YYYY-MM-DD)'),
);

function isCalendarDate(value: string): boolean {
  // Years 1000–9999: every storage can hold them (PostgreSQL has no year 0).
  if (!/^[1-9]\d{3}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The exact form the service writes: `2026-11-25T20:17:51.000Z`. */
export const timestamp = v.pipe(
  v.string('Must be an ISO 8601 UTC timestamp'),
  v.check(
    // Round-tripping refuses what Date.parse would roll over, such as February 30.
    (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && isoOrNull(value) === value,
    'Must be an ISO 8601 UTC timestamp',
  ),
);

function isoOrNull(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const id = v.pipe(v.string('Must be a string'), STORABLE_TEXT, minChars(1), maxChars(64));

/** Stored entities written by hand may omit their version; it starts at 1. */
export const version = v.optional(
  v.pipe(v.number('Must be a number'), v.integer('Must be an integer'), v.minValue(1, 'Must be at least 1')),
  1,
);

export const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'Must be an array'), v.maxLength(max, `Must have at most ${max} items`));

export const flag = v.boolean('Must be true or false');

export const READ_ONLY_MESSAGE = 'Read-only field';
