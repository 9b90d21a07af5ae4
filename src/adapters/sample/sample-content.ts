import type { Experience } from '../../domain/experience/experience.js';
import type { Project } from '../../domain/projects/project.js';
import type { Skill } from '../../domain/skills/skill.js';
import type { Content } from '../../domain/storage/content.js';

/**
 * What a new installation starts with: a believable portfolio the owner edits
 * into their own. Fixed ids and timestamps keep it the same on every machine.
 */
const CREATED = '2026-01-15T09:00:00.000Z';

function project(
  n: number,
  fields: Omit<
    Project,
    'id' | 'createdAt' | 'updatedAt' | 'version' | 'description' | 'links' | 'endedAt' | 'featured'
  > &
    Partial<Pick<Project, 'description' | 'links' | 'endedAt' | 'featured'>>,
): Project {
  return {
    id: `01JSAMPLEPRJ${String(n).padStart(14, '0')}`,
    description: '',
    links: {},
    endedAt: null,
    featured: false,
    ...fields,
    createdAt: CREATED,
    updatedAt: CREATED,
    version: 1,
  };
}

const PROJECTS: Project[] = [
  project(1, {
    slug: 'trailhead-route-planner',
    title: 'Trailhead Route Planner',
    summary: 'Offline-first hiking route planner with elevation profiles and GPX export.',
    description:
      'A progressive web app that plans multi-day hikes.\n\n- Vector tiles cached for offline use\n- Elevation profiles from open DEM data\n- GPX import and export',
    tags: ['pwa', 'maps', 'open-source'],
    tech: ['TypeScript', 'React', 'MapLibre', 'IndexedDB'],
    links: { repo: 'https://github.com/example/trailhead', live: 'https://trailhead.example.com' },
    featured: true,
    status: 'published',
    startedAt: '2025-03-01',
  }),
  project(2, {
    slug: 'ledgerline-invoicing-api',
    title: 'Ledgerline Invoicing API',
    summary: 'Multi-tenant invoicing backend with idempotent payments and PDF rendering.',
    description:
      'Hexagonal Node service behind a B2B invoicing product. Payments are idempotent by key, invoices render to PDF in a worker queue, and every tenant is isolated by row-level security.',
    tags: ['api', 'payments', 'postgres'],
    tech: ['Node.js', 'TypeScript', 'PostgreSQL', 'Redis'],
    links: { caseStudy: 'https://blog.example.com/ledgerline' },
    featured: true,
    status: 'published',
    startedAt: '2024-06-01',
    endedAt: '2025-02-28',
  }),
  project(3, {
    slug: 'kiln-static-site-generator',
    title: 'Kiln Static Site Generator',
    summary: 'A tiny static site generator with incremental builds and Markdown plugins.',
    tags: ['cli', 'open-source', 'markdown'],
    tech: ['Rust', 'Markdown'],
    links: { repo: 'https://github.com/example/kiln' },
    status: 'published',
    startedAt: '2023-09-10',
    endedAt: '2024-01-20',
  }),
  project(4, {
    slug: 'harbor-metrics-dashboard',
    title: 'Harbor Metrics Dashboard',
    summary: 'Real-time container fleet dashboard fed by server-sent events.',
    tags: ['dashboard', 'observability', 'api'],
    tech: ['Go', 'Svelte', 'Prometheus'],
    links: { live: 'https://harbor.example.com' },
    featured: true,
    status: 'published',
    startedAt: '2024-02-15',
    endedAt: '2024-08-30',
  }),
  project(5, {
    slug: 'pantry-recipe-scaler',
    title: 'Pantry Recipe Scaler',
    summary: 'Scales recipes by servings and converts units, with a shopping list.',
    tags: ['mobile', 'pwa'],
    tech: ['Kotlin', 'Jetpack Compose'],
    status: 'published',
    startedAt: '2023-04-01',
    endedAt: '2023-07-15',
  }),
  project(6, {
    slug: 'quill-markdown-linter',
    title: 'Quill Markdown Linter',
    summary: 'Configurable Markdown linter with editor integrations and autofix.',
    tags: ['cli', 'markdown', 'open-source'],
    tech: ['TypeScript', 'Node.js'],
    links: { repo: 'https://github.com/example/quill' },
    status: 'published',
    startedAt: '2022-11-01',
    endedAt: '2023-03-01',
  }),
  project(7, {
    slug: 'orbit-event-scheduler',
    title: 'Orbit Event Scheduler',
    summary: 'Work in progress: a calendar scheduler that finds slots across time zones.',
    tags: ['api', 'scheduling'],
    tech: ['TypeScript', 'PostgreSQL'],
    status: 'draft',
    startedAt: '2026-09-01',
  }),
  project(8, {
    slug: 'sonar-audio-fingerprinting',
    title: 'Sonar Audio Fingerprinting',
    summary: 'Draft write-up of an audio fingerprinting experiment.',
    tags: ['research', 'audio'],
    tech: ['Python', 'NumPy'],
    status: 'draft',
    startedAt: '2026-05-01',
  }),
];

