import { expect } from 'chai';
import { CONFLICT_MESSAGE, type Failure } from '../../../web/admin/src/api/results.js';
import { editorReducer, newEditor, type EditorAction, type EditorState } from '../../../web/admin/src/editor.js';

type Item = { slug: string; title: string };
type Values = { title: string };

const run = (state: EditorState<Item, Values>, ...actions: EditorAction<Item, Values>[]) =>
  actions.reduce(editorReducer, state);
const loaded = (title: string, etag: string): EditorAction<Item, Values> => ({
  type: 'loaded',
  item: { data: { slug: 'kiln', title }, etag },
  values: { title },
});
const conflict: Failure = { kind: 'conflict', message: CONFLICT_MESSAGE };

describe('console: the editor state (editorReducer)', () => {
  const opened = run(newEditor<Item, Values>({ title: '' }, true), loaded('Kiln', '"v1"'));

  it('when an item is opened, then it is loading, then ready with the values and ETag read', () => {
    expect(newEditor({ title: '' }, true).phase).to.equal('loading');
    expect(opened).to.deep.equal({
      phase: 'ready',
      item: { data: { slug: 'kiln', title: 'Kiln' }, etag: '"v1"' },
      values: { title: 'Kiln' },
      busy: false,
      errors: {},
      notice: undefined,
    });
  });

  it('when a save meets a 412, then what was typed stays, the ETag stays the one read, and the notice offers a reload', () => {
    const state = run(
      opened,
      { type: 'edited', values: { title: 'Mine' } },
      { type: 'working' },
      { type: 'refused', failure: conflict },
    );
    expect(state.values).to.deep.equal({ title: 'Mine' });
    expect(state.item!.etag).to.equal('"v1"');
    expect(state.busy).to.be.false;
    expect(state.notice).to.deep.equal({ kind: 'conflict', message: CONFLICT_MESSAGE });
  });

  it('when the owner reloads after a 412, then the current version and its ETag replace what was typed, and the notice goes', () => {
    const state = run(
      opened,
      { type: 'edited', values: { title: 'Mine' } },
      { type: 'refused', failure: conflict },
      loaded('Theirs', '"v2"'),
    );
    expect(state.values).to.deep.equal({ title: 'Theirs' });
    expect(state.item!.etag).to.equal('"v2"');
    expect(state.notice).to.equal(undefined);
  });

  it('when the conflict notice shows and the owner keeps typing, then it stays until a reload', () => {
    const state = run(opened, { type: 'refused', failure: conflict }, { type: 'edited', values: { title: 'More' } });
    expect(state.notice!.kind).to.equal('conflict');
  });

  it('when a save is invalid, then the messages go by field, and a later save clears them', () => {
    const invalid: Failure = {
      kind: 'invalid',
      message: '1 field is invalid',
      errors: { title: ['Must not be empty'] },
    };
    const refused = run(opened, { type: 'refused', failure: invalid });
    expect(refused.errors).to.deep.equal({ title: ['Must not be empty'] });
    expect(refused.notice).to.deep.equal({ kind: 'error', message: 'Not saved: 1 field is invalid.' });
    const saved = run(refused, {
      type: 'saved',
      item: { data: { slug: 'kiln', title: 'T' }, etag: '"v2"' },
      values: { title: 'T' },
      message: 'Saved.',
    });
    expect(saved.errors).to.deep.equal({});
    expect(saved.item!.etag).to.equal('"v2"');
    expect(saved.notice).to.deep.equal({ kind: 'saved', message: 'Saved.' });
    expect(run(saved, { type: 'edited', values: { title: 'U' } }).notice).to.equal(undefined);
  });

  it('when a unique value is taken (409), then the message shows beside the field the editor names', () => {
    const taken: Failure = { kind: 'taken', message: "The slug 'kiln' is already taken by another project" };
    expect(run(opened, { type: 'refused', failure: taken, takenField: 'slug' }).errors).to.deep.equal({
      slug: ["The slug 'kiln' is already taken by another project"],
    });
    expect(run(opened, { type: 'refused', failure: taken }).notice).to.deep.equal({
      kind: 'error',
      message: taken.message,
    });
  });

  it('when loading finds nothing, then the editor is missing; when loading fails otherwise, it can be retried', () => {
    const loading = newEditor<Item, Values>({ title: '' }, true);
    expect(run(loading, { type: 'load-failed', failure: { kind: 'missing', message: 'gone' } }).phase).to.equal(
      'missing',
    );
    expect(run(loading, { type: 'load-failed', failure: { kind: 'failed', message: 'down' } })).to.include({
      phase: 'load-failed',
    });
    expect(run(loading, { type: 'start-new', values: { title: '' } })).to.include({ phase: 'ready', item: undefined });
  });
});
