import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * The console's typed API client is generated from the service's OpenAPI document. This test makes
 * the document again and fails when the committed types no longer match, so an API change reaches the
 * console (whose build then fails to compile where a screen relies on the old shape).
 * To regenerate after changing the API: `npm run api:client`.
 */
const SCHEMA_FILE = join(__dirname, '..', 'web', 'src', 'api', 'schema.d.ts');
const HEADER =
  '// Generated from the service\'s OpenAPI document by `npm run api:client` (test/api-client.e2e-spec.ts). Do not edit.\n\n';

describe('the console API client', () => {
  let t: TestApp;
  // Booting the app can take a while on a busy machine.
  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);
  afterAll(() => t?.close());

  it('matches the OpenAPI document the service publishes', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const generated = HEADER + generateTypes(doc);
    if (process.env.UPDATE_API_CLIENT) {
      writeFileSync(SCHEMA_FILE, generated);
      return;
    }
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== generated) {
      throw new Error('web/src/api/schema.d.ts is out of date with the API: run `npm run api:client` and fix the console where it no longer compiles.');
    }
  });
});

/** openapi-typescript is an ES module that Jest's CommonJS runtime cannot load: run its command line. */
function generateTypes(doc: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cachly-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'schema.d.ts');
    writeFileSync(input, JSON.stringify(doc));
    const cli = join(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, input, '--output', output, '--alphabetize'], { stdio: 'pipe' });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
