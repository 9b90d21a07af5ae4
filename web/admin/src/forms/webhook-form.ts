import type { EventType, Webhook, WebhookInput, WebhookPatch } from '../api/event-resources.js';
import { optional } from './lists.js';

export interface WebhookValues {
  readonly url: string;
  readonly events: readonly EventType[];
  readonly description: string;
  readonly debounceSeconds: string;
}

export const WEBHOOK_FIELDS: Readonly<Record<keyof WebhookValues, string>> = {
  url: 'url',
  events: 'events',
  description: 'description',
  debounceSeconds: 'debounceSeconds',
};

/** What the owner can subscribe to, in the order the form lists them. */
export const EVENT_CHOICES: readonly (readonly [EventType, string, string])[] = [
  ['content.changed', 'Content changed', 'The profile, a project, a skill or a role was created, changed or deleted.'],
  ['contact.received', 'Contact message received', 'Someone sent a message through the contact form.'],
];

export const EMPTY_WEBHOOK: WebhookValues = {
  url: '',
  events: ['content.changed'],
  description: '',
  debounceSeconds: '0',
};

export function webhookValues(webhook: Webhook): WebhookValues {
  return {
    url: webhook.url,
    events: [...webhook.events],
    description: webhook.description ?? '',
    debounceSeconds: String(webhook.debounceSeconds),
  };
}

/** A new webhook: active at once; a blank description is left out. */
export function newWebhookBody(values: WebhookValues): WebhookInput {
  const description = optional(values.description);
  return {
    url: values.url.trim(),
    events: [...values.events],
    ...(description === undefined ? {} : { description }),
    debounceSeconds: numberOrText(values.debounceSeconds) as number,
  };
}

/** Every field of the form; a blank description removes the one stored. */
export function webhookPatch(values: WebhookValues): WebhookPatch {
  const { description, ...rest } = newWebhookBody(values);
  return { ...rest, description: description ?? null };
}

/** A number as typed; text that is no number goes as typed, for the service to name the field. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}
