import { expect } from 'chai';
import { offsetOf, toPage } from '../../../src/domain/shared/page.js';

describe('offsetOf', () => {
  it('when on the first page, then the offset is 0', () => {
    expect(offsetOf({ page: 1, limit: 20 })).to.equal(0);
  });

  it('when on page n, then it skips the (n - 1) pages before it', () => {
    expect(offsetOf({ page: 2, limit: 20 })).to.equal(20);
    expect(offsetOf({ page: 5, limit: 7 })).to.equal(28);
  });
});

describe('toPage', () => {
  it('keeps the items, total and request and counts the pages', () => {
    const page = toPage({ items: ['a', 'b'], total: 45 }, { page: 1, limit: 2 });
    expect(page).to.deep.equal({ items: ['a', 'b'], total: 45, page: 1, limit: 2, totalPages: 23 });
  });

  it('when the total is an exact multiple of the limit, then there is no extra page', () => {
    expect(toPage({ items: [], total: 40 }, { page: 1, limit: 20 }).totalPages).to.equal(2);
  });

  it('when one item spills over, then it gets a page of its own', () => {
    expect(toPage({ items: [], total: 41 }, { page: 1, limit: 20 }).totalPages).to.equal(3);
  });

  it('when on the last, partial page, then the request is kept as asked', () => {
    const page = toPage({ items: ['u'], total: 21 }, { page: 2, limit: 20 });
    expect(page).to.deep.equal({ items: ['u'], total: 21, page: 2, limit: 20, totalPages: 2 });
  });

  it('when the page is past the last one, then it is empty with correct totals', () => {
    const page = toPage({ items: [], total: 5 }, { page: 9, limit: 2 });
    expect(page).to.deep.equal({ items: [], total: 5, page: 9, limit: 2, totalPages: 3 });
  });

  it('when nothing matches, then there are zero pages', () => {
    expect(toPage({ items: [], total: 0 }, { page: 1, limit: 20 })).to.deep.equal({
      items: [],
      total: 0,
      page: 1,
      limit: 20,
      totalPages: 0,
    });
  });
});
