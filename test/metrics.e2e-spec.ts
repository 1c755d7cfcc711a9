import request from 'supertest';
import { MetricsModule } from '../src/metrics/metrics.module';
import { bearer } from './helpers/fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

describe('Prometheus metrics', () => {
  let t: TestApp;
  let metrics: () => request.Test;

  beforeAll(async () => {
    t = await createTestApp({ METRICS_PORT: '0' });
    const port = t.app.get(MetricsModule).port();
    metrics = () => request(`http://127.0.0.1:${port}`).get('/metrics');
  });
  afterAll(() => t.close());

  it('times requests by route pattern and status, never by raw path', async () => {
    await t.http().get('/api/v1/facilities').set(bearer(t.adminToken)).expect(200);
    await t.http().get('/api/v1/stays/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken)).expect(404);
    const text = (await metrics().expect(200)).text;
    expect(text).toMatch(/cachly_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/facilities",status="200"\} \d+/);
    expect(text).toMatch(/route="\/api\/v1\/stays\/:id",status="404"/);
    expect(text).not.toMatch(/00000000-0000-4000-8000-000000000000/);
  });

  it('reports pool use, queue depths, open alerts by type and stay counts', async () => {
    await t.sql(`SELECT 1`);
    await t.http().post('/api/v1/jobs/flag-capacity/run?wait=true').set(bearer(t.adminToken)).expect(200);
    const text = (await metrics().expect(200)).text;
    expect(text).toMatch(/cachly_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/cachly_queue_jobs\{queue="flag-jobs",state="completed"\} \d+/);
    expect(text).toMatch(/cachly_job_duration_seconds_count\{queue="flag-jobs",job="flag-capacity",outcome="completed"\} 1/);
    expect(text).toMatch(/# TYPE cachly_alerts_open gauge/);
    expect(text).toMatch(/cachly_stays\{state="admitted"\} 0/);
  });

  it('is not served on the public port', async () => {
    await t.http().get('/metrics').expect(404);
    await t.http().get('/api/v1/metrics').set(bearer(t.adminToken)).expect(404);
  });
});
