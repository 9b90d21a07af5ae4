import { expect } from 'chai';
import { HOME, hrefOf, parseRoute, SECTIONS, type Route } from '../../../web/admin/src/routes.js';

describe('console: routes in the URL fragment', () => {
  const routes: [string, Route][] = [
    ['#/profile', { page: 'profile' }],
    ['#/projects', { page: 'projects', pageNumber: 1 }],
    ['#/projects?page=3', { page: 'projects', pageNumber: 3 }],
    ['#/projects/new', { page: 'project' }],
    ['#/projects/kiln-static-site-generator', { page: 'project', key: 'kiln-static-site-generator' }],
    ['#/skills/01JSKILL', { page: 'skill', key: '01JSKILL' }],
    ['#/experience/new', { page: 'role' }],
    ['#/inbox?status=new', { page: 'inbox', status: 'new', pageNumber: 1 }],
    ['#/inbox?status=all&page=2', { page: 'inbox', pageNumber: 2 }],
    ['#/inbox/01JMSG', { page: 'message', key: '01JMSG' }],
    ['#/webhooks', { page: 'webhooks' }],
    ['#/webhooks/new', { page: 'webhook' }],
    ['#/webhooks/01JHOOK', { page: 'webhook', key: '01JHOOK' }],
    ['#/webhooks/01JHOOK/deliveries', { page: 'deliveries', key: '01JHOOK', pageNumber: 1 }],
    [
      '#/webhooks/01JHOOK/deliveries?status=failed&page=2',
      { page: 'deliveries', key: '01JHOOK', status: 'failed', pageNumber: 2 },
    ],
  ];

  it('when a fragment is parsed, then it names the page and its key, and the route writes the same fragment back', () => {
    for (const [hash, route] of routes) {
      expect(parseRoute(hash), hash).to.deep.equal(route);
      expect(hrefOf(route), hash).to.equal(hash);
    }
  });

  it('when the fragment is empty, unknown or has a bad page or status, then the console opens on the new messages', () => {
    expect(parseRoute('')).to.deep.equal(HOME);
    expect(parseRoute('#/nowhere')).to.deep.equal(HOME);
    expect(parseRoute('#/projects?page=-4')).to.deep.equal({ page: 'projects', pageNumber: 1 });
    expect(parseRoute('#/inbox?status=spam')).to.deep.equal({ page: 'inbox', pageNumber: 1 });
    expect(parseRoute('#/webhooks/w1/deliveries?status=lost&page=0')).to.deep.equal({
      page: 'deliveries',
      key: 'w1',
      pageNumber: 1,
    });
  });

  it('when a key has characters that mean something in a URL, then it is escaped and read back the same', () => {
    const route: Route = { page: 'message', key: 'a/b?c' };
    expect(parseRoute(hrefOf(route))).to.deep.equal(route);
  });

  it('when the navigation is listed, then every section opens a page it claims', () => {
    expect(SECTIONS.map((section) => section.label)).to.deep.equal([
      'Inbox',
      'Profile',
      'Projects',
      'Skills',
      'Experience',
      'Webhooks',
    ]);
    for (const section of SECTIONS) expect(section.pages).to.include(section.route.page);
  });
});
