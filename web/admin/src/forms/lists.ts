/** "a, b ,, c" → ["a", "b", "c"]: how a list of short words is typed in one field. */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** One item per line, blank lines dropped: how a list of sentences is typed in a text area. */
export function lineList(text: string): string[] {
  return text
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** An optional text: left out when blank. */
export function optional(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}
