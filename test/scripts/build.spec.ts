import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildService, ROOT, SERVICE_ENTRY_POINTS } from '../../scripts/build.js';

describe('scripts/build.ts (npm run build, npm start)', function () {
  this.timeout(30_000);
  // Inside the repository, as dist/ is: a build finds the package's node_modules and package.json above it.
  let dist: string;

  beforeEach(() => {
    dist = join(ROOT, `.test-build-dist-${process.pid}`);
    rmSync(dist, { recursive: true, force: true });
  });

  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  const builds = () => readdirSync(join(dist, 'build'));

  it('when two builds run at once over an older kind of build, then dist/ holds one complete build and its pages, which every command runs', async () => {
    mkdirSync(join(dist, 'domain'), { recursive: true });
    writeFileSync(join(dist, 'domain', 'errors.js'), '');
    writeFileSync(join(dist, 'composition-root.js'), '');

    const [first, second] = await Promise.all([buildService({ dist }), buildService({ dist })]);

    expect(first).to.equal(second);
    expect(readdirSync(dist).sort()).to.deep.equal(['adapters', 'build', 'copy-storage.js', 'main.js', 'web']);
    expect(readdirSync(join(dist, 'web')).sort()).to.deep.equal(['admin', 'assets', 'docs', 'manifest.json']);
    expect(builds()).to.deep.equal([first]);
    for (const entry of SERVICE_ENTRY_POINTS) {
      const command = join(dist, entry.replace(/^src\//, '').replace(/\.ts$/, '.js'));
      expect(readFileSync(command, 'utf8')).to.include(`build/${first}/`);
    }
    const run = spawnSync(process.execPath, [join(dist, 'main.js')], { env: { PATH: process.env.PATH, PORT: 'x' } });
    expect(run.status).to.equal(1);
    expect(run.stderr.toString()).to.include('PORT: must be a whole number from 0 to 65535');
  });

  it('when the sources have not changed, then --if-changed builds nothing', async () => {
    const hash = await buildService({ dist });
    const built = statSync(join(dist, 'build', hash)).mtimeMs;

    expect(await buildService({ dist, ifChanged: true })).to.equal(hash);
    expect(statSync(join(dist, 'build', hash)).mtimeMs).to.equal(built);
  });
});
