import type { Message } from '../domain/messages/message.js';
import type { Project } from '../domain/projects/project.js';
import type { Content } from '../domain/storage/content.js';
import type { PortfolioRepositories } from '../domain/storage/storage.js';

/** Everything one storage holds: its content and its inbox. */
export interface Snapshot extends Content {
  readonly messages: readonly Message[];
}

export interface CopyResult {
  readonly profile: number;
  readonly projects: number;
  readonly skills: number;
  readonly experience: number;
  readonly messages: number;
}

export class TargetNotEmptyError extends Error {
  constructor(readonly counts: CopyResult) {
    super(`The target storage is not empty (${describeCounts(counts)}); pass --force to replace its content`);
    this.name = 'TargetNotEmptyError';
  }
}

const PAGE = 1000;
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Oldest first, so that copying into an append-ordered store reproduces the original order. */
const byCreation = (a: Project, b: Project) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : byId(a, b);
const byReceipt = (a: Message, b: Message) =>
  a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : byId(a, b);

/** Everything one storage holds, in a canonical order that does not depend on the adapter. */
export async function readSnapshot(from: PortfolioRepositories): Promise<Snapshot> {
  const projects = await from.projects.list({ status: 'all', tags: [], sort: '-startedAt', offset: 0 });
  const messages: Message[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await from.messages.list({ offset, limit: PAGE });
    messages.push(...page.items);
    if (page.items.length < PAGE) break;
  }
  return {
    profile: await from.profiles.get(),
    projects: [...projects.items].sort(byCreation),
    skills: (await from.skills.listAll()).sort(byId),
    experience: (await from.experience.listAll()).sort(byId),
    messages: messages.sort(byReceipt),
  };
}

/**
 * Copies every entity with its id, timestamps and version. A target that
 * holds anything is refused unless `force`, which first empties it.
 */
export async function copyStorage(
  from: PortfolioRepositories,
  to: PortfolioRepositories,
  { force = false } = {},
): Promise<CopyResult> {
  const source = await readSnapshot(from);
  const existing = await readSnapshot(to);
  const existingCounts = countOf(existing);
  if (Object.values(existingCounts).some((n) => n > 0)) {
    if (!force) throw new TargetNotEmptyError(existingCounts);
    await clear(to, existing);
  }
  const currentProfile = await to.profiles.get();
  if (source.profile) await to.profiles.save(source.profile, currentProfile?.version ?? null);
  for (const project of source.projects) await to.projects.create(project);
  for (const skill of source.skills) await to.skills.create(skill);
  for (const role of source.experience) await to.experience.create(role);
  for (const message of source.messages) await to.messages.create(message);
  return countOf(source);
}

/** The profile has no delete in its port; it is overwritten by the copy instead. */
async function clear(to: PortfolioRepositories, existing: Snapshot): Promise<void> {
  for (const p of existing.projects) await to.projects.delete(p.id, p.version);
  for (const s of existing.skills) await to.skills.delete(s.id, s.version);
  for (const e of existing.experience) await to.experience.delete(e.id, e.version);
  for (const m of existing.messages) await to.messages.delete(m.id, m.version);
}

function countOf(snapshot: Snapshot): CopyResult {
  return {
    profile: snapshot.profile ? 1 : 0,
    projects: snapshot.projects.length,
    skills: snapshot.skills.length,
    experience: snapshot.experience.length,
    messages: snapshot.messages.length,
  };
}

export function describeCounts(counts: CopyResult): string {
  return Object.entries(counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
}
