/**
 * `npm run lint:docs`: fails when a relative link or image in README.md or in a
 * Markdown file under docs/ points outside the repository, names a file that is
 * not there, or names an anchor that no heading of the target Markdown file
 * makes. A clone has nothing but the repository, so every link must resolve
 * inside it. Links with a scheme (https:, mailto:) are not followed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** README.md and every Markdown file under docs/, relative to the root. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', ...docs.sort()];
}

/** Each problem with a file's links, as `file:line: link: what is wrong`. */
export function brokenLinks(root: string, file: string): string[] {
  const problems: string[] = [];
  for (const { url, line } of linksOf(readFileSync(join(root, file), 'utf8'))) {
    const problem = problemOf(root, file, url);
    if (problem) problems.push(`${file}:${line}: ${url}: ${problem}`);
  }
  return problems;
}

function problemOf(root: string, file: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  if (url.startsWith('/')) return 'an absolute path; write it relative to this file';
  const [path = '', anchor] = url.split('#');
  const target = path === '' ? join(root, file) : resolve(root, dirname(file), decodeURIComponent(path));
  const inside = relative(root, target);
  if (inside.startsWith('..') || isAbsolute(inside)) return 'points outside the repository';
  if (!existsSync(target)) return 'no such file';
  if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
    return `no heading makes the anchor #${anchor}`;
  }
  return undefined;
}

function linksOf(markdown: string): { url: string; line: number }[] {
  const links: { url: string; line: number }[] = [];
  walk(fromMarkdown(markdown), (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      links.push({ url: node.url, line: node.position?.start.line ?? 0 });
    }
  });
  return links;
}

/** The anchors GitHub gives a file's headings: lower-cased, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  walk(fromMarkdown(markdown), (node) => {
    if (node.type !== 'heading') return;
    const base = textOf(node)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  });
  return anchors;
}

function textOf(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  const problems = documentationFiles(root).flatMap((file) => brokenLinks(root, file));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
}
