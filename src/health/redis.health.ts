import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs = 1000) {
    const check = this.indicator.check(key);
    try {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref());
      await Promise.race([this.redis.ping(), timeout]);
      return check.up();
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }
}
