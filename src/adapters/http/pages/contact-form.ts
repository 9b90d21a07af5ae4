import type { FieldIssue } from '../../../domain/shared/errors.js';
import { CAPTCHA_RESPONSE_FIELDS } from './captcha-widget.js';

/**
 * The contact form's model, shared by the page the server renders and the
 * script that posts the same form as JSON: what the visitor typed, what went
 * wrong with which field, and how the last attempt ended. Pure, with no
 * import that a browser bundle could not take.
 */

export const CONTACT_FIELDS = ['name', 'email', 'subject', 'message'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export type ContactFormValues = Readonly<Record<ContactField, string>>;
export type ContactFieldErrors = Readonly<Partial<Record<ContactField, string>>>;

export type ContactOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'invalid'; readonly errors: ContactFieldErrors; readonly other: readonly string[] }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'captcha-failed' }
  | { readonly kind: 'unavailable' }
  /** Anything else: the page could not reach the service, or it answered unexpectedly. */
  | { readonly kind: 'failed' };

export interface ContactFormState {
  readonly values: ContactFormValues;
  /** Absent before the first attempt. */
  readonly outcome?: ContactOutcome;
}

export const EMPTY_CONTACT_VALUES: ContactFormValues = { name: '', email: '', subject: '', message: '' };
export const EMPTY_CONTACT_FORM: ContactFormState = { values: EMPTY_CONTACT_VALUES };

/** The submission as the contact endpoint takes it, and the values to show again. */
export interface ContactSubmission {
  readonly values: ContactFormValues;
  readonly input: Readonly<Record<string, unknown>>;
}

/**
 * A posted form (`application/x-www-form-urlencoded`, decoded to fields) as
 * the JSON body of `POST /api/v1/contact`: a blank subject is left out, the
 * honeypot goes as typed, and the widget's answer, whatever the provider's
 * field name, becomes `captchaToken`. A field sent twice stays a list, for
 * validation to refuse. Other fields are dropped: they are the page's, not
 * the visitor's.
 */
export function contactSubmission(fields: Readonly<Record<string, unknown>>): ContactSubmission {
  const field = (name: string): unknown => (Object.hasOwn(fields, name) ? fields[name] : undefined);
  const text = (name: string): string => {
    const value = field(name);
    return typeof value === 'string' ? value : '';
  };
  const input: Record<string, unknown> = {};
  for (const name of CONTACT_FIELDS) {
    const value = field(name);
    if (value === undefined || (name === 'subject' && typeof value === 'string' && value.trim() === '')) continue;
    input[name] = value;
  }
  if (field('website') !== undefined) input.website = field('website');
  const token = ['captchaToken', ...CAPTCHA_RESPONSE_FIELDS].map(field).find((value) => value !== undefined);
  if (token !== undefined && token !== '') input.captchaToken = token;
  return {
    values: { name: text('name'), email: text('email'), subject: text('subject'), message: text('message') },
    input,
  };
}

const isContactField = (path: string): path is ContactField => (CONTACT_FIELDS as readonly string[]).includes(path);

/** Validation issues by field; an issue about anything else (the honeypot, the token) is kept apart. */
export function invalidOutcome(issues: readonly FieldIssue[]): ContactOutcome {
  const errors: Partial<Record<ContactField, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (isContactField(field)) errors[field] ??= issue.message;
    else other.push(issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`);
  }
  return { kind: 'invalid', errors, other };
}

/** "45 seconds", "2 minutes", "1 hour": whole units, rounded up, so the visitor never retries too early. */
export function waitText(seconds: number): string {
  const whole = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (seconds < 60) return whole(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return whole(Math.ceil(seconds / 60), 'minute');
  return whole(Math.ceil(seconds / 3600), 'hour');
}

/** The sentence that tells the visitor how the attempt ended. */
export function outcomeMessage(outcome: ContactOutcome): string {
  switch (outcome.kind) {
    case 'sent':
      return 'Thank you, your message was sent. You will get an answer by email.';
    case 'invalid': {
      const count = Object.keys(outcome.errors).length;
      if (count === 0) return `The message was not sent: ${outcome.other.join('; ')}.`;
      return `The message was not sent: please correct the ${count === 1 ? 'field' : `${count} fields`} marked below.`;
    }
    case 'rate-limited':
      return `The message was not sent: too many messages came from your address. Please try again in ${waitText(outcome.retryAfterSeconds)}.`;
    case 'captcha-failed':
      return 'The message was not sent: the human check did not pass. Please complete it again, then send.';
    case 'unavailable':
      return 'The message was not sent: the service is unavailable right now. Please try again in a few minutes.';
    case 'failed':
      return 'The message was not sent: something went wrong on the way. Please try again.';
  }
}

/**
 * How an answer of `POST /api/v1/contact` ends the attempt: its status, its
 * body (problem+json when it is an error) and its `Retry-After` header.
 */
export function outcomeOfAnswer(status: number, body: unknown, retryAfter: string | null): ContactOutcome {
  if (status === 202) return { kind: 'sent' };
  if (status === 429) {
    const seconds = Number(retryAfter);
    return { kind: 'rate-limited', retryAfterSeconds: Number.isInteger(seconds) && seconds > 0 ? seconds : 60 };
  }
  if (status === 503) return { kind: 'unavailable' };
  if (status === 400 && isProblem(body)) {
    if (body.type.endsWith('/captcha-failed')) return { kind: 'captcha-failed' };
    if (Array.isArray(body.errors)) return invalidOutcome(body.errors.filter(isFieldIssue));
  }
  return { kind: 'failed' };
}

function isProblem(body: unknown): body is { type: string; errors?: unknown } {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
}

function isFieldIssue(issue: unknown): issue is FieldIssue {
  const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
  return typeof path === 'string' && typeof message === 'string';
}
