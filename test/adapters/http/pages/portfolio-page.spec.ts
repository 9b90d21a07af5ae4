import { expect } from 'chai';
import { aProfile, aProject, anExperience, aSkill } from '../../../support/builders.js';
import { ASSETS, renderPage, samplePortfolio, texts } from './rendered-page.js';

describe('the portfolio page (renderPortfolioPage)', () => {
  describe('with the sample content', () => {
    const { html, document } = renderPage();

    it('when rendered, then it is one complete English document titled with the owner and headline', () => {
      expect(html.startsWith('<!doctype html><html lang="en">')).to.be.true;
      expect(document.title).to.equal('Alex Morgan · Backend developer building calm, well-tested web services');
      expect(document.querySelector('meta[name="viewport"]')!.getAttribute('content')).to.equal(
        'width=device-width, initial-scale=1',
      );
      expect(document.querySelector('meta[name="color-scheme"]')!.getAttribute('content')).to.equal('light dark');
    });

    it('when rendered, then its headings go h1, h2 per section, h3 per item, in order', () => {
      const headings = [...document.querySelectorAll('h1, h2, h3')].map((h) => Number(h.tagName[1]));
      expect(headings[0]).to.equal(1);
      expect(headings.filter((level) => level === 1)).to.have.length(1);
      headings.forEach((level, i) => i > 0 && expect(level - headings[i - 1]!).to.be.at.most(1));
      expect(texts(document, 'h2')).to.deep.equal(['Projects', 'Skills', 'Experience', 'Contact']);
    });

    it('when rendered, then it has the landmarks: a skip link, a header with the section navigation, main and footer', () => {
      expect(document.querySelector('a.skip-link')!.getAttribute('href')).to.equal('#main');
      expect(document.querySelector('body > header nav[aria-label="Sections"]')).to.exist;
      expect(document.querySelector('main#main')).to.exist;
      expect(document.querySelector('body > footer')).to.exist;
      expect(texts(document, 'nav[aria-label="Sections"] a')).to.deep.equal([
        'Projects',
        'Skills',
        'Experience',
        'Contact',
      ]);
    });

    it('when rendered, then the profile shows its name, headline, location, availability, bio as Markdown and links', () => {
      expect(texts(document, 'h1')).to.deep.equal(['Alex Morgan']);
      expect(texts(document, '.headline')).to.deep.equal(['Backend developer building calm, well-tested web services']);
      expect(texts(document, '.location')).to.include('Berlin, Germany');
      expect(texts(document, '.badge-available')).to.deep.equal(['Available for work']);
      expect(texts(document, '.bio strong')).to.deep.equal(['testing', 'observability']);
      const links = [...document.querySelectorAll('.link-list a')].map((a) => [a.textContent, a.getAttribute('href')]);
      expect(links).to.deep.equal([
        ['alex@example.com', 'mailto:alex@example.com'],
        ['github', 'https://github.com/example'],
        ['linkedin', 'https://www.linkedin.com/in/example'],
      ]);
      expect(document.querySelector('.avatar img')!.getAttribute('src')).to.equal(
        'https://avatars.example.com/alex.png',
      );
      expect(texts(document, '.avatar .initials')).to.deep.equal(['AM']);
    });

    it('when rendered, then the published projects come featured first, otherwise in the order given', () => {
      expect(texts(document, '#projects h3')).to.deep.equal([
        'Trailhead Route Planner',
        'Ledgerline Invoicing API',
        'Harbor Metrics Dashboard',
        'Kiln Static Site Generator',
        'Pantry Recipe Scaler',
        'Quill Markdown Linter',
      ]);
      const first = document.querySelector('#projects .card')!;
      expect(first.querySelector('.badge')!.textContent).to.equal('Featured');
      expect(first.querySelector('time')!.getAttribute('datetime')).to.equal('2025-03-01');
      expect(first.querySelector('.period')!.textContent).to.equal('Mar 2025 – present');
      expect(texts(first as unknown as Document, '.chips li')).to.deep.equal([
        'TypeScript',
        'React',
        'MapLibre',
        'IndexedDB',
      ]);
      expect(texts(first as unknown as Document, '.card-links a')).to.deep.equal([
        'Source code of Trailhead Route Planner',
        'Live site of Trailhead Route Planner',
      ]);
      expect(texts(first as unknown as Document, '.more li')).to.deep.equal([
        'Vector tiles cached for offline use',
        'Elevation profiles from open DEM data',
        'GPX import and export',
      ]);
    });

    it('when rendered, then skills are grouped by category in the order given, with their level in words', () => {
      expect(texts(document, '#skills h3')).to.deep.equal(['Backend', 'Frontend', 'Languages', 'Tools & Practices']);
      const nodeJs = document.querySelector('#skills .skill')!;
      expect(nodeJs.querySelector('.skill-name')!.textContent).to.equal('Node.js');
      expect(nodeJs.querySelector('.skill-detail')!.textContent).to.equal('Expert, 9 years');
      expect(nodeJs.querySelector('.dots')!.getAttribute('aria-hidden')).to.equal('true');
    });

    it('when rendered, then the roles come in the order given, current ones saying "present"', () => {
      expect(texts(document, '#experience h3')).to.deep.equal([
        'Senior Backend Engineer at Northwind Analytics',
        'Maintainer at Open Source',
        'Full-stack Developer at Blue Fern Studio',
        'Junior Developer at Civic Data Lab',
      ]);
      expect(texts(document, '#experience .period')[0]).to.equal('Mar 2024 – present');
      expect(texts(document, '#experience .period')[2]).to.equal('May 2021 – Feb 2024');
    });

    it('when rendered, then the footer links to the API reference at /docs', () => {
      expect(document.querySelector('footer a[href="/docs"]')!.textContent).to.equal('API reference');
    });

    it('when rendered, then its style sheet and script are the given files, and nothing is inline', () => {
      expect([...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'))).to.deep.equal(
        [ASSETS.stylesheet],
      );
      const scripts = [...document.querySelectorAll('script')];
      expect(scripts.map((s) => s.getAttribute('src'))).to.deep.equal([ASSETS.script]);
      expect(scripts.every((s) => s.textContent === '')).to.be.true;
      expect(document.querySelectorAll('style, [style]')).to.have.length(0);
      expect(html).not.to.match(/\son[a-z]+=/i);
    });
  });

  describe('with hostile content', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const { html, document } = renderPage({
      profile: aProfile({
        name: '<script>alert(1)</script>',
        headline: '"><svg onload=alert(1)>',
        bio: '<b>raw</b> [x](javascript:alert(1))',
      }),
      projects: [
        aProject({
          title: attack,
          summary: '<script>alert(2)</script>',
          tags: ['"quoted"'],
          links: { repo: 'https://example.com/"><script>' },
        }),
      ],
      skills: [{ category: '</h3><script>', skills: [aSkill({ name: '<i>x</i>' })] }],
      experience: [anExperience({ company: '<iframe>', highlights: ['<a href=javascript:alert(1)>x</a>'] })],
    });

    it('when a project title is an img tag, then it shows as text and no such element exists', () => {
      expect(texts(document, '#projects h3')).to.deep.equal([attack]);
      expect(document.querySelectorAll('img')).to.have.length(0);
      expect(html).to.include('&lt;img src=x onerror=alert(1)>');
    });

    it('when any field holds markup, then the page has no element but its own: no script, svg, iframe or bold', () => {
      expect(document.querySelectorAll('script:not([src])')).to.have.length(0);
      expect(document.querySelectorAll('svg, iframe, i, b')).to.have.length(0);
      expect(texts(document, 'h1')).to.deep.equal(['<script>alert(1)</script>']);
      expect(texts(document, '#skills h3')).to.deep.equal(['</h3><script>']);
      expect(texts(document, '.bio p')).to.deep.equal(['<b>raw</b> x']);
    });

    it('when an attribute value holds quotes, then it stays one attribute value', () => {
      expect(document.querySelector('.card-links a')!.getAttribute('href')).to.equal('https://example.com/"><script>');
      expect(html).to.include('href="https://example.com/&quot;>&lt;script>"');
      expect(document.querySelector('meta[name="description"]')!.getAttribute('content')).to.equal(
        '"><svg onload=alert(1)>',
      );
    });

    it('when Markdown links to javascript:, then the text stays and the link does not', () => {
      expect(document.querySelectorAll('a[href^="javascript"]')).to.have.length(0);
    });
  });

  describe('with no content yet', () => {
    const { document } = renderPage({ profile: null, projects: [], skills: [], experience: [] });

    it('when there is no profile, then the page is titled Portfolio and says so, with still one h1', () => {
      expect(document.title).to.equal('Portfolio');
      expect(texts(document, 'h1')).to.deep.equal(['Portfolio']);
      expect(texts(document, '.intro .headline')).to.deep.equal(['The owner has not written a profile yet.']);
    });

    it('when a section is empty, then it says so instead of showing an empty list', () => {
      expect(texts(document, '.empty')).to.deep.equal([
        'No project is published yet.',
        'No skill is listed yet.',
        'No role is listed yet.',
      ]);
      expect(document.querySelector('#contact form')).to.exist;
    });
  });

  it('when a profile has no photo, then its initials stand in', () => {
    const { document } = renderPage({ ...samplePortfolio(), profile: aProfile({ name: 'ada lovelace king' }) });
    expect(document.querySelector('.avatar img')).to.equal(null);
    expect(texts(document, '.avatar .initials')).to.deep.equal(['AK']);
  });
});
