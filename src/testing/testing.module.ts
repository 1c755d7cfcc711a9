import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { StaysModule } from '../stays/stays.module';
import { TestingController } from './testing.controller';
import { TestingService } from './testing.service';

/** Test samples and results (xét nghiệm), and what a positive result does to a stay and its room. */
@Module({
  imports: [StaysModule],
  controllers: [TestingController],
  providers: [TestingService, IdempotencyService],
})
export class TestingModule {}
