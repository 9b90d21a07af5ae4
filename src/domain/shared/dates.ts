import type { FieldIssue } from './errors.js';

/** Calendar dates are `YYYY-MM-DD` strings, which order correctly as strings. */
export function endNotBeforeStart(start: string, end: string | null, endPath: string, startPath: string): FieldIssue[] {
  return end !== null && end < start ? [{ path: endPath, message: `Must not be before ${startPath}` }] : [];
}
