import { expect } from 'chai';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brokenLinks, documentationFiles } from '../../scripts/check-doc-links.js';
import { makeTestDir } from '../support/temp-dir.js';

describe('the documentation link check (npm run lint:docs)', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTestDir('doc-links-');
    await mkdir(join(root, 'docs/decisions'), { recursive: true });
    await writeFile(join(root, 'LICENSE'), 'MIT');
    await writeFile(join(root, 'docs/api.md'), '# The API\n\n## Caching, and If-Match\n\n## Caching, and If-Match\n');
    await writeFile(join(root, 'docs/decisions/README.md'), '# Decisions\n\nSee [the API](../api.md).\n');
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  const readme = (text: string) => writeFile(join(root, 'README.md'), text);

  it('when every link resolves inside the repository, then it reports nothing', async () => {
    await readme(
      [
        '# Project',
        '[licence](LICENSE), [API](docs/api.md), [caching](docs/api.md#caching-and-if-match),',
        '[again](docs/api.md#caching-and-if-match-1), [top](#project), [site](https://example.com), [mail](mailto:a@b.co)',
        '',
        '```sh',
        'cat [not-a-link](nowhere.md)',
        '```',
      ].join('\n'),
    );

    expect(documentationFiles(root)).to.deep.equal(['README.md', 'docs/api.md', 'docs/decisions/README.md']);
    expect(documentationFiles(root).flatMap((file) => brokenLinks(root, file))).to.deep.equal([]);
  });

  it('when links point outside the repository, at missing files or at missing anchors, then it names each with its line', async () => {
    await readme(
      [
        '# Project',
        '[contract](../shared/spec/API.md)',
        '[gone](docs/events.md) ![shot](docs/images/missing.png)',
        '[anchor](docs/api.md#no-such-heading) [here](#nothing)',
        '[rooted](/docs/api.md)',
      ].join('\n'),
    );

    expect(brokenLinks(root, 'README.md')).to.deep.equal([
      'README.md:2: ../shared/spec/API.md: points outside the repository',
      'README.md:3: docs/events.md: no such file',
      'README.md:3: docs/images/missing.png: no such file',
      'README.md:4: docs/api.md#no-such-heading: no heading makes the anchor #no-such-heading',
      'README.md:4: #nothing: no heading makes the anchor #nothing',
      'README.md:5: /docs/api.md: an absolute path; write it relative to this file',
    ]);
  });

  it('when a file under docs/ links, then its links are read relative to that file', async () => {
    await writeFile(
      join(root, 'docs/decisions/0001-x.md'),
      '[api](api.md) [root](../../LICENSE) [up](../../../x.md)\n',
    );

    expect(brokenLinks(root, 'docs/decisions/0001-x.md')).to.deep.equal([
      'docs/decisions/0001-x.md:1: api.md: no such file',
      'docs/decisions/0001-x.md:1: ../../../x.md: points outside the repository',
    ]);
  });
});
