import type { Clock } from '../domain/shared/clock.js';
import { NotFoundError } from '../domain/shared/errors.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import { afterAttempt, isGone, isSuccess, type AttemptOutcome, type RetrySchedule } from '../domain/events/delivery.js';
import type { EmailSender } from '../domain/events/email-sender.js';
import type { ContactReceivedData } from '../domain/events/event.js';
import type { Claim, Outbox, Receivers } from '../domain/events/outbox.js';
import type { WebhookSender } from '../domain/events/webhook-sender.js';
import type { Webhook } from '../domain/webhooks/webhook.js';
import type { WebhookRepository } from '../domain/webhooks/webhook.repository.js';
import { ConditionalWriter } from './conditional-write.js';

/** Where the dispatcher reports what no caller waits for; a pino logger fits. */
export interface DispatcherLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DispatcherPorts {
  readonly outbox: Outbox;
  readonly webhooks: WebhookRepository;
  readonly webhookSender: WebhookSender;
  /** Absent when email is not configured: email deliveries then wait. */
  readonly emailSender?: EmailSender;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly log: DispatcherLog;
}

export interface DispatcherOptions {
  readonly schedule: RetrySchedule;
  /** Deliveries fanned out, and claimed, per round. */
  readonly batchSize?: number;
  /**
   * How long a claim keeps other instances off a delivery. Longer than the
   * longest attempt (10 s for a webhook, about 30 s for SMTP's three
   * timeouts), so that no two instances ever send one delivery in parallel.
   */
  readonly leaseMs?: number;
  /** The longest wait between rounds: events recorded by other instances are seen within it. */
  readonly pollMs?: number;
}

export interface Round {
  readonly fannedOut: number;
  readonly attempted: number;
}

/**
 * Takes due deliveries from the outbox and sends them: fan out recorded
 * events, claim what is due, attempt each, record the outcome (delivered,
 * retried on the schedule, or failed), and deactivate a webhook that answers
 * 410. Runs in rounds, woken by `wake()` after a write in this process and
 * otherwise by the earliest due delivery or the poll interval.
 */
