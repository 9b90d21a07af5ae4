import type { Experience } from '../api/resources.js';
import { bindFields, TextField } from '../components/fields.js';
import { ResourceEditor } from '../components/resource-editor.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useConsole } from '../console-context.js';
import { formatDate } from '../format.js';
import { EMPTY_EXPERIENCE, EXPERIENCE_FIELDS, experienceBody, experienceValues } from '../forms/experience-form.js';
import { hrefOf } from '../routes.js';
import { useResult } from '../use-result.js';
import { PageHeader } from './page-header.js';

export function ExperiencePage() {
  const { api } = useConsole();
  const [roles, retry] = useResult(() => api.experience.list(), []);
  return (
    <section>
      <PageHeader title="Experience">
        <a class="button" href={hrefOf({ page: 'role' })}>
          New role
        </a>
      </PageHeader>
      {roles.kind === 'loading' && <Loading what="roles" />}
      {roles.kind === 'failed' && <ErrorState message={roles.message} onRetry={retry} />}
      {roles.kind === 'ok' && roles.data.length === 0 && (
        <EmptyState>
          <p>No role yet.</p>
          <a href={hrefOf({ page: 'role' })}>Add the first one</a>
        </EmptyState>
      )}
      {roles.kind === 'ok' && roles.data.length > 0 && (
        <ul class="rows">
          {roles.data.map((role) => (
            <li key={role.id}>
              <a href={hrefOf({ page: 'role', key: role.id })}>
                {role.role} at {role.company}
              </a>
              <span class="muted">
                {formatDate(role.startDate)} – {role.endDate ? formatDate(role.endDate) : 'present'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RoleEditorPage({ id }: { id?: string }) {
  const { api, navigate } = useConsole();
  return (
    <section>
      <PageHeader
        title={id === undefined ? 'New role' : 'Edit role'}
        back={{ label: 'Experience', route: { page: 'experience' } }}
      />
      <ResourceEditor<Experience, typeof EMPTY_EXPERIENCE>
        noun="role"
        itemKey={id}
        keyOf={(role) => role.id}
        load={(key) => api.experience.get(key)}
        empty={EMPTY_EXPERIENCE}
        toValues={experienceValues}
        save={(values, item) =>
          item
            ? api.experience.replace(item.data.id, experienceBody(values), item.etag)
            : api.experience.create(experienceBody(values))
        }
        remove={(item) => api.experience.delete(item.data.id, item.etag)}
        onSaved={(item, created) => {
          if (created) navigate({ page: 'role', key: item.data.id }, { replace: true });
        }}
        onRemoved={() => navigate({ page: 'experience' })}
        fields={Object.values(EXPERIENCE_FIELDS)}
        renderFields={(values, errors, set) => {
          const text = bindFields(values, errors, set, EXPERIENCE_FIELDS);
          return (
            <>
              <div class="field-row">
                <TextField {...text('role')} label="Role" required />
                <TextField {...text('company')} label="Company" required />
              </div>
              <TextField {...text('location')} label="Location" />
              <div class="field-row">
                <TextField {...text('startDate')} label="Started" type="date" required />
                <TextField {...text('endDate')} label="Ended" type="date" hint="Empty for a current role." />
              </div>
              <TextField {...text('highlights')} label="Highlights" multiline rows={5} hint="One per line." />
              <TextField {...text('tech')} label="Technologies" hint="Separated by commas." />
            </>
          );
        }}
      />
    </section>
  );
}
