import type { ComponentChildren } from 'preact';
import { useEffect, useReducer } from 'preact/hooks';
import { unclaimedErrors, type FieldErrors } from '../api/problem.js';
import type { Loaded, Result } from '../api/results.js';
import { endsSession, useConsole } from '../console-context.js';
import { editorReducer, newEditor, type EditorAction, type EditorState } from '../editor.js';
import { ConfirmButton } from './confirm-button.js';
import { NoticeBanner } from './notice-banner.js';
import { ErrorState, Loading } from './states.js';

export interface EditorProps<T, V> {
  /** "project", "skill"…: used in messages. */
  readonly noun: string;
  /** The item's key (a slug, an id) when the page opens on one; none for a new item. */
  readonly itemKey?: string;
  readonly keyOf: (item: T) => string;
  readonly load: (key: string) => Promise<Result<T>>;
  readonly empty: V;
  readonly toValues: (item: T) => V;
  /** Creates or replaces the item, with the ETag it was read with. */
  readonly save: (values: V, item: Loaded<T> | undefined) => Promise<Result<T>>;
  readonly remove?: (item: Loaded<T>) => Promise<Result<unknown>>;
  readonly onSaved?: (item: Loaded<T>, created: boolean) => void;
  readonly onRemoved?: () => void;
  /** The field paths the form shows; a message about any other path shows above it. */
  readonly fields: readonly string[];
  readonly takenField?: string;
  /** A `404` on load opens an empty form instead of saying the item is missing (the profile, until it is written). */
  readonly newWhenMissing?: boolean;
  readonly renderFields: (values: V, errors: FieldErrors, set: (values: V) => void) => ComponentChildren;
  /** More writes on an existing item (publish, archive…): each answers the item as it now is. */
  readonly actions?: (
    item: Loaded<T>,
    run: (write: () => Promise<Result<T>>, message: string) => void,
    busy: boolean,
  ) => ComponentChildren;
}

/**
 * An item's page: read it (loading and error states), edit it, save it with
 * `If-Match`, show each validation message beside its field, and on a `412`
 * offer to reload it.
 */
export function ResourceEditor<T, V>(props: EditorProps<T, V>) {
  const { noun, itemKey, keyOf, load, empty, toValues, save, remove, onSaved, onRemoved, fields, takenField } = props;
  const context = useConsole();
  const [state, dispatch] = useReducer<EditorState<T, V>, EditorAction<T, V>>(
    editorReducer,
    newEditor<T, V>(empty, itemKey !== undefined),
  );
  // The key can change while the page is open: a new item gets one, a project can be given a new slug.
  const currentKey = state.item ? keyOf(state.item.data) : itemKey;

  const reload = async (key: string | undefined = currentKey) => {
    if (key === undefined) return;
    const result = await load(key);
    if (result.kind === 'ok') dispatch({ type: 'loaded', item: result.item, values: toValues(result.item.data) });
    else if (result.kind === 'missing' && props.newWhenMissing) dispatch({ type: 'start-new', values: empty });
    else if (!endsSession(result, context)) dispatch({ type: 'load-failed', failure: result });
  };

  useEffect(() => {
    void reload(itemKey);
  }, []);

  const run = async (write: () => Promise<Result<T>>, message: string, created = false) => {
    dispatch({ type: 'working' });
    const result = await write();
    if (result.kind === 'ok') {
      dispatch({ type: 'saved', item: result.item, values: toValues(result.item.data), message });
      onSaved?.(result.item, created);
    } else if (!endsSession(result, context)) {
      dispatch({ type: 'refused', failure: result, ...(takenField ? { takenField } : {}) });
    }
  };

  const removeItem = async (item: Loaded<T>) => {
    if (!remove) return;
    dispatch({ type: 'working' });
    const result = await remove(item);
    if (result.kind === 'ok') onRemoved?.();
    else if (!endsSession(result, context)) dispatch({ type: 'refused', failure: result });
  };

  if (state.phase === 'loading') return <Loading what={`the ${noun}`} />;
  if (state.phase === 'missing') return <ErrorState message={`This ${noun} does not exist (any more).`} />;
  if (state.phase === 'load-failed')
    return <ErrorState message={state.notice?.message ?? 'Loading failed.'} onRetry={() => void reload()} />;

  const { item, values, errors, busy, notice } = state;
  const others = unclaimedErrors(errors, fields);
  return (
    <form
      class="editor"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => save(values, item), item ? `The ${noun} was saved.` : `The ${noun} was created.`, !item);
      }}
    >
      <NoticeBanner notice={notice} onReload={() => void reload()} />
      {others.length > 0 && (
        <ul class="form-errors" role="alert">
          {others.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
      <div class="fields">
        {props.renderFields(values, errors, (next) => dispatch({ type: 'edited', values: next }))}
      </div>
      <div class="toolbar">
        <button type="submit" class="button" disabled={busy}>
          {item ? 'Save changes' : `Create ${noun}`}
        </button>
        {item && props.actions?.(item, (write, message) => void run(write, message), busy)}
        {item && remove && (
          <ConfirmButton
            label="Delete"
            question={`Delete this ${noun}?`}
            disabled={busy}
            onConfirm={() => void removeItem(item)}
          />
        )}
      </div>
    </form>
  );
}
