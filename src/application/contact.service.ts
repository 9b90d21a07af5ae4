import { RateLimitedError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import type { ContactRateLimiter } from '../domain/messages/contact-rate-limiter.js';
import { isSpam, type ContactInput, type Message, type Receipt } from '../domain/messages/message.js';
import type { MessageRepository } from '../domain/messages/message.repository.js';
import { withoutUndefined } from './without-undefined.js';

export class ContactService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly limiter: ContactRateLimiter,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /**
   * Spam caught by the honeypot gets the same receipt as a real message, so a
   * bot cannot tell, but nothing is stored. It still counts against the limit.
   */
  async submit(input: ContactInput, clientKey: string): Promise<Receipt> {
    const decision = await this.limiter.consume(clientKey);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    const receipt: Receipt = { id: this.ids.next(), receivedAt: this.clock.now().toISOString() };
    if (isSpam(input)) return receipt;
    const message: Message = withoutUndefined({
      ...receipt,
      name: input.name,
      email: input.email,
      subject: input.subject,
      message: input.message,
      status: 'new',
      version: 1,
    });
    await this.messages.create(message);
    return receipt;
  }
}
