import type { Outbox } from '../events/outbox.js';
import type { ExperienceRepository } from '../experience/experience.repository.js';
import type { MessageRepository } from '../messages/message.repository.js';
import type { ProfileRepository } from '../profile/profile.repository.js';
import type { ProjectRepository } from '../projects/project.repository.js';
import type { SkillRepository } from '../skills/skill.repository.js';
import type { WebhookRepository } from '../webhooks/webhook.repository.js';

/** Every repository port of one storage: each storage adapter implements them all. A new port joins here. */
export interface Repositories {
  readonly profiles: ProfileRepository;
  readonly projects: ProjectRepository;
  readonly skills: SkillRepository;
  readonly experience: ExperienceRepository;
  readonly messages: MessageRepository;
  readonly webhooks: WebhookRepository;
  /** The events the writes above record, and their deliveries. */
  readonly outbox: Outbox;
}

/**
 * The owner's data that moves between storages (the copy command): the
 * content and the inbox. Webhooks and their deliveries stay with the storage
 * they were made on.
 */
export type PortfolioRepositories = Pick<Repositories, 'profiles' | 'projects' | 'skills' | 'experience' | 'messages'>;

/** What readiness and shutdown need from whichever storage is configured. */
export interface StorageHealth {
  /** Resolves when storage answers; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * True while reads are served but writes are refused until the operator
   * fixes something (a hand edit of the data file that does not load): the
   * instance stays in rotation, reported as degraded.
   */
  refusesWrites(): boolean;
  close(): Promise<void>;
}

/** One storage adapter, opened and ready: its repositories and its health. */
export interface Storage extends Repositories, StorageHealth {}
