import type { Experience } from '../../domain/experience/experience.js';
import type { Message } from '../../domain/messages/message.js';
import type { Profile } from '../../domain/profile/profile.js';
import type { Project } from '../../domain/projects/project.js';
import type { Skill, SkillGroup } from '../../domain/skills/skill.js';

/**
 * The public representation of each entity, field by field in a fixed order:
 * whatever storage an entity came from, the same content gives the same bytes
 * and so the same ETag. The storage version never leaves the service.
 */
export const presentProfile = (p: Profile) => ({
  name: p.name,
  headline: p.headline,
  bio: p.bio,
  location: p.location,
  email: p.email,
  avatarUrl: p.avatarUrl,
  links: p.links,
  availableForWork: p.availableForWork,
  updatedAt: p.updatedAt,
});

export const presentProject = (p: Project) => ({
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
});

export const presentSkill = (s: Skill) => ({
  id: s.id,
  name: s.name,
  category: s.category,
  level: s.level,
  years: s.years,
});

export const presentSkillGroup = (g: SkillGroup) => ({ category: g.category, skills: g.skills.map(presentSkill) });

export const presentExperience = (e: Experience) => ({
  id: e.id,
  company: e.company,
  role: e.role,
  location: e.location,
  startDate: e.startDate,
  endDate: e.endDate,
  highlights: e.highlights,
  tech: e.tech,
});

export const presentMessage = (m: Message) => ({
  id: m.id,
  name: m.name,
  email: m.email,
  subject: m.subject,
  message: m.message,
  status: m.status,
  receivedAt: m.receivedAt,
});
