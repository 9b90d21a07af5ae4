import type { InboxMessage } from '../../application/message.service.js';
import type { Portfolio } from '../../application/portfolio.service.js';
import type { Delivery, Notification } from '../../domain/events/delivery.js';
import type { Experience } from '../../domain/experience/experience.js';
import type { Message, Receipt } from '../../domain/messages/message.js';
import type { Profile } from '../../domain/profile/profile.js';
import type { Project } from '../../domain/projects/project.js';
import type { TagCount } from '../../domain/projects/project.repository.js';
import type { Skill, SkillGroup } from '../../domain/skills/skill.js';
import type { PublicWebhook, Webhook } from '../../domain/webhooks/webhook.js';
import {
  ContactReceiptSchema,
  DeliverySchema,
  ExperienceSchema,
  InboxMessageSchema,
  MessageSchema,
  NotificationSchema,
  PortfolioSchema,
  ProfileSchema,
  ProjectSchema,
  SkillGroupSchema,
  SkillSchema,
  TagCountSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './openapi/representation.schema.js';
import {
  presentDelivery,
  presentExperience,
  presentInboxMessage,
  presentMessage,
  presentNotification,
  presentPortfolio,
  presentProfile,
  presentProject,
  presentReceipt,
  presentSkill,
  presentSkillGroup,
  presentTagCount,
  presentWebhook,
  presentWebhookWithSecret,
} from './presenters.js';
import type { Representation } from './route.js';

/** Each thing the API sends: how it is presented, and the schema the document shows for it. */

export const PORTFOLIO: Representation<Portfolio> = { schema: PortfolioSchema, present: presentPortfolio };
export const PROFILE: Representation<Profile> = { schema: ProfileSchema, present: presentProfile };
export const PROJECT: Representation<Project> = { schema: ProjectSchema, present: presentProject };
export const TAG_COUNT: Representation<TagCount> = { schema: TagCountSchema, present: presentTagCount };
export const SKILL: Representation<Skill> = { schema: SkillSchema, present: presentSkill };
export const SKILL_GROUP: Representation<SkillGroup> = { schema: SkillGroupSchema, present: presentSkillGroup };
export const EXPERIENCE: Representation<Experience> = { schema: ExperienceSchema, present: presentExperience };
export const MESSAGE: Representation<Message> = { schema: MessageSchema, present: presentMessage };
export const CONTACT_RECEIPT: Representation<Receipt> = { schema: ContactReceiptSchema, present: presentReceipt };
/** A message read on its own (GET, and the answers to its writes), whose ETag If-Match is compared with. */
export const INBOX_MESSAGE: Representation<InboxMessage> = { schema: InboxMessageSchema, present: presentInboxMessage };
export const NOTIFICATION: Representation<Notification> = { schema: NotificationSchema, present: presentNotification };
export const WEBHOOK: Representation<PublicWebhook> = { schema: WebhookSchema, present: presentWebhook };
export const WEBHOOK_WITH_SECRET: Representation<Webhook> = {
  schema: WebhookWithSecretSchema,
  present: presentWebhookWithSecret,
};
export const DELIVERY: Representation<Delivery> = { schema: DeliverySchema, present: presentDelivery };
