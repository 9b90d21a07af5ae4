import { NO_ERRORS, type FieldErrors } from './api/problem.js';
import type { Failure, Loaded } from './api/results.js';

/**
 * The state of an item's editor, as a reducer that knows nothing of the
 * browser: what was last read (with its ETag), what is typed, the messages
 * beside the fields, and a notice above them. A `412` keeps what is typed and
 * says so; reloading replaces it with the current version and its ETag, so
 * the next save is checked against what the owner now sees.
 */
export type Notice =
  | { readonly kind: 'saved'; readonly message: string }
  | { readonly kind: 'conflict'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

export interface EditorState<T, V> {
  readonly phase: 'loading' | 'ready' | 'missing' | 'load-failed';
  /** The item as last read or written; none for an item not created yet. */
  readonly item: Loaded<T> | undefined;
  readonly values: V;
  readonly busy: boolean;
  readonly errors: FieldErrors;
  readonly notice: Notice | undefined;
}

export type EditorAction<T, V> =
  | { readonly type: 'loaded'; readonly item: Loaded<T>; readonly values: V }
  | { readonly type: 'load-failed'; readonly failure: Failure }
  /** Nothing to load (the profile before it is first written): the form starts empty. */
  | { readonly type: 'start-new'; readonly values: V }
  | { readonly type: 'edited'; readonly values: V }
  | { readonly type: 'working' }
  | { readonly type: 'saved'; readonly item: Loaded<T>; readonly values: V; readonly message: string }
  /** `takenField`: the field a `409` is about (a project's slug, a skill's name). */
  | { readonly type: 'refused'; readonly failure: Failure; readonly takenField?: string };

export function newEditor<T, V>(values: V, loading: boolean): EditorState<T, V> {
  return {
    phase: loading ? 'loading' : 'ready',
    item: undefined,
    values,
    busy: false,
    errors: NO_ERRORS,
    notice: undefined,
  };
}

export function editorReducer<T, V>(state: EditorState<T, V>, action: EditorAction<T, V>): EditorState<T, V> {
  switch (action.type) {
    case 'loaded':
      return {
        phase: 'ready',
        item: action.item,
        values: action.values,
        busy: false,
        errors: NO_ERRORS,
        notice: undefined,
      };
    case 'load-failed':
      return {
        ...state,
        phase: action.failure.kind === 'missing' ? 'missing' : 'load-failed',
        busy: false,
        notice: { kind: 'error', message: action.failure.message },
      };
    case 'start-new':
      return {
        phase: 'ready',
        item: undefined,
        values: action.values,
        busy: false,
        errors: NO_ERRORS,
        notice: undefined,
      };
    case 'edited':
      return { ...state, values: action.values, notice: state.notice?.kind === 'saved' ? undefined : state.notice };
    case 'working':
      return { ...state, busy: true };
    case 'saved':
      return {
        ...state,
        item: action.item,
        values: action.values,
        busy: false,
        errors: NO_ERRORS,
        notice: { kind: 'saved', message: action.message },
      };
    case 'refused':
      return { ...state, busy: false, ...refusal(action.failure, action.takenField) };
  }
}

function refusal(
  failure: Failure,
  takenField: string | undefined,
): Pick<EditorState<unknown, unknown>, 'errors' | 'notice'> {
  switch (failure.kind) {
    case 'conflict':
      return { errors: NO_ERRORS, notice: { kind: 'conflict', message: failure.message } };
    case 'invalid':
      return { errors: failure.errors, notice: { kind: 'error', message: `Not saved: ${failure.message}.` } };
    case 'taken':
      return takenField
        ? {
            errors: { [takenField]: [failure.message] },
            notice: { kind: 'error', message: `Not saved: ${failure.message}.` },
          }
        : { errors: NO_ERRORS, notice: { kind: 'error', message: failure.message } };
    default:
      return { errors: NO_ERRORS, notice: { kind: 'error', message: failure.message } };
  }
}
