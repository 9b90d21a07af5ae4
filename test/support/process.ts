import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { nodeArgs } from './compiled.js';

export interface ServiceProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output(): string;
  exit(): Promise<number | null>;
}

export interface SpawnOptions {
  /** A command that runs node, e.g. `['unshare', '-pf', '--mount-proc']` for a new PID namespace. */
  readonly wrapper?: readonly string[];
}

async function serviceCommand({ wrapper = [] }: SpawnOptions): Promise<[string, string[]]> {
  const node = [process.execPath, ...(await nodeArgs('src/main.ts'))];
  const [command, ...args] = [...wrapper, ...node];
  return [command!, args];
}

/**
 * Starts `src/main.ts` (compiled, see compiled.ts) as a user would, on a free
 * port, and resolves once it logs that it listens (or rejects with what it
 * printed when it exits first).
 */
export async function startService(env: Record<string, string>, options: SpawnOptions = {}): Promise<ServiceProcess> {
  const [command, args] = await serviceCommand(options);
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/[^"\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`service exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, output: () => output, exit: () => exited };
}

/** Runs `src/main.ts` (compiled) to completion (for start-up failures) and returns its exit code and output. */
export async function runService(
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<{ code: number | null; output: string }> {
  const [command, args] = await serviceCommand(options);
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: code as number | null, output };
}
