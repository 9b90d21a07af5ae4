import { ConflictError } from '../shared/errors.js';
import type { Versioned } from '../shared/versioned.js';

export const MESSAGE_STATUSES = ['new', 'read', 'archived'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface ContactInput {
  readonly name: string;
  readonly email: string;
  readonly subject?: string;
  readonly message: string;
  /** Honeypot: people leave it empty, form-filling bots do not. */
  readonly website?: string;
  /** The human-check widget's answer: checked, never stored. */
  readonly captchaToken?: string;
}

export interface Message extends Versioned {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly subject?: string;
  readonly message: string;
  readonly status: MessageStatus;
  readonly receivedAt: string;
}

export interface Receipt {
  readonly id: string;
  readonly receivedAt: string;
}

/**
 * An archived message was read before it was archived, so it may come back as
 * `read` but never as `new`. Setting the current status again is allowed.
 */
const TRANSITIONS: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  new: ['new', 'read', 'archived'],
  read: ['read', 'new', 'archived'],
  archived: ['archived', 'read'],
};

export class StatusTransitionError extends ConflictError {
  constructor(
    readonly from: MessageStatus,
    readonly to: MessageStatus,
  ) {
    super(`A message cannot go from '${from}' to '${to}'`);
  }
}

export function assertTransition(from: MessageStatus, to: MessageStatus): void {
  if (!TRANSITIONS[from].includes(to)) throw new StatusTransitionError(from, to);
}

export function isSpam(input: ContactInput): boolean {
  return (input.website ?? '') !== '';
}

/** Newest first; ties by id descending (ids sort by creation). */
export function newestFirst(a: Message, b: Message): number {
  return a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
