import type { Skill } from '../api/resources.js';
import { bindFields, SelectField, TextField } from '../components/fields.js';
import { ResourceEditor } from '../components/resource-editor.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useConsole } from '../console-context.js';
import { EMPTY_SKILL, SKILL_FIELDS, skillBody, skillValues } from '../forms/skill-form.js';
import { hrefOf } from '../routes.js';
import { useResult } from '../use-result.js';
import { PageHeader } from './page-header.js';

const LEVELS = [
  ['1', '1 · Beginner'],
  ['2', '2 · Familiar'],
  ['3', '3 · Proficient'],
  ['4', '4 · Advanced'],
  ['5', '5 · Expert'],
] as const;

export function SkillsPage() {
  const { api } = useConsole();
  const [groups, retry] = useResult(() => api.skills.list(), []);
  return (
    <section>
      <PageHeader title="Skills">
        <a class="button" href={hrefOf({ page: 'skill' })}>
          New skill
        </a>
      </PageHeader>
      {groups.kind === 'loading' && <Loading what="skills" />}
      {groups.kind === 'failed' && <ErrorState message={groups.message} onRetry={retry} />}
      {groups.kind === 'ok' && groups.data.length === 0 && (
        <EmptyState>
          <p>No skill yet.</p>
          <a href={hrefOf({ page: 'skill' })}>Add the first one</a>
        </EmptyState>
      )}
      {groups.kind === 'ok' &&
        groups.data.map((group) => (
          <section key={group.category} class="group" aria-labelledby={`category-${group.category}`}>
            <h2 id={`category-${group.category}`}>{group.category}</h2>
            <ul class="rows">
              {group.skills.map((skill) => (
                <li key={skill.id}>
                  <a href={hrefOf({ page: 'skill', key: skill.id })}>{skill.name}</a>
                  <span class="muted">
                    Level {skill.level}
                    {skill.years === undefined ? '' : ` · ${skill.years} ${skill.years === 1 ? 'year' : 'years'}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </section>
  );
}

export function SkillEditorPage({ id }: { id?: string }) {
  const { api, navigate } = useConsole();
  const [groups] = useResult(() => api.skills.list(), []);
  const categories = groups.kind === 'ok' ? groups.data.map((group) => group.category) : [];
  return (
    <section>
      <PageHeader
        title={id === undefined ? 'New skill' : 'Edit skill'}
        back={{ label: 'Skills', route: { page: 'skills' } }}
      />
      <datalist id="categories">
        {categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <ResourceEditor<Skill, typeof EMPTY_SKILL>
        noun="skill"
        itemKey={id}
        keyOf={(skill) => skill.id}
        load={(key) => api.skills.get(key)}
        empty={EMPTY_SKILL}
        toValues={skillValues}
        save={(values, item) =>
          item ? api.skills.replace(item.data.id, skillBody(values), item.etag) : api.skills.create(skillBody(values))
        }
        remove={(item) => api.skills.delete(item.data.id, item.etag)}
        onSaved={(item, created) => {
          if (created) navigate({ page: 'skill', key: item.data.id }, { replace: true });
        }}
        onRemoved={() => navigate({ page: 'skills' })}
        fields={Object.values(SKILL_FIELDS)}
        takenField="name"
        renderFields={(values, errors, set) => {
          const field = bindFields(values, errors, set);
          return (
            <>
              <TextField {...field('name')} label="Name" required />
              <TextField
                {...field('category')}
                label="Category"
                required
                list="categories"
                hint="Pick one or type a new one."
              />
              <div class="field-row">
                <SelectField {...field('level')} label="Level" options={LEVELS} />
                <TextField {...field('years')} label="Years of experience" type="number" min={0} max={60} />
              </div>
            </>
          );
        }}
      />
    </section>
  );
}
