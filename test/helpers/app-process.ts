import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { ADMIN } from './test-app';

/** A free TCP port on the loopback interface (the OS picks it; other tests run on this machine too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process printed, for a failing test's message. */
  output: () => string;
  http: () => ReturnType<typeof request>;
  login: (username?: string, password?: string) => Promise<string>;
  /** Kills the process if it is still running (tests that end it themselves need not call this). */
  kill: () => Promise<void>;
}

/**
 * Starts the service as a real process (as `npm start` would, minus the build: TypeScript is
 * transpiled on load) against the given database and Redis prefix, on a free port, and waits until
 * its readiness probe answers 200.
 */
export async function startAppProcess(env: {
  DATABASE_URL: string;
  REDIS_PREFIX: string;
  [name: string]: string;
}): Promise<AppProcess> {
  const port = await freePort();
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'src', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      // Warnings and up: a test may read what the service said (e.g. about its shutdown).
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
      JOBS_SCHEDULER_ENABLED: 'false',
      DATABASE_POOL_SIZE: '10',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let ended = false;
  void exited.then(() => (ended = true));

  const url = `http://127.0.0.1:${port}`;
  const http = () => request(url);
  // Start-up on a busy machine (transpiling, migrating a fresh database) can take a while.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (ended) throw new Error(`the service exited during start-up:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become ready:\n${output.slice(-4000)}`);
    }
    const res = await http().get('/health/ready').catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    url,
    child,
    exited,
    output: () => output,
    http,
    login: async (username = ADMIN.username, password = ADMIN.password) => {
      const res = await http().post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return res.body.accessToken as string;
    },
    kill: async () => {
      if (ended) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
