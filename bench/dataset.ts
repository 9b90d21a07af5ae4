/**
 * A deterministic portfolio of N projects for the benchmark, and the same data
 * in each server's own format. Seeded: the same N gives the same bytes on every
 * machine, so runs can be compared.
 */
import type { Content } from '../src/domain/storage/content.js';
import type { Message } from '../src/domain/messages/message.js';
import type { Project } from '../src/domain/projects/project.js';
import { sampleContent } from '../src/adapters/sample/sample-content.js';

/** The tag every list request filters on; it sits on about one project in eight. */
export const BENCH_TAG = 'api';

export const TAG_POOL = [
  'api',
  'cli',
  'web',
  'mobile',
  'data',
  'ml',
  'devops',
  'security',
  'testing',
  'performance',
  'open-source',
  'pwa',
  'maps',
  'payments',
  'postgres',
  'graphql',
  'realtime',
  'iot',
  'games',
  'education',
  'health',
  'finance',
  'accessibility',
  'design-system',
  'observability',
  'serverless',
  'embedded',
  'markdown',
  'search',
  'automation',
] as const;

const TECH_POOL = [
  'TypeScript',
  'Node.js',
  'React',
  'Svelte',
  'Go',
  'Rust',
  'Python',
  'PostgreSQL',
  'Redis',
  'Kafka',
  'Docker',
  'Kubernetes',
  'AWS',
  'GraphQL',
  'SQLite',
  'Elixir',
  'Kotlin',
  'Swift',
  'Terraform',
  'Prometheus',
];

const ADJECTIVES = [
  'amber',
  'brisk',
  'cobalt',
  'dapper',
  'ember',
  'fable',
  'granite',
  'harbor',
  'indigo',
  'juniper',
  'kestrel',
  'lumen',
  'meadow',
  'nimbus',
  'onyx',
  'pioneer',
  'quartz',
  'rowan',
  'saffron',
  'tidal',
  'umber',
  'vesper',
  'willow',
  'xenon',
  'yarrow',
  'zephyr',
];
const NOUNS = [
  'tracker',
  'planner',
  'ledger',
  'gateway',
  'dashboard',
  'compiler',
  'scheduler',
  'indexer',
  'renderer',
  'bridge',
  'monitor',
  'notebook',
  'router',
  'toolkit',
  'pipeline',
  'studio',
  'atlas',
  'beacon',
  'forge',
  'engine',
];
const WORDS = (
  'the service keeps its data in one place and answers every request quickly while a small worker renders ' +
  'reports in the background users sign in with passkeys and every change is audited tests cover the rules ' +
  'and the storage contract so refactoring stays calm deployments run through a pipeline with previews for each ' +
  'branch metrics and traces show where time goes and alerts fire before customers notice anything odd'
).split(' ');

/** mulberry32: small, fast and good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function pickDistinct<T>(random: () => number, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(pick(random, items));
  return [...chosen];
}

function prose(random: () => number, length: number): string {
  const sentences: string[] = [];
  let size = 0;
  while (size < length) {
    const words = Array.from({ length: 8 + Math.floor(random() * 10) }, () => pick(random, WORDS));
    const sentence = `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
    sentences.push(sentence);
    size += sentence.length + 1;
  }
  return sentences.join(' ').slice(0, length);
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2008, 0, 1);
const DAYS = 18 * 365;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function generateProjects(n: number, seed = 20261125): Project[] {
  const random = rng(seed);
  const projects: Project[] = [];
  for (let i = 1; i <= n; i++) {
    const adjective = pick(random, ADJECTIVES);
    const noun = pick(random, NOUNS);
    const started = FIRST_DAY + Math.floor(random() * DAYS) * DAY_MS;
    const ended = random() < 0.3 ? null : started + Math.floor(30 + random() * 600) * DAY_MS;
    const updated = Date.UTC(2026, 0, 1) + Math.floor(random() * 300 * 86_400) * 1000;
    const id = `01JBENCHPRJ${String(i).padStart(15, '0')}`;
    projects.push({
      id,
      slug: `${adjective}-${noun}-${i}`,
      title: `${adjective.charAt(0).toUpperCase()}${adjective.slice(1)} ${noun} ${i}`,
      summary: prose(random, 90 + Math.floor(random() * 60)),
      description: prose(random, 450 + Math.floor(random() * 100)),
      tags: pickDistinct(random, TAG_POOL, 2 + Math.floor(random() * 4)),
      tech: pickDistinct(random, TECH_POOL, 2 + Math.floor(random() * 4)),
      links: random() < 0.6 ? { repo: `https://github.com/example/project-${i}` } : {},
      featured: random() < 0.1,
      status: random() < 0.9 ? 'published' : 'draft',
      startedAt: isoDay(started),
      endedAt: ended === null ? null : isoDay(ended),
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      version: 1,
    });
  }
  return projects;
}

/** The sample profile, skills and experience with N generated projects. */
export function generateContent(n: number): Content {
  const sample = sampleContent();
  return { ...sample, projects: generateProjects(n) };
}

/** A published project in the middle of the list: what the one-by-slug requests fetch. */
export function benchSlug(content: Content): string {
  const published = content.projects.filter((p) => p.status === 'published');
  return published[Math.floor(published.length / 2)]!.slug;
}

/** The body every contact POST sends. */
export const CONTACT_BODY = {
  name: 'Grace Hopper',
  email: 'grace@example.com',
  subject: 'A question about your work',
  message: 'Hello! I read about your projects and would like to talk about a contract next spring. Are you free?',
};

/** Stored messages for the inbox-growth table, oldest first. */
export function generateMessages(count: number, seed = 7): Message[] {
  const random = rng(seed);
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: `01JBENCHMSG${String(i + 1).padStart(15, '0')}`,
    name: `Sender ${i + 1}`,
    email: `sender${i + 1}@example.com`,
    subject: 'Hello',
    message: prose(random, 120 + Math.floor(random() * 200)),
    status: 'new' as const,
    receivedAt: new Date(start + i * 60_000).toISOString(),
    version: 1,
  }));
}

/**
 * json-server's database: the same content, one collection per resource.
 * Projects are keyed by slug (`id` = slug), the fastest lookup json-server
 * offers for `/projects/:slug`.
 */
export function jsonServerDocument(content: Content): object {
  const { version: _v, ...profile } = content.profile!;
  return {
    profile,
    projects: content.projects.map(({ version: _version, ...project }) => ({ ...project, id: project.slug })),
    skills: content.skills.map(({ version: _version, ...skill }) => skill),
    experience: content.experience.map(({ version: _version, ...role }) => role),
    messages: [],
  };
}
