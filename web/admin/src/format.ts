/** "3 Mar 2025": calendar dates and timestamps as the owner reads them, in the browser's language. */
export function formatDate(date: string): string {
  const value = new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
  return value.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: date.length === 10 ? 'UTC' : undefined,
  });
}

export function formatTimestamp(timestamp: string): string {
  return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