const SKILL_ROWS: [string, string, number, number?][] = [
  ['TypeScript', 'Languages', 5, 7],
  ['JavaScript', 'Languages', 5, 10],
  ['Go', 'Languages', 3, 3],
  ['Rust', 'Languages', 2, 1],
  ['SQL', 'Languages', 4, 9],
  ['Python', 'Languages', 3, 5],
  ['Node.js', 'Backend', 5, 9],
  ['Koa', 'Backend', 4, 4],
  ['PostgreSQL', 'Backend', 4, 8],
  ['Redis', 'Backend', 3, 5],
  ['REST API design', 'Backend', 5, 8],
  ['React', 'Frontend', 4, 6],
  ['Svelte', 'Frontend', 3, 2],
  ['CSS', 'Frontend', 3, 10],
  ['Accessibility', 'Frontend', 3, 4],
  ['Docker', 'Tools & Practices', 4, 6],
  ['GitHub Actions', 'Tools & Practices', 4, 4],
  ['Testing', 'Tools & Practices', 5, 8],
  ['Observability', 'Tools & Practices', 3, 3],
];

const SKILLS: Skill[] = SKILL_ROWS.map(([name, category, level, years], i) => ({
  id: `01JSAMPLESKL${String(i + 1).padStart(14, '0')}`,
  name,
  category,
  level,
  ...(years === undefined ? {} : { years }),
  version: 1,
}));

const EXPERIENCE: Experience[] = [
  {
    id: '01JSAMPLEEXP00000000000001',
    company: 'Northwind Analytics',
    role: 'Senior Backend Engineer',
    location: 'Berlin (hybrid)',
    startDate: '2024-03-01',
    endDate: null,
    highlights: [
      'Led the move from a monolith to three services with contract tests between them',
      'Cut p99 latency of the reporting API from 1.2 s to 180 ms',
    ],
    tech: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kafka'],
    version: 1,
  },
  {
    id: '01JSAMPLEEXP00000000000002',
    company: 'Blue Fern Studio',
    role: 'Full-stack Developer',
    location: 'Remote',
    startDate: '2021-05-01',
    endDate: '2024-02-29',
    highlights: ['Built client projects end to end, from API to accessible front end', 'Introduced CI and code review'],
    tech: ['React', 'Node.js', 'Docker'],
    version: 1,
  },
  {
    id: '01JSAMPLEEXP00000000000003',
    company: 'Civic Data Lab',
    role: 'Junior Developer',
    location: 'Hamburg',
    startDate: '2019-09-01',
    endDate: '2021-04-30',
    highlights: ['Maintained open data portals serving 40 municipalities'],
    tech: ['Python', 'PostgreSQL', 'JavaScript'],
    version: 1,
  },
  {
    id: '01JSAMPLEEXP00000000000004',
    company: 'Open Source',
    role: 'Maintainer',
    startDate: '2022-11-01',
    endDate: null,
    highlights: ['Maintains the Quill Markdown linter and the Kiln static site generator'],
    tech: ['TypeScript', 'Rust'],
    version: 1,
  },
];

export function sampleContent(): Content {
  return {
    profile: {
      name: 'Alex Morgan',
      headline: 'Backend developer building calm, well-tested web services',
      bio: 'I design and build APIs and the systems behind them, with a soft spot for **testing** and **observability**.\n\nCurrently at Northwind Analytics; open to interesting side projects.',
      location: 'Berlin, Germany',
      email: 'alex@example.com',
      avatarUrl: 'https://avatars.example.com/alex.png',
      links: { github: 'https://github.com/example', linkedin: 'https://www.linkedin.com/in/example' },
      availableForWork: true,
      updatedAt: CREATED,
      version: 1,
    },
    projects: PROJECTS,
    skills: SKILLS,
    experience: EXPERIENCE,
  };
}
