import { Agent, request } from 'node:http';

/**
 * An open-model load: requests leave on a fixed schedule (one every 1000/rate ms) whatever the answers
 * do, over a pool of keep-alive connections, and each latency is measured from the time the request was
 * *due* to leave, so a slow answer that delays the next send still counts against the service
 * (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second, reset by a
 * one-second timer that every connection starts at the same moment, so the whole second's quota leaves
 * in one burst at each tick (100 admissions at once, then nothing). That measures how long a burst of
 * 100 takes to drain, not a steady 100/s; the benchmark reports both.
 */
export interface SteadyRun {
  /** Answers by status code (0 = the request failed before an answer). */
  statuses: Map<number, number>;
  /** Milliseconds from the scheduled send to the end of the answer, one per request, sorted. */
  latencies: number[];
  /** From the first scheduled send to the last answer. */
  seconds: number;
  samples: string[];
}

export interface SteadyLoad {
  url: string;
  connections: number;
  rate: number;
  amount: number;
  headers: Record<string, string>;
  /** Headers and body of request i (sent as JSON). */
  next: (i: number) => { headers: Record<string, string>; body: unknown };
}

export async function steadyArrivals(load: SteadyLoad): Promise<SteadyRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const samples: string[] = [];
  const intervalMs = 1000 / load.rate;
  const start = performance.now() + 50;
  let lastAnswer = start;

  const one = (i: number) =>
    new Promise<void>((done) => {
      const due = start + i * intervalMs;
      const { headers, body } = load.next(i);
      const payload = JSON.stringify(body);
      const finish = (status: number, text: string) => {
        lastAnswer = performance.now();
        latencies.push(lastAnswer - due);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if ((status < 200 || status > 299) && samples.length < 3) samples.push(`${status} ${text.slice(0, 300)}`);
        done();
      };
      const req = request(
        load.url,
        {
          method: 'POST',
          agent,
          headers: { ...load.headers, ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => finish(res.statusCode ?? 0, text));
        },
      );
      req.on('error', (err) => finish(0, err.message));
      req.end(payload);
    });

  const sent: Promise<void>[] = [];
  await new Promise<void>((allScheduled) => {
    let i = 0;
    // A timer per tick, catching up on every request whose time has come: setTimeout drifts, the schedule does not.
    const tick = () => {
      const now = performance.now();
      while (i < load.amount && start + i * intervalMs <= now) sent.push(one(i++));
      if (i < load.amount) setTimeout(tick, Math.max(0, start + i * intervalMs - performance.now()));
      else allScheduled();
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  await Promise.all(sent);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { statuses, latencies, seconds: (lastAnswer - start) / 1000, samples };
}
