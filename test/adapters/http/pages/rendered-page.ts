import { parseHTML } from 'linkedom';
import type { Portfolio } from '../../../../src/application/portfolio.service.js';
import { orderExperience } from '../../../../src/domain/experience/experience.js';
import { groupSkills } from '../../../../src/domain/skills/skill.js';
import type { ContactFormState } from '../../../../src/adapters/http/pages/contact-form.js';
import { EMPTY_CONTACT_FORM } from '../../../../src/adapters/http/pages/contact-form.js';
import { renderPortfolioPage, type PortfolioPageOptions } from '../../../../src/adapters/http/pages/portfolio-page.js';
import { sampleContent } from '../../../../src/adapters/sample/sample-content.js';

export const ASSETS = { stylesheet: '/assets/portfolio-ABC123.css', script: '/assets/contact-form-DEF456.js' };

/** The sample content as PortfolioService hands it over: published projects newest first, skills grouped, roles ordered. */
export function samplePortfolio(): Portfolio {
  const sample = sampleContent();
  return {
    profile: sample.profile,
    projects: sample.projects
      .filter((project) => project.status === 'published')
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)),
    skills: groupSkills(sample.skills),
    experience: orderExperience(sample.experience),
  };
}

/** The page as HTML and as a document to query. */
export function renderPage(
  content: Portfolio = samplePortfolio(),
  form: ContactFormState = EMPTY_CONTACT_FORM,
  options: Partial<PortfolioPageOptions> = {},
): { html: string; document: Document } {
  const html = renderPortfolioPage(content, form, { assets: ASSETS, ...options });
  return { html, document: parseHTML(html).document };
}

export const texts = (document: Document, selector: string): string[] =>
  [...document.querySelectorAll(selector)].map((element) => element.textContent.trim());
