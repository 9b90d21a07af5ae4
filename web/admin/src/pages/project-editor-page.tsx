import { errorsFor } from '../api/problem.js';
import type { Project } from '../api/resources.js';
import { bindFields, CheckboxField, SelectField, TextField } from '../components/fields.js';
import { ResourceEditor } from '../components/resource-editor.js';
import { useConsole } from '../console-context.js';
import { EMPTY_PROJECT, PROJECT_FIELDS, projectBody, projectValues } from '../forms/project-form.js';
import { PageHeader } from './page-header.js';

export function ProjectEditorPage({ slug }: { slug?: string }) {
  const { api, navigate } = useConsole();
  return (
    <section>
      <PageHeader
        title={slug === undefined ? 'New project' : 'Edit project'}
        back={{ label: 'Projects', route: { page: 'projects', pageNumber: 1 } }}
      />
      <ResourceEditor<Project, typeof EMPTY_PROJECT>
        noun="project"
        itemKey={slug}
        keyOf={(project) => project.slug}
        load={(key) => api.projects.get(key)}
        empty={EMPTY_PROJECT}
        toValues={projectValues}
        save={(values, item) =>
          item
            ? api.projects.replace(item.data.slug, projectBody(values), item.etag)
            : api.projects.create(projectBody(values))
        }
        remove={(item) => api.projects.delete(item.data.slug, item.etag)}
        onSaved={(item) => {
          if (item.data.slug !== slug) navigate({ page: 'project', key: item.data.slug }, { replace: true });
        }}
        onRemoved={() => navigate({ page: 'projects', pageNumber: 1 })}
        fields={Object.values(PROJECT_FIELDS)}
        takenField="slug"
        actions={(item, run, busy) => {
          const published = item.data.status === 'published';
          return (
            <button
              type="button"
              class="button button-secondary"
              disabled={busy}
              onClick={() =>
                run(
                  () => api.projects.setStatus(item.data.slug, published ? 'draft' : 'published', item.etag),
                  published ? 'The project is a draft again: only you can see it.' : 'The project is published.',
                )
              }
            >
              {published ? 'Unpublish' : 'Publish'}
            </button>
          );
        }}
        renderFields={(values, errors, set) => {
          const text = bindFields(values, errors, set, PROJECT_FIELDS);
          return (
            <>
              <TextField {...text('title')} label="Title" required />
              <TextField
                {...text('slug')}
                label="Slug"
                hint="Its address: lower-case letters, digits and hyphens. Leave it empty to make one from the title."
              />
              <TextField
                {...text('summary')}
                label="Summary"
                required
                multiline
                rows={2}
                hint="One or two sentences, up to 300 characters."
              />
              <TextField {...text('description')} label="Description" multiline rows={6} hint="Markdown." />
              <div class="field-row">
                <TextField {...text('startedAt')} label="Started" type="date" required />
                <TextField {...text('endedAt')} label="Ended" type="date" hint="Empty while it goes on." />
              </div>
              <div class="field-row">
                <TextField {...text('tags')} label="Tags" hint="Separated by commas." />
                <TextField {...text('tech')} label="Technologies" hint="Separated by commas." />
              </div>
              <fieldset class="fieldset">
                <legend>Links</legend>
                <TextField {...text('repo')} label="Source code" type="url" />
                <TextField {...text('live')} label="Live site" type="url" />
                <TextField {...text('caseStudy')} label="Case study" type="url" />
              </fieldset>
              <div class="field-row">
                <SelectField
                  id="status"
                  label="Status"
                  value={values.status}
                  options={[
                    ['draft', 'Draft (only you see it)'],
                    ['published', 'Published'],
                  ]}
                  errors={errorsFor(errors, 'status')}
                  onValue={(status) => set({ ...values, status: status as Project['status'] })}
                />
                <CheckboxField
                  id="featured"
                  label="Featured (shown first)"
                  checked={values.featured}
                  errors={errorsFor(errors, 'featured')}
                  onValue={(featured) => set({ ...values, featured })}
                />
              </div>
            </>
          );
        }}
      />
    </section>
  );
}
