import type { Route } from '../route.js';
import { CONTACT_ROUTES } from './contact.routes.js';
import { DOCS_ROUTES } from './docs.routes.js';
import { EXPERIENCE_ROUTES } from './experience.routes.js';
import { MESSAGE_ROUTES } from './messages.routes.js';
import { OPERATIONS_ROUTES } from './operations.routes.js';
import { PAGE_ROUTES } from './pages.routes.js';
import { PORTFOLIO_ROUTES } from './portfolio.routes.js';
import { PROFILE_ROUTES } from './profile.routes.js';
import { PROJECT_ROUTES } from './projects.routes.js';
import { SKILL_ROUTES } from './skills.routes.js';
import { WEBHOOK_ROUTES } from './webhooks.routes.js';

/** Every route the service answers, in the order the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  ...PORTFOLIO_ROUTES,
  ...PROFILE_ROUTES,
  ...PROJECT_ROUTES,
  ...SKILL_ROUTES,
  ...EXPERIENCE_ROUTES,
  ...CONTACT_ROUTES,
  ...MESSAGE_ROUTES,
  ...WEBHOOK_ROUTES,
  ...OPERATIONS_ROUTES,
  ...DOCS_ROUTES,
  ...PAGE_ROUTES,
];
