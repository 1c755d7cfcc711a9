import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Prometheus metrics of one process. Request and job timings are observed as they happen; pool use,
 * queue depths, open alerts and stay counts are read when Prometheus scrapes, so they are true for
 * the whole deployment (the database and Redis are shared) and cost nothing between scrapes.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'cachly_http_request_duration_seconds',
    help: 'HTTP request durations by method, route (the pattern, not the path) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly jobDuration = new Histogram({
    name: 'cachly_job_duration_seconds',
    help: 'Durations of the jobs this process ran, by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  private readonly jobsFinished = new Counter({
    name: 'cachly_jobs_finished_total',
    help: 'Jobs this process finished, by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });

  private queues: Queue[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly discovery: DiscoveryService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cachly_process_' });
    this.defineScrapeTimeGauges();
  }

  onModuleInit(): void {
    // Every Bull queue any module registered, found rather than listed, so a feature's new queue is
    // measured without touching this file.
    this.queues = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as Partial<Queue> | undefined)
      .filter((q): q is Queue => !!q && typeof q.getJobCounts === 'function' && typeof q.process === 'function');
    for (const queue of this.queues) {
      queue.on('completed', (job: Job) => this.observeJob(queue.name, job, 'completed'));
      queue.on('failed', (job: Job) => this.observeJob(queue.name, job, 'failed'));
    }
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private observeJob(queue: string, job: Job, outcome: 'completed' | 'failed'): void {
    const labels = { queue, job: job.name, outcome };
    this.jobsFinished.inc(labels);
    if (job.processedOn && job.finishedOn) this.jobDuration.observe(labels, (job.finishedOn - job.processedOn) / 1000);
  }

  private defineScrapeTimeGauges(): void {
    const service = this;
    new Gauge({
      name: 'cachly_db_pool_connections',
      help: 'Database pool connections of this process, by state (total, idle, waiting clients)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = service.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'cachly_queue_jobs',
      help: 'Jobs in each Bull queue, by state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const queue of service.queues) {
          const counts = await queue.getJobCounts().catch(() => null);
          if (!counts) continue;
          for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
        }
      },
    });
    new Gauge({
      name: 'cachly_alerts_open',
      help: 'Unresolved alerts (open or acknowledged), by type',
      labelNames: ['type'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: { type: string; n: number }[] = await service.db
          .query(`SELECT type::text AS type, count(*)::int AS n FROM alerts WHERE status <> 'resolved' GROUP BY type`)
          .catch(() => []);
        for (const r of rows) this.set({ type: r.type }, r.n);
      },
    });
    // Counted from the stays themselves: one truth for every instance, and right after a restart.
    new Gauge({
      name: 'cachly_stays',
      help: 'Stays ever admitted (admitted), released so far (released) and open now (open)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const [row]: { admitted: number; released: number }[] = await service.db
          .query(`SELECT count(*)::int AS admitted, count(released_at)::int AS released FROM stays`)
          .catch(() => [undefined]);
        if (!row) return;
        this.set({ state: 'admitted' }, row.admitted);
        this.set({ state: 'released' }, row.released);
        this.set({ state: 'open' }, row.admitted - row.released);
      },
    });
  }

  private pool(): Pool | undefined {
    return (this.db.driver as unknown as { master?: Pool }).master;
  }
}
