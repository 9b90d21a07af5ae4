import { expect } from 'chai';
import sinon from 'sinon';
import { jsonOf, keptFor, perEntity, rendered, resourceOf } from '../../../src/adapters/http/rendering.js';

describe('rendering', () => {
  describe('jsonOf', () => {
    const values: [string, unknown][] = [
      ['a string with quotes, a newline and an emoji', 'say "hi"\n🚀'],
      ['numbers, booleans and null', [0, -1.5, 1e21, Number.NaN, true, false, null]],
      [
        'undefined members, which are left out, and undefined items, which are null',
        { a: undefined, b: [undefined, 1] },
      ],
      ['functions and symbols, as JSON.stringify treats them', { f: () => 1, s: Symbol('s'), k: [() => 1] }],
      ['nested objects in key order', { z: { y: [{ x: 1 }] }, a: {} }],
      ['objects with toJSON', { buffer: Buffer.from('ab'), custom: { toJSON: () => ({ shown: true }) } }],
    ];
    for (const [what, value] of values) {
      it(`when given ${what}, then it writes what JSON.stringify writes`, () => {
        expect(jsonOf(value)).to.equal(JSON.stringify(value));
      });
    }

    it('when a presented entity sits inside a body, then its JSON is written once and reused', () => {
      let reads = 0;
      const present = perEntity((entity: { name: string }) => ({
        get name() {
          reads += 1;
          return entity.name;
        },
      }));
      const entity = { name: 'Ada' };
      expect(jsonOf({ data: [present(entity)] })).to.equal('{"data":[{"name":"Ada"}]}');
      expect(jsonOf({ other: present(entity) })).to.equal('{"other":{"name":"Ada"}}');
      expect(reads).to.equal(1);
    });
  });

  describe('perEntity', () => {
    it('when the same entity is presented twice, then the presenter runs once and gives the same object', () => {
      const present = sinon.spy((entity: { id: string }) => ({ id: entity.id }));
      const kept = perEntity(present);
      const entity = { id: 'a' };
      expect(kept(entity)).to.equal(kept(entity));
      expect(present.callCount).to.equal(1);
    });

    it('when an equal but new entity is presented (a changed entity is a new object), then it is presented anew', () => {
      const present = sinon.spy((entity: { id: string }) => ({ id: entity.id }));
      const kept = perEntity(present);
      expect(kept({ id: 'a' })).to.not.equal(kept({ id: 'a' }));
      expect(present.callCount).to.equal(2);
    });
  });

  describe('resourceOf', () => {
    it('when a presented entity is rendered twice, then the bytes and ETag are made once', () => {
      const presented = perEntity((entity: { id: string }) => ({ id: entity.id }))({ id: 'a' });
      const first = resourceOf(presented);
      expect(first.bytes.toString()).to.equal('{"data":{"id":"a"}}');
      expect(resourceOf(presented)).to.equal(first);
    });

    it('when a value is not a kept presentation, then it is rendered each time, with the same ETag', () => {
      const a = resourceOf({ id: 'a' });
      const b = resourceOf({ id: 'a' });
      expect(a).to.not.equal(b);
      expect(a.etag).to.equal(b.etag);
    });
  });

  describe('keptFor', () => {
    const maker = {};
    const render = () => sinon.spy(() => rendered('{"data":1}'));

    it('when the same value comes again for a slot, then the body is rendered once', () => {
      const make = render();
      const value = { items: [{ id: 'a' }], total: 1 };
      const first = keptFor(maker, '/same-value', value, make);
      expect(keptFor(maker, '/same-value', value, make)).to.equal(first);
      expect(make.callCount).to.equal(1);
    });

    it('when an equal value made of new objects comes (storage that reads anew), then the body is still reused', () => {
      const make = render();
      keptFor(maker, '/equal-value', { items: [{ id: 'a', tags: ['x'] }], total: 1 }, make);
      keptFor(maker, '/equal-value', { items: [{ id: 'a', tags: ['x'] }], total: 1 }, make);
      expect(make.callCount).to.equal(1);
    });

    for (const [what, changed] of [
      ['a member changes', { items: [{ id: 'a', tags: ['y'] }], total: 1 }],
      [
        'an item is added',
        {
          items: [
            { id: 'a', tags: ['x'] },
            { id: 'b', tags: [] },
          ],
          total: 2,
        },
      ],
      ['members come in another order', { total: 1, items: [{ id: 'a', tags: ['x'] }] }],
      ['an array becomes an object', { items: { 0: { id: 'a', tags: ['x'] } }, total: 1 }],
      ['a member becomes null', { items: null, total: 1 }],
    ] as const) {
      it(`when ${what}, then the body is rendered again`, () => {
        const make = render();
        const slot = `/changed/${what}`;
        keptFor(maker, slot, { items: [{ id: 'a', tags: ['x'] }], total: 1 }, make);
        keptFor(maker, slot, changed, make);
        expect(make.callCount).to.equal(2);
      });
    }

    it('when bodies are Buffers, then equal bytes are the same value and other bytes are not', () => {
      const make = render();
      keptFor(maker, '/bytes', { body: Buffer.from('a') }, make);
      keptFor(maker, '/bytes', { body: Buffer.from('a') }, make);
      expect(make.callCount).to.equal(1);
      keptFor(maker, '/bytes', { body: Buffer.from('b') }, make);
      keptFor(maker, '/bytes', { body: 'b' }, make);
      expect(make.callCount).to.equal(3);
    });

    it('when another maker (route) renders for the same slot, then it does not get the body the first one made', () => {
      const make = render();
      const value = { id: 'a' };
      keptFor(maker, '/shared', value, make);
      keptFor({}, '/shared', value, make);
      expect(make.callCount).to.equal(2);
    });

    it('when two slots get the same value, then each keeps its own body', () => {
      const make = render();
      const value = { id: 'a' };
      keptFor(maker, '/one', value, make);
      keptFor(maker, '/two', value, make);
      expect(make.callCount).to.equal(2);
    });
  });
});
