/** Calendar dates as the page shows them: "Mar 2025", always in English and UTC, the same on every server. */
const MONTH_YEAR = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function monthYear(date: string): string {
  return MONTH_YEAR.format(new Date(`${date}T00:00:00.000Z`));
}

/** "Mar 2025 – present", or "Jun 2024 – Feb 2025", with machine-readable dates. */
export function Period({ start, end }: { start: string; end: string | null }) {
  return (
    <span class="period">
      <time dateTime={start}>{monthYear(start)}</time>
      {' – '}
      {end === null ? 'present' : <time dateTime={end}>{monthYear(end)}</time>}
    </span>
  );
}
