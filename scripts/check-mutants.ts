/**
 * After `stryker run`: fails when a mutant survived (or no test reached it)
 * that is not one of the reviewed equivalent mutants of stryker.equivalent.json.
 * Stryker's own break threshold (85 %) catches a falling score; this catches a
 * single new survivor, such as an assertion that was dropped.
 */
import { readFileSync } from 'node:fs';

interface Location {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: Location;
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}
interface Equivalent {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  /**
   * Text the mutant's line must contain, where `original` alone would match
   * other places in the file too (a `false`, an empty string).
   */
  within?: string;
  why: string;
}

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8')) as Report;
const { equivalent } = JSON.parse(readFileSync('stryker.equivalent.json', 'utf8')) as { equivalent: Equivalent[] };

function originalText(source: string, { start, end }: Location): string {
  const lines = source.split('\n').slice(start.line - 1, end.line);
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, end.column - 1);
  lines[0] = lines[0]!.slice(start.column - 1);
  return lines.join('\n');
}

const unexplained: string[] = [];
const used = new Set<Equivalent>();
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  for (const mutant of mutants) {
    if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
    const original = originalText(source, mutant.location);
    const line = source.split('\n')[mutant.location.start.line - 1]!;
    const known = equivalent.find(
      (entry) =>
        entry.file === file &&
        entry.mutator === mutant.mutatorName &&
        entry.original === original &&
        entry.replacement === mutant.replacement &&
        (entry.within === undefined || line.includes(entry.within)),
    );
    if (known) used.add(known);
    else
      unexplained.push(
        `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.status} ${mutant.mutatorName}: ${original} → ${mutant.replacement}`,
      );
  }
}

for (const entry of equivalent.filter((e) => !used.has(e))) {
  console.log(
    `note: no longer surviving, drop it from stryker.equivalent.json: ${entry.file} ${entry.original} → ${entry.replacement}`,
  );
}
if (unexplained.length > 0) {
  console.error(
    `${unexplained.length} mutant(s) survived that no test kills and that are not reviewed as equivalent in stryker.equivalent.json:\n  ${unexplained.join('\n  ')}\nAdd the test that kills each one (or, if it is equivalent, list it with the reason).`,
  );
  process.exit(1);
}
console.log(`mutants: every survivor is a reviewed equivalent (${used.size} of stryker.equivalent.json)`);
