import { RuleViolationError, type FieldIssue } from '../shared/errors.js';
import type { Versioned } from '../shared/versioned.js';
import { EVENT_TYPES, type EventType } from '../events/event.js';

export const WEBHOOK_URL_MAX_LENGTH = 2000;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;
export const DEBOUNCE_MAX_SECONDS = 3600;
/** `whsec_` + base64 of 32 random bytes (see SecretGenerator). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** What the owner may set on a webhook; the service fills in what may be omitted. */
export interface WebhookInput {
  readonly url: string;
  readonly events: readonly EventType[];
  readonly description?: string;
  readonly debounceSeconds?: number;
  readonly active?: boolean;
}

/** Any subset of the input; a null description removes it. */
export type WebhookPatch = Partial<Omit<WebhookInput, 'description'>> & { readonly description?: string | null };

/** A webhook as it is stored. Its secret signs each delivery and is shown only when created or rotated. */
export interface Webhook extends Versioned {
  readonly id: string;
  readonly url: string;
  readonly events: readonly EventType[];
  readonly description?: string;
  readonly debounceSeconds: number;
  readonly active: boolean;
  readonly secret: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A webhook as it is read back: never with its secret. */
export type PublicWebhook = Omit<Webhook, 'secret'>;

export function withoutSecret(webhook: Webhook): PublicWebhook {
  const { secret: _secret, ...rest } = webhook;
  return rest;
}

export function subscribesTo(webhook: Pick<Webhook, 'events'>, type: EventType): boolean {
  return webhook.events.includes(type);
}

/** The rules of a webhook that hold whoever built it; the URL's target is checked by a WebhookUrlPolicy. */
export function assertWebhookRules(webhook: Webhook): void {
  const issues: FieldIssue[] = [];
  const { events } = webhook;
  if (events.length === 0) issues.push({ path: 'events', message: 'Must name at least one event type' });
  if (events.some((type) => !EVENT_TYPES.includes(type))) {
    issues.push({ path: 'events', message: `Must be among ${EVENT_TYPES.join(', ')}` });
  } else if (new Set(events).size !== events.length) {
    issues.push({ path: 'events', message: 'Must not name an event type twice' });
  }
  const debounce = webhook.debounceSeconds;
  if (!Number.isInteger(debounce) || debounce < 0 || debounce > DEBOUNCE_MAX_SECONDS) {
    issues.push({ path: 'debounceSeconds', message: `Must be a whole number from 0 to ${DEBOUNCE_MAX_SECONDS}` });
  }
  if ([...webhook.url].length > WEBHOOK_URL_MAX_LENGTH) {
    issues.push({ path: 'url', message: `Must be at most ${WEBHOOK_URL_MAX_LENGTH} characters` });
  }
  if (webhook.description !== undefined && [...webhook.description].length > WEBHOOK_DESCRIPTION_MAX_LENGTH) {
    issues.push({ path: 'description', message: `Must be at most ${WEBHOOK_DESCRIPTION_MAX_LENGTH} characters` });
  }
  if (issues.length > 0) throw new RuleViolationError(issues);
}

/** Newest first; ties by id descending (ids sort by creation). */
export function newestWebhookFirst(a: Webhook, b: Webhook): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
