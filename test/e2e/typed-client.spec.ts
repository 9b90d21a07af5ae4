import { expect } from 'chai';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { responseContract } from '../support/openapi-contract.js';
import { startService, type ServiceProcess } from '../support/process.js';
import type { components, paths } from '../../web/generated/api.js';

type Problem = components['schemas']['Problem'];

const ADMIN_TOKEN = 'e2e-admin-token-that-is-long-enough-0123456789';

/**
 * The client a front end would generate (openapi-typescript types, used by
 * openapi-fetch) against the service started as a process, on the sample
 * portfolio. Every answer is also checked against the document.
 */
describe('typed client (openapi-typescript + openapi-fetch) against the running service', function () {
  this.timeout(20_000);

  let service: ServiceProcess;
  let client: Client<paths>;
  const violations: string[] = [];
  const contract = responseContract();

  const checkAgainstDocument: Middleware = {
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      const isJson = /json/.test(response.headers.get('content-type') ?? '');
      violations.push(
        ...contract.violations({
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: isJson && text !== '' ? JSON.parse(text) : undefined,
          hasBody: text !== '',
        }),
      );
    },
  };

  const asAdmin = { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } };

  before(async () => {
    service = await startService({ STORAGE: 'memory', SEED_SAMPLE_DATA: 'true', ADMIN_TOKEN, NODE_ENV: 'test' });
    client = createClient<paths>({ baseUrl: service.url });
    client.use(checkAgainstDocument);
  });

  after(async () => {
    if (!service) return;
    service.child.kill('SIGTERM');
    await service.exit();
  });

  afterEach(() => {
    expect(violations.splice(0), 'answers the document does not describe').to.deep.equal([]);
  });

  it('lists published projects filtered by tag, sorted and paged, with meta, X-Total-Count and Link', async () => {
    const { data, error, response } = await client.GET('/api/v1/projects', {
      params: { query: { tag: ['open-source'], sort: 'title', limit: 2 } },
    });
    expect(error).to.equal(undefined);
    expect(data!.data.map((project) => project.slug)).to.deep.equal([
      'kiln-static-site-generator',
      'quill-markdown-linter',
    ]);
    expect(data!.meta).to.deep.equal({ page: 1, limit: 2, total: 3, totalPages: 2 });
    expect(response.headers.get('X-Total-Count')).to.equal('3');
    expect(response.headers.get('Link')).to.include('rel="next"').and.to.include('tag=open-source');
  });

  it('creates a project with the admin token, then reads it back with the same ETag', async () => {
    const created = await client.POST('/api/v1/projects', {
      ...asAdmin,
      body: {
        title: 'Typed Client Demo',
        summary: 'Created through the generated client.',
        tags: [' E2E ', 'e2e', 'Demo'],
        status: 'published',
        startedAt: '2026-03-01',
      },
    });
    expect(created.error).to.equal(undefined);
    expect(created.response.status).to.equal(201);
    const project = created.data!.data;
    expect(project).to.include({ slug: 'typed-client-demo', title: 'Typed Client Demo', status: 'published' });
    expect(project.tags).to.deep.equal(['e2e', 'demo']);
    expect(created.response.headers.get('Location')).to.equal('/api/v1/projects/typed-client-demo');

    const read = await client.GET('/api/v1/projects/{slug}', { params: { path: { slug: project.slug } } });
    expect(read.data!.data).to.deep.equal(project);
    expect(read.response.headers.get('ETag')).to.equal(created.response.headers.get('ETag'));

    const listed = await client.GET('/api/v1/projects', { params: { query: { tag: ['e2e'] } } });
    expect(listed.data!.data.map((p) => p.slug)).to.deep.equal(['typed-client-demo']);
  });

  it('gets a validation problem, typed, naming every bad field', async () => {
    const { data, error, response } = await client.POST('/api/v1/projects', {
      ...asAdmin,
      body: { title: '   ', summary: 'Fine', startedAt: '2026-02-30', links: { repo: 'http://insecure.example' } },
    });
    expect(data).to.equal(undefined);
    expect(response.status).to.equal(400);
    expect(response.headers.get('Content-Type')).to.equal('application/problem+json; charset=utf-8');
    const problem: Problem = error!;
    expect(problem).to.include({ type: '/problems/validation-error', status: 400, instance: '/api/v1/projects' });
    expect(problem.requestId).to.equal(response.headers.get('X-Request-Id'));
    expect(problem.errors!.map((issue) => issue.path)).to.have.members(['title', 'startedAt', 'links.repo']);
  });

  it('gets 401 with WWW-Authenticate without the token, and 404 for a slug that does not exist', async () => {
    const unauthorized = await client.DELETE('/api/v1/projects/{slug}', {
      params: { path: { slug: 'trailhead-route-planner' } },
    });
    expect(unauthorized.error).to.include({ type: '/problems/unauthorized', status: 401 });
    expect(unauthorized.response.headers.get('WWW-Authenticate')).to.equal('Bearer realm="portfolio-api"');

    const missing = await client.GET('/api/v1/projects/{slug}', { params: { path: { slug: 'no-such-project' } } });
    expect(missing.error).to.include({ type: '/problems/not-found', status: 404 });
  });

  it('sends a contact message publicly and finds it in the admin inbox', async () => {
    const sent = await client.POST('/api/v1/contact', {
      body: { name: 'Grace Hopper', email: 'grace@example.com', message: 'Hello from the typed client!' },
    });
    expect(sent.response.status).to.equal(202);
    const inbox = await client.GET('/api/v1/messages', { ...asAdmin, params: { query: { status: 'new' } } });
    expect(inbox.data!.data.map((message) => message.id)).to.include(sent.data!.data.id);
  });
});
