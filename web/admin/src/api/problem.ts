import type { Schemas } from './client.js';

export type Problem = Schemas['Problem'];

/** Validation messages by dotted field path (`title`, `links.repo`, `tags.2`), as the problem's `errors[]` names them. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export const NO_ERRORS: FieldErrors = {};

/** A problem+json body, or undefined for anything else (an empty body, HTML from a proxy). */
export function asProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { type, status, detail } = body as Partial<Problem>;
  return typeof type === 'string' && typeof status === 'number' && typeof detail === 'string'
    ? (body as Problem)
    : undefined;
}

export function problemKind(problem: Problem): string {
  return problem.type.slice(problem.type.lastIndexOf('/') + 1);
}

export function fieldErrorsOf(problem: Problem | undefined): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const { path, message } of problem?.errors ?? []) (errors[path] ??= []).push(message);
  return errors;
}

/**
 * The messages to show beside one field: those about the field itself, and
 * those about its parts (`tags.2` for the third tag, `links.github` for one
 * link), each prefixed with which part it is about.
 */
export function errorsFor(errors: FieldErrors, field: string): string[] {
  const messages = [...(errors[field] ?? [])];
  for (const [path, list] of Object.entries(errors)) {
    if (!path.startsWith(`${field}.`)) continue;
    const part = path.slice(field.length + 1);
    const label = /^\d+$/.test(part) ? `Item ${Number(part) + 1}` : part;
    messages.push(...list.map((message) => `${label}: ${message}`));
  }
  return messages;
}

/** The messages that no field of the form claims (a path the form has no input for, or none): shown above the form. */
export function unclaimedErrors(errors: FieldErrors, fields: readonly string[]): string[] {
  const claimed = (path: string) => fields.some((field) => path === field || path.startsWith(`${field}.`));
  return Object.entries(errors)
    .filter(([path]) => !claimed(path))
    .flatMap(([path, list]) => list.map((message) => (path === '' ? message : `${path}: ${message}`)));
}
