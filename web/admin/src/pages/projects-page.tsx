import { hrefOf } from '../routes.js';
import { Pager } from '../components/pager.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useConsole } from '../console-context.js';
import { formatDate } from '../format.js';
import { useResult } from '../use-result.js';
import { PageHeader } from './page-header.js';

export function ProjectsPage({ pageNumber }: { pageNumber: number }) {
  const { api } = useConsole();
  const [list, retry] = useResult(() => api.projects.list(pageNumber), [pageNumber]);
  return (
    <section>
      <PageHeader title="Projects">
        <a class="button" href={hrefOf({ page: 'project' })}>
          New project
        </a>
      </PageHeader>
      {list.kind === 'loading' && <Loading what="projects" />}
      {list.kind === 'failed' && <ErrorState message={list.message} onRetry={retry} />}
      {list.kind === 'ok' && list.data.items.length === 0 && (
        <EmptyState>
          <p>No project yet.</p>
          <a href={hrefOf({ page: 'project' })}>Create the first one</a>
        </EmptyState>
      )}
      {list.kind === 'ok' && list.data.items.length > 0 && (
        <>
          <table class="table">
            <caption class="visually-hidden">Projects, most recently changed first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((project) => (
                <tr key={project.id}>
                  <th scope="row">
                    <a href={hrefOf({ page: 'project', key: project.slug })}>{project.title}</a>
                    {project.featured && <span class="badge">Featured</span>}
                  </th>
                  <td>
                    <span class={`status status-${project.status}`}>
                      {project.status === 'published' ? 'Published' : 'Draft'}
                    </span>
                  </td>
                  <td>{formatDate(project.startedAt)}</td>
                  <td>{formatDate(project.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager meta={list.data.meta} routeOf={(n) => ({ page: 'projects', pageNumber: n })} />
        </>
      )}
    </section>
  );
}
