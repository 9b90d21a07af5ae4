import * as v from 'valibot';
import { endNotBeforeStart } from '../../../domain/shared/dates.js';
import type { FieldIssue } from '../../../domain/shared/errors.js';
import { sameSkillName } from '../../../domain/skills/skill.js';
import type { Content } from '../../../domain/storage/content.js';
import { CONTENT_FORMAT, ContentDocumentSchema, KEY_ORDER } from './content-document.schema.js';
import { describeIssue } from './document-issues.js';

export type ContentParseResult = { ok: true; state: Content } | { ok: false; problems: string[] };

/**
 * Reads the text of a data file: JSON, then the document schema, then the
 * rules that span entities. Every problem is reported, each as
 * `dotted.path: message`, so the owner can fix the file in one go.
 */
export function parseContentDocument(text: string): ContentParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${jsonErrorWithPosition(text, error as Error)}`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problems: ['the top level must be a JSON object'] };
  }
  const result = v.safeParse(ContentDocumentSchema, json, { abortEarly: false });
  if (!result.success) return { ok: false, problems: result.issues.map(describeIssue) };
  const { format: _format, ...parsed } = result.output;
  // StoredProjectSchema defaults `status` around an optional, so its inferred type still admits undefined; the default rules it out.
  const state = parsed as Content;
  const broken = crossEntityIssues(state);
  return broken.length > 0
    ? { ok: false, problems: broken.map((issue) => `${issue.path}: ${issue.message}`) }
    : { ok: true, state };
}

/** Pretty-printed with a fixed key order, so that a diff of two versions shows only what changed. */
export function serializeContent(state: Content): string {
  const document = {
    format: CONTENT_FORMAT,
    profile: state.profile && ordered(state.profile, KEY_ORDER.profile),
    projects: state.projects.map((project) =>
      ordered({ ...project, links: ordered(project.links, KEY_ORDER.projectLinks) }, KEY_ORDER.project),
    ),
    skills: state.skills.map((skill) => ordered(skill, KEY_ORDER.skill)),
    experience: state.experience.map((role) => ordered(role, KEY_ORDER.experience)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Unique ids, unique slugs, unique skill names per category, and end dates not before start dates. */
export function crossEntityIssues(state: Content): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const unique = <T>(section: string, items: readonly T[], field: string, keyOf: (item: T) => string) => {
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else
        issues.push({
          path: `${section}.${index}.${field}`,
          message: `'${key}' is already used by ${section}.${earlier}`,
        });
    });
  };
  unique('projects', state.projects, 'id', (project) => project.id);
  unique('projects', state.projects, 'slug', (project) => project.slug);
  unique('skills', state.skills, 'id', (skill) => skill.id);
  unique('experience', state.experience, 'id', (role) => role.id);
  state.skills.forEach((skill, index) => {
    const earlier = state.skills.findIndex((other) => sameSkillName(other, skill));
    if (earlier < index) {
      issues.push({
        path: `skills.${index}.name`,
        message: `'${skill.name}' is already used in category '${skill.category}' by skills.${earlier}`,
      });
    }
  });
  state.projects.forEach((p, i) =>
    issues.push(...endNotBeforeStart(p.startedAt, p.endedAt, `projects.${i}.endedAt`, 'startedAt')),
  );
  state.experience.forEach((e, i) =>
    issues.push(...endNotBeforeStart(e.startDate, e.endDate, `experience.${i}.endDate`, 'startDate')),
  );
  return issues;
}

function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
  for (const key of Object.keys(record)) if (!(key in out) && record[key] !== undefined) out[key] = record[key];
  return out as T;
}

/** A subject and its problems, one per line, as the log and start-up errors show them. */
export function invalidMessage(subject: string, problems: readonly string[]): string {
  return `${subject} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}

/** V8 reports a character offset; an editor wants a line and column. */
function jsonErrorWithPosition(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${error.message} (line ${line}, column ${column})`;
}
