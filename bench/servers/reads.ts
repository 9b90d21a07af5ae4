/**
 * The work each benchmarked read needs, with nothing around it: the content
 * loaded once, then per request a filter, sort, slice and `JSON.stringify`.
 * `bare` answers with it through `node:http` alone, `koa floor` through Koa.
 *
 * Env: CONTENT_FILE (the benchmark's content document).
 */
import { readFileSync } from 'node:fs';

interface Project {
  id: string;
  slug: string;
  title: string;
  tags: string[];
  status: string;
  startedAt: string;
  [field: string]: unknown;
}
interface Content {
  profile: Record<string, unknown>;
  projects: Project[];
  skills: { category: string; name: string; level: number; [field: string]: unknown }[];
  experience: { startDate: string; endDate: string | null; [field: string]: unknown }[];
}

export interface Answer {
  readonly status: number;
  readonly json: string;
  readonly headers?: Record<string, string>;
}

/** The public representation: everything but the storage version. */
function strip<T extends object>(entity: T): T {
  const { version: _version, ...rest } = entity as T & { version?: unknown };
  return rest as T;
}

const content = JSON.parse(readFileSync(process.env.CONTENT_FILE!, 'utf8')) as Content;
const projects = content.projects.map((p) => strip(p));
const bySlug = new Map(projects.map((p) => [p.slug, p]));
const profile = strip(content.profile);
const skills = content.skills.map((s) => strip(s));
const experience = content.experience.map((e) => strip(e));

const newestFirst = (a: Project, b: Project): number =>
  a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;

export const NOT_FOUND: Answer = { status: 404, json: '{"error":"not found"}' };

export function listProjects(query: URLSearchParams): Answer {
  const tags = query.getAll('tag');
  const page = Number(query.get('page') ?? 1);
  const limit = Number(query.get('limit') ?? 20);
  const matches = projects
    .filter((p) => p.status === 'published' && tags.every((tag) => p.tags.includes(tag)))
    .sort(newestFirst);
  const total = matches.length;
  const totalPages = Math.ceil(total / limit);
  const body = { data: matches.slice((page - 1) * limit, page * limit), meta: { page, limit, total, totalPages } };
  return { status: 200, json: JSON.stringify(body), headers: { 'X-Total-Count': String(total) } };
}

export function projectBySlug(slug: string): Answer {
  const project = bySlug.get(slug);
  if (!project || project.status !== 'published') return NOT_FOUND;
  return { status: 200, json: JSON.stringify({ data: project }) };
}

export function profileRead(): Answer {
  return { status: 200, json: JSON.stringify({ data: profile }) };
}

export function portfolioRead(): Answer {
  const published = projects.filter((p) => p.status === 'published').sort(newestFirst);
  const categories = [...new Set(skills.map((s) => s.category))].sort();
  const grouped = categories.map((category) => ({
    category,
    skills: skills
      .filter((s) => s.category === category)
      .sort((a, b) => b.level - a.level || (a.name < b.name ? -1 : 1)),
  }));
  const roles = [...experience].sort(
    (a, b) => Number(a.endDate !== null) - Number(b.endDate !== null) || (a.startDate < b.startDate ? 1 : -1),
  );
  return {
    status: 200,
    json: JSON.stringify({ data: { profile, projects: published, skills: grouped, experience: roles } }),
  };
}
