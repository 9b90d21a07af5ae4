import { expect } from 'chai';
import { parseHTML } from 'linkedom';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { CONFLICT_MESSAGE } from '../../../web/admin/src/api/results.js';
import { TextField } from '../../../web/admin/src/components/fields.js';
import { NoticeBanner } from '../../../web/admin/src/components/notice-banner.js';
import { ResourceEditor } from '../../../web/admin/src/components/resource-editor.js';
import { Console } from '../../../web/admin/src/console-context.js';
import { ProjectEditorPage } from '../../../web/admin/src/pages/project-editor-page.js';
import { SignInPage } from '../../../web/admin/src/sign-in-page.js';
import { fakeApi } from './fake-api.js';

const dom = (vnode: VNode<any>) => parseHTML(`<body>${render(vnode)}</body>`).document;
const noop = () => {};
const inConsole = (vnode: VNode<any>) =>
  h(Console.Provider, { value: { api: fakeApi().api, navigate: noop, signOut: noop } }, vnode);

describe('console: components (rendered to HTML)', () => {
  it('when a field has messages, then they show beside it and the control points at them', () => {
    const document = dom(
      h(TextField, {
        id: 'title',
        label: 'Title',
        required: true,
        value: '',
        errors: ['Must not be empty'],
        hint: 'Short.',
        onValue: noop,
      }),
    );
    const input = document.querySelector('input#title')!;
    expect(document.querySelector('label[for=title]')!.textContent).to.equal('Title (required)');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('title-hint title-errors');
    expect(document.querySelector('#title-errors')!.textContent).to.equal('Must not be empty');
  });

  it('when a field has no message, then it is not marked invalid', () => {
    const document = dom(h(TextField, { id: 'slug', label: 'Slug', value: 'kiln', errors: [], onValue: noop }));
    expect(document.querySelector('input#slug')!.getAttribute('aria-invalid')).to.equal(null);
    expect(document.querySelector('input#slug')!.getAttribute('value')).to.equal('kiln');
    expect(document.querySelector('.field-errors')).to.equal(null);
  });

  it('when a save met a 412, then the notice is an alert that says so and offers to reload', () => {
    const document = dom(h(NoticeBanner, { notice: { kind: 'conflict', message: CONFLICT_MESSAGE }, onReload: noop }));
    expect(document.querySelector('.notice')!.getAttribute('role')).to.equal('alert');
    expect(document.querySelector('.notice p')!.textContent).to.equal(CONFLICT_MESSAGE);
    expect(document.querySelector('button')!.textContent).to.equal('Reload the current version');
  });

  it('when a save succeeded, then the notice is a status and offers nothing', () => {
    const document = dom(
      h(NoticeBanner, { notice: { kind: 'saved', message: 'The project was saved.' }, onReload: noop }),
    );
    expect(document.querySelector('.notice')!.getAttribute('role')).to.equal('status');
    expect(document.querySelector('button')).to.equal(null);
  });

  it('when the sign-in page opens after a session ended, then it says why, and the token field is a password field', () => {
    const document = dom(
      h(SignInPage, {
        check: async () => ({ kind: 'signed-in' as const }),
        reason: 'The service no longer accepts this token.',
      }),
    );
    const input = document.querySelector('input#token')!;
    expect(input.getAttribute('type')).to.equal('password');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(document.querySelector('#token-errors')!.textContent).to.equal('The service no longer accepts this token.');
    expect(document.querySelector('h1')!.textContent).to.equal('Portfolio console');
  });

  it('when a new project is opened, then the form has every field, labelled, empty, and a create button', () => {
    const document = dom(inConsole(h(ProjectEditorPage, { slug: undefined })));
    expect(document.querySelector('h1')!.textContent).to.equal('New project');
    const labels = [...document.querySelectorAll('label')].map((label) => label.textContent);
    expect(labels).to.deep.equal([
      'Title (required)',
      'Slug',
      'Summary (required)',
      'Description',
      'Started (required)',
      'Ended',
      'Tags',
      'Technologies',
      'Source code',
      'Live site',
      'Case study',
      'Status',
      'Featured (shown first)',
    ]);
    for (const label of document.querySelectorAll('label'))
      expect(document.getElementById(label.getAttribute('for')!), label.textContent).to.exist;
    expect(document.querySelector('button[type=submit]')!.textContent).to.equal('Create project');
    expect(document.querySelector('form')!.hasAttribute('novalidate')).to.be.true;
    expect(document.querySelectorAll('.button-danger')).to.have.length(0);
  });

  it('when an item is opened, then the editor shows it is loading until it is read', () => {
    const document = dom(
      inConsole(
        h(ResourceEditor<{ id: string }, { id: string }>, {
          noun: 'skill',
          itemKey: 's1',
          keyOf: (skill) => skill.id,
          load: () => new Promise<never>(noop),
          empty: { id: '' },
          toValues: (skill) => skill,
          save: () => new Promise<never>(noop),
          fields: [],
          renderFields: () => null,
        }),
      ),
    );
    expect(document.querySelector('[role=status]')!.textContent).to.equal('Loading the skill…');
    expect(document.querySelector('form')).to.equal(null);
  });
});
