import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Lifecycle } from '../common/lifecycle/lifecycle.service';

/** The parts of readiness that are about this process itself: not stopping, schema up to date. */
@Injectable()
export class ReadinessIndicators {
  private migrationsDone = false;

  constructor(
    private readonly lifecycle: Lifecycle,
    @InjectDataSource() private readonly db: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  notShuttingDown(key: string) {
    const check = this.indicator.check(key);
    return this.lifecycle.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }

  /** Down while a migration is pending; once all have run it stays up (they cannot un-run). */
  async migrations(key: string) {
    const check = this.indicator.check(key);
    if (this.migrationsDone) return check.up();
    try {
      const pending = await this.db.showMigrations();
      if (pending) return check.down({ message: 'migrations are pending' });
      this.migrationsDone = true;
      return check.up();
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }
}
