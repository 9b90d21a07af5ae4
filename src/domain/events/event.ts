/**
 * What the service tells its owner and the owner's other systems. Events are
 * facts about writes that succeeded; how they are kept and sent belongs to the
 * adapters behind the Outbox, WebhookSender and EmailSender ports.
 */

/** The types a webhook may subscribe to. */
export const EVENT_TYPES = ['contact.received', 'content.changed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Sent to one webhook on the owner's request, to test it; never recorded by a write. */
export const PING = 'webhook.ping';
export type DeliveryType = EventType | typeof PING;

export const CONTENT_RESOURCES = ['profile', 'project', 'skill', 'experience'] as const;
export type ContentResource = (typeof CONTENT_RESOURCES)[number];
export const CONTENT_ACTIONS = ['created', 'updated', 'deleted'] as const;
export type ContentAction = (typeof CONTENT_ACTIONS)[number];

/** The profile is one per portfolio and has no id of its own: its changes name it by this. */
export const PROFILE_ID = 'profile';

export interface ContentChange {
  readonly resource: ContentResource;
  readonly action: ContentAction;
  readonly id: string;
  /** Projects only: the slug after the change (before it, for a delete). */
  readonly slug?: string;
  readonly at: string;
}

/** The stored message, without its inbox status and version. */
export interface ContactReceivedData {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly subject?: string;
  readonly message: string;
  readonly receivedAt: string;
}

export interface ContentChangedData {
  readonly changes: readonly ContentChange[];
}

export interface PingData {
  readonly webhookId: string;
}

export interface ContactReceived {
  readonly id: string;
  readonly type: 'contact.received';
  readonly occurredAt: string;
  readonly data: ContactReceivedData;
}

export interface ContentChanged {
  readonly id: string;
  readonly type: 'content.changed';
  readonly occurredAt: string;
  readonly data: ContentChangedData;
}

/** An event recorded by the write it describes. */
export type DomainEvent = ContactReceived | ContentChanged;

export type DeliveryData = ContactReceivedData | ContentChangedData | PingData;

export function contactReceived(
  eventId: string,
  message: ContactReceivedData & { readonly status?: unknown; readonly version?: unknown },
): ContactReceived {
  const data: ContactReceivedData = {
    id: message.id,
    name: message.name,
    email: message.email,
    ...(message.subject !== undefined && { subject: message.subject }),
    message: message.message,
    receivedAt: message.receivedAt,
  };
  return { id: eventId, type: 'contact.received', occurredAt: message.receivedAt, data };
}

/** One admin write to the content: one change, at the instant of the write. */
export function contentChanged(eventId: string, change: ContentChange): ContentChanged {
  return { id: eventId, type: 'content.changed', occurredAt: change.at, data: { changes: [change] } };
}
