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
import { perEntity } from './rendering.js';

/**
 * The public representation of each entity, field by field in a fixed order:
 * whatever storage an entity came from, the same content gives the same bytes
 * and so the same ETag. The storage version never leaves the service.
 *
 * Each entity's presentation is kept with the entity (`perEntity`), so that
 * its JSON is written once however many bodies it appears in.
 */
export const presentProfile = perEntity((p: Profile) => ({
  name: p.name,
  headline: p.headline,
  bio: p.bio,
  location: p.location,
  email: p.email,
  avatarUrl: p.avatarUrl,
  links: p.links,
  availableForWork: p.availableForWork,
  updatedAt: p.updatedAt,
}));

export const presentProject = perEntity((p: Project) => ({
  id: p.id,
  slug: p.slug,
  title: p.title,
  summary: p.summary,
  description: p.description,
  tags: p.tags,
  tech: p.tech,
  links: { repo: p.links.repo, live: p.links.live, caseStudy: p.links.caseStudy },
  featured: p.featured,
  status: p.status,
  startedAt: p.startedAt,
  endedAt: p.endedAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
}));

export const presentSkill = perEntity((s: Skill) => ({
  id: s.id,
  name: s.name,
  category: s.category,
  level: s.level,
  years: s.years,
}));

export const presentSkillGroup = (g: SkillGroup) => ({ category: g.category, skills: g.skills.map(presentSkill) });

export const presentExperience = perEntity((e: Experience) => ({
  id: e.id,
  company: e.company,
  role: e.role,
  location: e.location,
  startDate: e.startDate,
  endDate: e.endDate,
  highlights: e.highlights,
  tech: e.tech,
}));

export const presentMessage = perEntity((m: Message) => ({
  id: m.id,
  name: m.name,
  email: m.email,
  subject: m.subject,
  message: m.message,
  status: m.status,
  receivedAt: m.receivedAt,
}));

export const presentNotification = (n: Notification) => ({
  status: n.status,
  attempts: n.attempts,
  lastError: n.lastError,
});

/** A message read on its own: with the state of its email to the owner. */
export const presentInboxMessage = (m: InboxMessage) => ({
  ...presentMessage(m),
  notification: m.notification && presentNotification(m.notification),
});

/** Never the secret, whatever it is given. */
export const presentWebhook = perEntity((w: PublicWebhook) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  description: w.description,
  debounceSeconds: w.debounceSeconds,
  active: w.active,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
}));

/** The answers to create and rotate-secret: the only ones that show the secret. */
export const presentWebhookWithSecret = (w: Webhook) => {
  const { createdAt, updatedAt, ...rest } = presentWebhook(w);
  return { ...rest, secret: w.secret, createdAt, updatedAt };
};

export const presentDelivery = perEntity((d: Delivery) => ({
  id: d.id,
  event: { id: d.event.id, type: d.event.type },
  status: d.status,
  attempts: d.attempts,
  createdAt: d.createdAt,
  nextAttemptAt: d.nextAttemptAt,
  deliveredAt: d.deliveredAt,
  lastAttempt: d.lastAttempt && {
    at: d.lastAttempt.at,
    statusCode: d.lastAttempt.statusCode,
    error: d.lastAttempt.error,
    durationMs: d.lastAttempt.durationMs,
  },
}));

export const presentTagCount = (t: TagCount) => ({ tag: t.tag, count: t.count });

export const presentReceipt = (r: Receipt) => ({ id: r.id, receivedAt: r.receivedAt });

/** Everything a static site needs: the entities presented as on their own. */
export const presentPortfolio = (p: Portfolio) => ({
  profile: p.profile && presentProfile(p.profile),
  projects: p.projects.map(presentProject),
  skills: p.skills.map(presentSkillGroup),
  experience: p.experience.map(presentExperience),
});