export class DeliveryDispatcher {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private running = false;
  private stopping = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<void> | null = null;
  private wokenDuringRound = false;
  /** Set while rounds fail (storage down): the first failure is logged, and the recovery, not every poll. */
  private failing = false;
  /** Aborts the attempts in flight when shutdown runs out of patience. */
  private readonly interrupt = new AbortController();
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly ports: DispatcherPorts,
    private readonly options: DispatcherOptions,
  ) {
    this.batchSize = options.batchSize ?? 10;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1000;
  }

  /** One round: fan out, claim, send, record. Rejects only when the outbox cannot be read. */
  async runOnce(): Promise<Round> {
    return (await this.round()).done;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Something was recorded: run a round now rather than at the next poll. */
  wake(): void {
    if (!this.running) return;
    if (this.current) {
      this.wokenDuringRound = true;
      return;
    }
    this.schedule(0);
  }

  /**
   * Claims nothing more and waits for the attempts in flight, up to
   * `graceMs`; those still running then are interrupted and given back
   * unrecorded, to be sent again (with the same webhook-id) after a restart.
   */
  async stop(graceMs: number): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    const patience = setTimeout(() => this.interrupt.abort(), graceMs);
    try {
      await this.current;
    } finally {
      clearTimeout(patience);
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), delayMs);
    this.timer.unref();
  }

  /** Runs from the timer alone, which is armed only while running and between rounds, and disarmed by `stop`. */
  private async loop(): Promise<void> {
    let delay = this.pollMs;
    this.wokenDuringRound = false;
    const run = (async () => {
      try {
        delay = await this.delayAfter(await this.round());
        if (this.failing) this.ports.log.info({}, 'delivery rounds work again');
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.ports.log.error({ err: error }, 'delivery round failed; trying again at each poll');
        this.failing = true;
      }
    })();
    this.current = run;
    await run;
    this.current = null;
    if (this.running) this.schedule(this.wokenDuringRound ? 0 : delay);
  }

  /** Straight on while there is a backlog; otherwise until the earliest due delivery, at most the poll interval. */
  private async delayAfter({ done, receivers }: { done: Round; receivers: Receivers }): Promise<number> {
    if (done.fannedOut >= this.batchSize || done.attempted >= this.batchSize) return 0;
    const due = await this.ports.outbox.nextDueAt(receivers);
    if (due === null) return this.pollMs;
    return Math.min(this.pollMs, Math.max(0, Date.parse(due) - this.ports.clock.now().getTime()));
  }

  private async round(): Promise<{ done: Round; receivers: Receivers }> {
    const { outbox, clock, ids } = this.ports;
    const active = (await this.ports.webhooks.listAll()).filter((webhook) => webhook.active);
    const receivers: Receivers = {
      webhookIds: active.map((webhook) => webhook.id),
      email: this.ports.emailSender !== undefined,
    };
    const fannedOut = await outbox.fanOut({
      subscribers: active,
      email: receivers.email,
      newId: () => ids.next(),
      now: clock.now(),
      limit: this.batchSize,
    });
    if (this.stopping) return { done: { fannedOut, attempted: 0 }, receivers };
    const claims = await outbox.claimDue({
      now: clock.now(),
      limit: this.batchSize,
      leaseMs: this.leaseMs,
      ...receivers,
    });
    const byId = new Map(active.map((webhook) => [webhook.id, webhook]));
    await Promise.all(claims.map((claim) => this.attempt(claim, byId)));
    return { done: { fannedOut, attempted: claims.length }, receivers };
  }

  private async attempt(claim: Claim, webhooks: ReadonlyMap<string, Webhook>): Promise<void> {
    const { delivery } = claim;
    try {
      const at = this.ports.clock.now();
      const outcome = await this.send(claim, webhooks, at);
      if (outcome === null || (this.interrupt.signal.aborted && !isSuccess(outcome))) {
        await this.ports.outbox.release(claim);
        return;
      }
      const next = afterAttempt(delivery, at, outcome, this.options.schedule);
      if (!(await this.ports.outbox.complete(claim, next))) {
        this.ports.log.warn({ delivery: delivery.id }, 'a delivery outlived its lease; its result was not recorded');
      }
      if (delivery.target.kind === 'webhook' && isGone(outcome)) await this.deactivate(delivery.target.webhookId);
    } catch (error) {
      // The claim runs out and the delivery is sent again: at least once, never lost.
      this.ports.log.error({ err: error, delivery: delivery.id }, 'recording a delivery attempt failed');
    }
  }

  /** The attempt's outcome, or null when there is no one to send it to right now. */
  private async send(claim: Claim, webhooks: ReadonlyMap<string, Webhook>, at: Date): Promise<AttemptOutcome | null> {
    const { delivery } = claim;
    const signal = this.interrupt.signal;
    if (delivery.target.kind === 'email') {
      const sender = this.ports.emailSender;
      return sender ? sender.send(delivery.data as ContactReceivedData, signal) : null;
    }
    const webhook = webhooks.get(delivery.target.webhookId);
    if (!webhook) return null;
    return this.ports.webhookSender.send(
      {
        url: webhook.url,
        secret: webhook.secret,
        id: delivery.id,
        type: delivery.event.type,
        timestamp: delivery.timestamp,
        data: delivery.data,
        attemptAt: at,
      },
      signal,
    );
  }

  /** A receiver that answers 410 Gone asks for nothing more: its webhook stops until the owner turns it on. */
  private async deactivate(webhookId: string): Promise<void> {
    const { webhooks, clock, log } = this.ports;
    try {
      await this.writes.write({
        resource: 'webhook',
        key: webhookId,
        load: async () => {
          const webhook = await webhooks.findById(webhookId);
          if (!webhook) throw new NotFoundError('Webhook', webhookId);
          return webhook;
        },
        write: async (current, version) => {
          if (!current.active) return;
          const updatedAt = clock.now().toISOString();
          await webhooks.update({ ...current, active: false, updatedAt, version: version + 1 }, version);
          log.warn({ webhook: webhookId }, 'the webhook answered 410 Gone and was deactivated');
        },
      });
    } catch (error) {
      // Deleted meanwhile: nothing is left to deactivate.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}
