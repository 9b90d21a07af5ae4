import { expect } from 'chai';
import { EMPTY_EXPERIENCE, experienceBody, experienceValues } from '../../../web/admin/src/forms/experience-form.js';
import { profileBody, profileValues } from '../../../web/admin/src/forms/profile-form.js';
import { EMPTY_PROJECT, projectBody, projectValues } from '../../../web/admin/src/forms/project-form.js';
import { skillBody, skillValues } from '../../../web/admin/src/forms/skill-form.js';

describe('console: forms (values typed ↔ API bodies)', () => {
  const project = {
    id: 'p1',
    slug: 'kiln',
    title: 'Kiln',
    summary: 'A generator',
    description: '# Kiln',
    tags: ['cli', 'markdown'],
    tech: ['Rust'],
    links: { repo: 'https://example.com/kiln' },
    featured: true,
    status: 'published' as const,
    startedAt: '2023-09-10',
    endedAt: null,
    createdAt: '2026-01-15T09:00:00.000Z',
    updatedAt: '2026-01-15T09:00:00.000Z',
  };

  it('when a project is edited unchanged, then its body is the project as written, every field included', () => {
    expect(projectBody(projectValues(project))).to.deep.equal({
      slug: 'kiln',
      title: 'Kiln',
      summary: 'A generator',
      description: '# Kiln',
      tags: ['cli', 'markdown'],
      tech: ['Rust'],
      links: { repo: 'https://example.com/kiln' },
      featured: true,
      status: 'published',
      startedAt: '2023-09-10',
      endedAt: null,
    });
  });

  it('when a new project leaves slug, links and end date blank, then the slug and links are left out and the end is null', () => {
    const body = projectBody({
      ...EMPTY_PROJECT,
      title: 'T',
      summary: 'S',
      startedAt: '2024-01-01',
      tags: ' a, ,b ,',
      endedAt: '',
    });
    expect(body).to.deep.equal({
      title: 'T',
      summary: 'S',
      description: '',
      tags: ['a', 'b'],
      tech: [],
      links: {},
      featured: false,
      status: 'draft',
      startedAt: '2024-01-01',
      endedAt: null,
    });
  });

  it('when a skill is typed, then numbers go as numbers, blank years are left out, and text that is no number goes as typed', () => {
    expect(skillValues({ id: 's', name: 'Go', category: 'Languages', level: 3, years: 2 })).to.deep.equal({
      name: 'Go',
      category: 'Languages',
      level: '3',
      years: '2',
    });
    expect(skillBody({ name: 'Go', category: 'L', level: '4', years: '' })).to.deep.equal({
      name: 'Go',
      category: 'L',
      level: 4,
    });
    expect(skillBody({ name: 'Go', category: 'L', level: '4', years: '1.5' })).to.deep.equal({
      name: 'Go',
      category: 'L',
      level: 4,
      years: 1.5,
    });
    expect(skillBody({ name: 'Go', category: 'L', level: 'x', years: 'many' })).to.deep.equal({
      name: 'Go',
      category: 'L',
      level: 'x',
      years: 'many',
    });
  });

  it('when a role is typed, then highlights go one per line, tech by commas, and a blank end date makes it current', () => {
    const body = experienceBody({
      ...EMPTY_EXPERIENCE,
      company: 'C',
      role: 'R',
      startDate: '2020-01-01',
      highlights: 'one\n\n two \n',
      tech: 'Go, Rust',
    });
    expect(body).to.deep.equal({
      company: 'C',
      role: 'R',
      startDate: '2020-01-01',
      endDate: null,
      highlights: ['one', 'two'],
      tech: ['Go', 'Rust'],
    });
    const role = {
      id: 'e',
      company: 'C',
      role: 'R',
      location: 'Berlin',
      startDate: '2020-01-01',
      endDate: '2021-01-01',
      highlights: ['a', 'b'],
      tech: ['Go'],
    };
    expect(experienceBody(experienceValues(role))).to.deep.equal({
      company: 'C',
      role: 'R',
      location: 'Berlin',
      startDate: '2020-01-01',
      endDate: '2021-01-01',
      highlights: ['a', 'b'],
      tech: ['Go'],
    });
  });

  it('when the profile is typed, then link rows become the links object and blank optional fields are left out', () => {
    const profile = {
      name: 'A',
      headline: 'H',
      bio: '',
      email: 'a@example.com',
      links: { github: 'https://github.com/a' },
      availableForWork: true,
      updatedAt: '2026-01-15T09:00:00.000Z',
    };
    const values = profileValues(profile);
    expect(values.links).to.deep.equal([{ name: 'github', url: 'https://github.com/a' }]);
    expect(
      profileBody({
        ...values,
        links: [...values.links, { name: ' blog ', url: 'https://blog.example.com' }, { name: '', url: ' ' }],
      }),
    ).to.deep.equal({
      name: 'A',
      headline: 'H',
      bio: '',
      email: 'a@example.com',
      links: { github: 'https://github.com/a', blog: 'https://blog.example.com' },
      availableForWork: true,
    });
  });
});
