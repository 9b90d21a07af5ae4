import { RateLimitedError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import type { ContactOutcomes } from '../domain/messages/contact-outcomes.js';
import type { ContactRateLimiter } from '../domain/messages/contact-rate-limiter.js';
import { HumanCheckFailedError, HumanCheckUnavailableError, type HumanCheck } from '../domain/messages/human-check.js';
import { isSpam, type ContactInput, type Message, type Receipt } from '../domain/messages/message.js';
import type { MessageRepository } from '../domain/messages/message.repository.js';
import { contactReceived } from '../domain/events/event.js';
import type { DeliveryTrigger } from './delivery-trigger.js';
import { withoutUndefined } from './without-undefined.js';

/** Who sent a message: the key the rate limit counts under, and the address the human check is told. */
export interface Sender {
  readonly rateLimitKey: string;
  readonly address: string;
}

export class ContactService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly limiter: ContactRateLimiter,
    private readonly humanCheck: HumanCheck,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly outcomes: ContactOutcomes,
    private readonly trigger: DeliveryTrigger,
  ) {}

  /**
   * Every submission counts against the limit first, so that a client cannot
   * make the service ask the human-check provider more often than it may
   * send. Spam caught by the honeypot then gets the same receipt as a real
   * message, so a bot cannot tell, but nothing is stored and the provider is
   * not asked. A failed or impossible check stores nothing either. A stored
   * message records its contact.received event in the same write. Each
   * ending is told to `outcomes`.
   */
  async submit(input: ContactInput, sender: Sender): Promise<Receipt> {
    const decision = await this.limiter.consume(sender.rateLimitKey);
    if (!decision.allowed) {
      this.outcomes.record('rate-limited');
      throw new RateLimitedError(decision.retryAfterSeconds);
    }
    if (isSpam(input)) {
      this.outcomes.record('honeypot');
      return this.receipt();
    }
    const verdict = await this.humanCheck.verify(input.captchaToken, sender.address);
    if (verdict.outcome === 'not-a-person') {
      this.outcomes.record('captcha-failed');
      throw new HumanCheckFailedError(verdict.errorCodes);
    }
    if (verdict.outcome === 'unavailable') {
      this.outcomes.record('captcha-unavailable');
      throw new HumanCheckUnavailableError(verdict.reason);
    }
    const receipt = this.receipt();
    const message: Message = withoutUndefined({
      ...receipt,
      name: input.name,
      email: input.email,
      subject: input.subject,
      message: input.message,
      status: 'new',
      version: 1,
    });
    try {
      await this.messages.create(message, [contactReceived(this.ids.next(), message)]);
    } catch (error) {
      this.outcomes.record('error');
      throw error;
    }
    this.outcomes.record('accepted');
    this.trigger.wake();
    return receipt;
  }

  private receipt(): Receipt {
    return { id: this.ids.next(), receivedAt: this.clock.now().toISOString() };
  }
}
