import { ConflictError, NotFoundError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import { newDelivery, notificationOf, NOT_YET_SENT, type Notification } from '../domain/events/delivery.js';
import { contactReceived } from '../domain/events/event.js';
import type { Outbox } from '../domain/events/outbox.js';
import type { MessageRepository } from '../domain/messages/message.repository.js';
import type { DeliveryTrigger } from './delivery-trigger.js';

export interface NotificationServicePorts {
  readonly messages: MessageRepository;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly trigger: DeliveryTrigger;
  /** Whether email to the owner is configured. */
  readonly emailEnabled: boolean;
}

/** The email that tells the owner of each contact message, as the admin inbox shows and re-sends it. */
export class NotificationService {
  constructor(private readonly ports: NotificationServicePorts) {}

  /**
   * Null when email is not configured, or when the message came before it was
   * (nothing was sent for it); pending while its event waits to be fanned out.
   */
  async notificationOf(messageId: string): Promise<Notification | null> {
    if (!this.ports.emailEnabled) return null;
    const delivery = await this.ports.outbox.emailDeliveryOf(messageId);
    if (delivery) return notificationOf(delivery);
    return (await this.ports.outbox.awaitsFanOut(messageId)) ? NOT_YET_SENT : null;
  }

  /** `POST /messages/{id}/notify`: sends the email again, or for the first time if none was made. */
  async notify(messageId: string): Promise<Notification> {
    const { messages, outbox, clock, ids, trigger } = this.ports;
    const message = await messages.findById(messageId);
    if (!message) throw new NotFoundError('Message', messageId);
    if (!this.ports.emailEnabled) {
      throw new ConflictError('Email notifications are not configured (SMTP_URL, NOTIFY_EMAIL_TO, NOTIFY_EMAIL_FROM)');
    }
    const now = clock.now();
    const existing = await outbox.emailDeliveryOf(messageId);
    let notification: Notification;
    if (existing) {
      const again = await outbox.redeliver(existing.id, now);
      notification = again ? notificationOf(again) : NOT_YET_SENT;
    } else if (await outbox.awaitsFanOut(messageId)) {
      notification = NOT_YET_SENT;
    } else {
      const event = contactReceived(ids.next(), message);
      const delivery = newDelivery({
        id: ids.next(),
        target: { kind: 'email', messageId },
        event: { id: event.id, type: event.type },
        timestamp: event.occurredAt,
        data: event.data,
        createdAt: now.toISOString(),
        dueAt: now.toISOString(),
      });
      await outbox.enqueue(delivery);
      notification = notificationOf(delivery);
    }
    trigger.wake();
    return notification;
  }
}
