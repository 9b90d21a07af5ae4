import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../../src/adapters/config/config.js';

/** `.env.example` at the root of the repository, line by line. */
const LINES = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8').split('\n');

/** `NAME=value` set, or `# NAME=example` shown but left unset: a variable's own line. */
const VARIABLE = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;

/** Every environment variable loadConfig reads, found by handing it an environment that records what is asked of it. */
function variablesRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy<NodeJS.ProcessEnv>(
    {},
    {
      get: (_, name) => void (typeof name === 'string' && read.add(name)),
      has: (_, name) => (typeof name === 'string' && read.add(name), false),
    },
  );
  loadConfig(env);
  return [...read].filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
}

describe('.env.example', () => {
  it('lists every variable the configuration reads, each after a one-line comment of its own', () => {
    const read = variablesRead();
    expect(read).to.include.members(['NODE_ENV', 'STORAGE', 'ADMIN_TOKEN', 'METRICS_TOKEN', 'CAPTCHA_SITE_KEY']);
    for (const name of read) {
      const index = LINES.findIndex((line) => VARIABLE.exec(line)?.[2] === name);
      expect(index, `${name} is read by src/adapters/config/config.ts but not listed in .env.example`).to.be.above(0);
      const comment = LINES[index - 1]!;
      expect(comment, `the line above ${name}`).to.match(/^# \S/);
      expect(VARIABLE.test(comment), `the line above ${name} is another variable, not its comment`).to.equal(false);
    }
  });

  it('gives the defaults: the variables it sets are read as if nothing were set', () => {
    const set = Object.fromEntries(
      LINES.flatMap((line) => {
        const match = VARIABLE.exec(line);
        return match && !match[1] ? [[match[2]!, match[3]!]] : [];
      }),
    );
    expect(Object.keys(set)).to.include.members(['PORT', 'STORAGE', 'TRUST_PROXY', 'CONTACT_RATE_LIMIT']);
    expect(loadConfig(set)).to.deep.equal(loadConfig({}));
  });
});
