import { ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export { freePort } from './app-process';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stderr or stdout contains the text (or rejects after the timeout). */
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Runs one of Cachly's command-line entry points (the demo, the admin command, main.ts when it is
 * expected to stop) as a real child process, compiled on the fly without type checks, with the
 * environment given on top of this process's own, and keeps what it printed. A service expected to
 * become ready is started with startAppProcess (app-process.ts) instead.
 */
export function runEntryPoint(file: string, env: Record<string, string>, args: string[] = []): ServiceProcess {
  // A compiled entry point (.js, from compileService) runs as production runs it: plain node.
  const loader = file.endsWith('.js') ? [] : ['-r', 'ts-node/register/transpile-only'];
  const child = spawn(process.execPath, [...loader, join(ROOT, file), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', JOBS_SCHEDULER_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (d) => ((out += d), waiters.forEach((w) => w())));
  child.stderr!.on('data', (d) => ((err += d), waiters.forEach((w) => w())));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (text: string | RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => (typeof text === 'string' ? (out + err).includes(text) : text.test(out + err));
      if (seen()) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${text}; output:\n${out}\n${err}`)), timeoutMs);
      waiters.push(() => seen() && (clearTimeout(timer), resolve()));
      exited.then(() => !seen() && (clearTimeout(timer), reject(new Error(`exited before ${text}; output:\n${out}\n${err}`))));
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exited };
}

/**
 * Compiles the service as `npm run build` does (nest build, with the OpenAPI plugin), into a folder of
 * its own at the top of the checkout (where dist/ would be, so that node_modules and the files found
 * beside the code resolve alike), and returns it: entry points are then `${folder}/src/cli/demo.js` and
 * so on. Its own folder, not dist/, so that tests running at the same time never see a half-built dist/.
 */
export async function compileService(folder: string): Promise<string> {
  // nest build looks for its --path inside the checkout.
  const config = `${folder}.tsconfig.json`;
  writeFileSync(
    join(ROOT, config),
    JSON.stringify({ extends: join(ROOT, 'tsconfig.build.json'), compilerOptions: { outDir: join(ROOT, folder) } }),
  );
  await promisify(execFile)(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', '--path', config], {
    cwd: ROOT,
    maxBuffer: 1 << 24,
  });
  return folder;
}
