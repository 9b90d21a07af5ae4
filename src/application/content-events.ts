import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import { contentChanged, type ContentChange, type DomainEvent } from '../domain/events/event.js';
import type { DeliveryTrigger } from './delivery-trigger.js';

/**
 * The content.changed events of the owner's writes. A service makes the event
 * inside the write attempt that carries it, so that a write retried after a
 * lost race records the event of the attempt that was stored, and a refused
 * one records nothing; once a write is stored, the dispatcher is woken.
 */
export class ContentEvents {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly trigger: DeliveryTrigger,
  ) {}

  /** The one event of one write; `at` defaults to now. */
  of(change: Omit<ContentChange, 'at'> & { readonly at?: string }): DomainEvent[] {
    const at = change.at ?? this.clock.now().toISOString();
    return [contentChanged(this.ids.next(), { ...change, at })];
  }

  /** A write that carried events was stored. */
  stored(): void {
    this.trigger.wake();
  }
}
