import { render } from 'preact-render-to-string';
import type { Portfolio } from '../../../application/portfolio.service.js';
import type { CaptchaWidget } from './captcha-widget.js';
import { ContactSection } from './contact-section.js';
import type { ContactFormState } from './contact-form.js';
import { ExperienceSection } from './experience-section.js';
import { IntroSection } from './intro-section.js';
import { PageDocument, type PageAssets } from './page-document.js';
import { ProjectsSection } from './projects-section.js';
import { SkillsSection } from './skills-section.js';

export interface PortfolioPageOptions {
  readonly assets: PageAssets;
  /** The human-check widget, when a site key is configured. */
  readonly captcha?: CaptchaWidget;
}

const SECTIONS = [
  ['#projects', 'Projects'],
  ['#skills', 'Skills'],
  ['#experience', 'Experience'],
  ['#contact', 'Contact'],
] as const;

/**
 * The portfolio at `/`: the same content as `/api/v1/portfolio` and the
 * contact form in the given state, as a complete HTML document. Rendered
 * with Preact, which escapes every text and attribute value it writes.
 */
export function renderPortfolioPage(content: Portfolio, form: ContactFormState, options: PortfolioPageOptions): string {
  return `<!doctype html>${render(<PortfolioPage content={content} form={form} options={options} />)}`;
}

function PortfolioPage({
  content,
  form,
  options,
}: {
  content: Portfolio;
  form: ContactFormState;
  options: PortfolioPageOptions;
}) {
  const { profile } = content;
  const owner = profile?.name ?? 'Portfolio';
  return (
    <PageDocument
      title={profile ? `${profile.name} · ${profile.headline}` : 'Portfolio'}
      description={profile?.headline ?? 'A developer portfolio'}
      assets={options.assets}
      captcha={options.captcha}
    >
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap site-header-inner">
          <a class="brand" href="#main">
            {owner}
          </a>
          <nav aria-label="Sections">
            <ul>
              {SECTIONS.map(([href, label]) => (
                <li key={href}>
                  <a href={href}>{label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        <IntroSection profile={profile} />
        <ProjectsSection projects={content.projects} />
        <SkillsSection groups={content.skills} />
        <ExperienceSection roles={content.experience} />
        <ContactSection form={form} captcha={options.captcha} />
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>{owner}</p>
          <ul aria-label="For developers">
            <li>
              <a href="/docs">API reference</a>
            </li>
            <li>
              <a href="/api/v1/portfolio">This page as JSON</a>
            </li>
          </ul>
        </div>
      </footer>
    </PageDocument>
  );
}
