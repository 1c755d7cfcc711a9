import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, TestApp } from './helpers/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

describe('The OpenAPI document', () => {
  let t: TestApp;
  let document: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('passes redocly lint with the recommended rules: no errors, no warnings', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cachly-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    // redocly exits non-zero when it finds errors; the JSON report says what they are either way.
    const { stdout } = await run(process.execPath, [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'], {
      cwd: ROOT,
      maxBuffer: 20 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: LintProblem[] };
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
  }, 120_000);

  it('lists operations in the order of the work, signing in first', () => {
    const tags: string[] = document.tags.map((tag: { name: string }) => tag.name);
    expect(tags[0]).toBe('auth');
    expect(tags.indexOf('stays')).toBeLessThan(tags.indexOf('alerts'));
    const firstPath = Object.keys(document.paths)[0];
    expect(firstPath).toMatch(/^\/api\/v1\/auth\//);
  });

  it('marks public operations as needing no token, and every other as needing one', () => {
    expect(document.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/api/v1/stays'].post.security).toBeUndefined();
    // A bearer token, or the console's session cookie.
    expect(document.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
  });

  it('carries examples for the main requests', () => {
    const examples = (op: any) => Object.keys(op.requestBody?.content?.['application/json']?.examples ?? {});
    expect(examples(document.paths['/api/v1/auth/login'].post)).not.toHaveLength(0);
    expect(examples(document.paths['/api/v1/stays'].post)).toEqual(['newPerson', 'registeredPerson']);
  });
});
