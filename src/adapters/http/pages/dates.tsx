// Not Intl.DateTimeFormat: making one reads some 6 MB of ICU locale data into the process, for twelve words.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date (`YYYY-MM-DD`, as stored) as the page shows it: "Mar 2025", in English on every server. */
export function monthYear(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
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
