import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { errorsFor, type FieldErrors } from '../api/problem.js';

interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly errors: readonly string[];
  readonly hint?: string;
  readonly required?: boolean;
}

/** A label, an optional hint and the field's messages, tied to the control for screen readers. */
function Field({ id, label, errors, hint, required, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={errors.length > 0 ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {label}
        {required && <span class="required"> (required)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

function FieldErrors({ id, errors }: Pick<FieldProps, 'id' | 'errors'>) {
  if (errors.length === 0) return null;
  return (
    <ul id={`${id}-errors`} class="field-errors">
      {errors.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}

/** The ARIA attributes that point a control at its hint and its messages. */
export function described({ id, errors, hint }: Pick<FieldProps, 'id' | 'errors' | 'hint'>) {
  const ids = [hint && `${id}-hint`, errors.length > 0 && `${id}-errors`].filter(Boolean).join(' ');
  return {
    'aria-invalid': errors.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

type StringMembers<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * Ties a text or select field to one string of a form's values: its id (the
 * member's name), its value, its messages (those the problem's `errors[]`
 * gives for `paths[member]`, where the API names the field otherwise, or for
 * the member's own name) and what editing it does.
 */
export function bindFields<V>(
  values: V,
  errors: FieldErrors,
  set: (values: V) => void,
  paths: Partial<Readonly<Record<keyof V, string>>> = {},
) {
  return (member: StringMembers<V>) => ({
    id: member,
    value: values[member] as string,
    errors: errorsFor(errors, paths[member] ?? member),
    onValue: (value: string) => set({ ...values, [member]: value }),
  });
}

interface TextProps extends FieldProps {
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly type?: 'text' | 'email' | 'url' | 'date' | 'number';
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly list?: string;
  readonly min?: number;
  readonly max?: number;
}

export function TextField(props: TextProps) {
  const { id, value, onValue, type = 'text', multiline, rows = 4, required, list, min, max } = props;
  const common = { id, name: id, value, required, ...described(props) };
  const onInput = (event: Event) => onValue((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
  return (
    <Field {...props}>
      {multiline ? (
        <textarea {...common} rows={rows} onInput={onInput} />
      ) : list ? (
        <input {...common} type="text" list={list} onInput={onInput} />
      ) : (
        // Preact types each input `type` apart; the props are valid for every type this field takes.
        <input {...({ ...common, type, min, max, onInput } as InputHTMLAttributes)} />
      )}
    </Field>
  );
}

export function CheckboxField({
  id,
  label,
  checked,
  onValue,
  errors,
  hint,
}: FieldProps & { readonly checked: boolean; readonly onValue: (checked: boolean) => void }) {
  return (
    <div class={errors.length > 0 ? 'field field-check field-invalid' : 'field field-check'}>
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onValue(event.currentTarget.checked)}
        {...described({ id, errors, hint })}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export function SelectField({
  options,
  value,
  onValue,
  ...props
}: FieldProps & {
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly options: readonly (readonly [value: string, label: string])[];
}) {
  return (
    <Field {...props}>
      <select
        id={props.id}
        name={props.id}
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
        {...described(props)}
      >
        {options.map(([option, label]) => (
          <option key={option} value={option}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
