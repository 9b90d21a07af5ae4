import { expect } from 'chai';
import { monthYear } from '../../../../src/adapters/http/pages/dates.js';

describe('calendar dates on the page (monthYear)', () => {
  it('when given the first day of each month, then it names the month as English Intl does, with the year', () => {
    const english = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    for (let month = 1; month <= 12; month++) {
      const date = `2025-${String(month).padStart(2, '0')}-01`;
      expect(monthYear(date), date).to.equal(english.format(new Date(`${date}T00:00:00.000Z`)));
    }
  });

  it('when given the last day of a year far from now, then the year is the stored one, whatever the time zone', () => {
    expect(monthYear('1999-12-31')).to.equal('Dec 1999');
    expect(monthYear('9999-01-01')).to.equal('Jan 9999');
  });
});
