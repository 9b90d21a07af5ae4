import { errorsFor } from '../api/problem.js';
import { bindFields, CheckboxField, TextField } from '../components/fields.js';
import { ResourceEditor } from '../components/resource-editor.js';
import { useConsole } from '../console-context.js';
import { EMPTY_PROFILE, PROFILE_FIELDS, profileBody, profileValues, type LinkRow } from '../forms/profile-form.js';
import { PageHeader } from './page-header.js';

export function ProfilePage() {
  const { api } = useConsole();
  return (
    <section>
      <PageHeader title="Profile" />
      <ResourceEditor
        noun="profile"
        itemKey="profile"
        keyOf={() => 'profile'}
        load={() => api.profile.get()}
        newWhenMissing
        empty={EMPTY_PROFILE}
        toValues={profileValues}
        save={(values, item) => api.profile.put(profileBody(values), item?.etag)}
        fields={PROFILE_FIELDS}
        renderFields={(values, errors, set) => {
          const field = bindFields(values, errors, set);
          return (
            <>
              <TextField {...field('name')} label="Name" required />
              <TextField
                {...field('headline')}
                label="Headline"
                required
                hint="One line under your name, up to 160 characters."
              />
              <TextField {...field('bio')} label="Bio" multiline rows={6} hint="Markdown." />
              <div class="field-row">
                <TextField {...field('location')} label="Location" />
                <TextField {...field('email')} label="Public email" type="email" />
              </div>
              <TextField {...field('avatarUrl')} label="Photo URL" type="url" hint="An https address." />
              <CheckboxField
                id="availableForWork"
                label="Available for work"
                checked={values.availableForWork}
                errors={errorsFor(errors, 'availableForWork')}
                onValue={(availableForWork) => set({ ...values, availableForWork })}
              />
              <LinksField links={values.links} errors={errors} onValue={(links) => set({ ...values, links })} />
            </>
          );
        }}
      />
    </section>
  );
}

/** The profile's links as rows of a name and an https URL; a message about `links.github` shows on the row named github. */
function LinksField({
  links,
  errors,
  onValue,
}: {
  links: readonly LinkRow[];
  errors: Readonly<Record<string, readonly string[]>>;
  onValue: (links: LinkRow[]) => void;
}) {
  const update = (index: number, row: LinkRow) => onValue(links.map((old, i) => (i === index ? row : old)));
  const groupErrors = errors.links ?? [];
  return (
    <fieldset class="fieldset">
      <legend>Links</legend>
      {links.length === 0 && <p class="hint">No links yet.</p>}
      {links.map((row, index) => (
        <div class="link-row" key={index}>
          <TextField
            id={`link-name-${index}`}
            label="Name"
            value={row.name}
            errors={[]}
            onValue={(name) => update(index, { ...row, name })}
          />
          <TextField
            id={`link-url-${index}`}
            label="URL"
            type="url"
            value={row.url}
            errors={[...(errors[`links.${row.name.trim()}`] ?? [])]}
            onValue={(url) => update(index, { ...row, url })}
          />
          <button
            type="button"
            class="button button-secondary"
            aria-label={`Remove link ${row.name || index + 1}`}
            onClick={() => onValue(links.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      {groupErrors.length > 0 && (
        <ul class="field-errors">
          {groupErrors.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
      <button type="button" class="button button-secondary" onClick={() => onValue([...links, { name: '', url: '' }])}>
        Add a link
      </button>
    </fieldset>
  );
}
