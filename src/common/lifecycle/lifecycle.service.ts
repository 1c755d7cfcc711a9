import { Injectable, Logger } from '@nestjs/common';

type Drain = () => Promise<unknown>;

/**
 * Whether the process is on its way out, and what must stop first when it is. Readiness reads
 * `shuttingDown`; features that take work from elsewhere (the job worker) register a drain that stops
 * taking new work and resolves when the work in hand is done.
 */
@Injectable()
export class Lifecycle {
  private readonly logger = new Logger(Lifecycle.name);
  private readonly drains = new Map<string, Drain>();
  private draining?: Promise<void>;

  get shuttingDown(): boolean {
    return this.draining !== undefined;
  }

  onDrain(name: string, drain: Drain): void {
    this.drains.set(name, drain);
  }

  /** Marks the process as shutting down and runs every drain at once; safe to call twice. */
  beginShutdown(): Promise<void> {
    this.draining ??= Promise.all(
      [...this.drains].map(([name, drain]) =>
        drain().catch((err: Error) => this.logger.warn(`${name} did not drain cleanly: ${err.message}`)),
      ),
    ).then(() => undefined);
    return this.draining;
  }
}
