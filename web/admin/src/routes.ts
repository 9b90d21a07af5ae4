import type { MessageStatus } from './api/resources.js';
import { parseWebhookRoute, webhookHref, type WebhookRoute } from './webhook-routes.js';

/**
 * Where the console is, kept in the URL's fragment (`/admin#/projects/kiln`):
 * the server serves one page at /admin, and the back button, reloads and
 * bookmarks work. The token is never part of it.
 */
export type Route =
  | { readonly page: 'profile' }
  | { readonly page: 'projects'; readonly pageNumber: number }
  /** `key` is the slug; none for a new project. */
  | { readonly page: 'project'; readonly key?: string }
  | { readonly page: 'skills' }
  | { readonly page: 'skill'; readonly key?: string }
  | { readonly page: 'experience' }
  | { readonly page: 'role'; readonly key?: string }
  | { readonly page: 'inbox'; readonly status?: MessageStatus; readonly pageNumber: number }
  | { readonly page: 'message'; readonly key: string }
  | WebhookRoute;

export const HOME: Route = { page: 'inbox', status: 'new', pageNumber: 1 };

const STATUSES: readonly string[] = ['new', 'read', 'archived'];

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const pageNumber = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const [section, rawKey] = path.split('/').filter(Boolean);
  const key = rawKey === undefined ? undefined : decodeURIComponent(rawKey);
  switch (section) {
    case 'profile':
      return { page: 'profile' };
    case 'projects':
      return key === undefined
        ? { page: 'projects', pageNumber }
        : { page: 'project', ...(key === 'new' ? {} : { key }) };
    case 'skills':
      return key === undefined ? { page: 'skills' } : { page: 'skill', ...(key === 'new' ? {} : { key }) };
    case 'experience':
      return key === undefined ? { page: 'experience' } : { page: 'role', ...(key === 'new' ? {} : { key }) };
    case 'inbox': {
      if (key !== undefined) return { page: 'message', key };
      const status = query.get('status') ?? 'new';
      return STATUSES.includes(status)
        ? { page: 'inbox', status: status as MessageStatus, pageNumber }
        : { page: 'inbox', pageNumber };
    }
    case 'webhooks':
      return parseWebhookRoute(path.split('/').filter(Boolean).slice(1), query);
    default:
      return HOME;
  }
}

export function hrefOf(route: Route): string {
  const item = (section: string, key: string | undefined) =>
    `#/${section}/${key === undefined ? 'new' : encodeURIComponent(key)}`;
  const paged = (path: string, params: Record<string, string>, pageNumber: number) => {
    const query = new URLSearchParams({
      ...params,
      ...(pageNumber > 1 ? { page: String(pageNumber) } : {}),
    }).toString();
    return query ? `${path}?${query}` : path;
  };
  switch (route.page) {
    case 'profile':
      return '#/profile';
    case 'projects':
      return paged('#/projects', {}, route.pageNumber);
    case 'project':
      return item('projects', route.key);
    case 'skills':
      return '#/skills';
    case 'skill':
      return item('skills', route.key);
    case 'experience':
      return '#/experience';
    case 'role':
      return item('experience', route.key);
    case 'inbox':
      return paged('#/inbox', { status: route.status ?? 'all' }, route.pageNumber);
    case 'message':
      return `#/inbox/${encodeURIComponent(route.key)}`;
    default:
      return webhookHref(route);
  }
}

/** The console's sections, in the navigation's order; the route a section's link opens. */
export const SECTIONS: readonly {
  readonly label: string;
  readonly route: Route;
  readonly pages: readonly Route['page'][];
}[] = [
  { label: 'Inbox', route: HOME, pages: ['inbox', 'message'] },
  { label: 'Profile', route: { page: 'profile' }, pages: ['profile'] },
  { label: 'Projects', route: { page: 'projects', pageNumber: 1 }, pages: ['projects', 'project'] },
  { label: 'Skills', route: { page: 'skills' }, pages: ['skills', 'skill'] },
  { label: 'Experience', route: { page: 'experience' }, pages: ['experience', 'role'] },
  { label: 'Webhooks', route: { page: 'webhooks' }, pages: ['webhooks', 'webhook', 'deliveries'] },
];
